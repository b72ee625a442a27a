"""The access matrix's part of the conditions follow-up: an entry of provider A with three conditions, one at
each human step (to report, to assess, to decide), whose task ids the matrix rows name."""

from accreditation.models import Condition
from accreditation.services import conditions as services

from .conftest import conditional_entry, open_task

THREE = "Publish the regulations.\nAppoint an examiner.\nSurvey the learners."


def add_condition_tasks(world, provider, agency, authority, staff, coordinator, officer) -> None:
    entry = conditional_entry(provider, agency, authority, staff, coordinator, officer, conditions=THREE)
    first, second, third = entry.condition_items.order_by("number")
    world.ids["report condition task"] = open_task(staff, "report_on_condition", first).pk
    for condition in (second, third):
        open_task(staff, "report_on_condition", condition)  # the flow's task, completed as the page does
        _complete(
            staff,
            "report_on_condition",
            condition,
            lambda c=condition: services.report_on_condition(condition=c, text="Done.", by=staff),
        )
    world.ids["assess condition task"] = open_task(coordinator, "assess_condition_report", second).pk
    _complete(
        coordinator,
        "assess_condition_report",
        third,
        lambda: services.assess_condition_report(
            condition=third, assessment="not_met", note="Not done.", by=coordinator
        ),
    )
    assert Condition.objects.get(pk=third.pk).state == Condition.State.NOT_MET
    world.ids["decide condition task"] = open_task(officer, "decide_on_condition", third).pk


def _complete(user, node_name, condition, action) -> None:
    from accreditation.services.tasks import complete_task

    complete_task(task=open_task(user, node_name, condition), user=user, action=action)
