"""The demo's conditions follow-up: an accredited entry whose conditions are at three stages, done through the
same task completions the pages make: the first reported (the coordinator has it to assess), the second met,
the third still open (the provider has it to report on)."""

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accreditation.models import Condition, RegisterEntry
from accreditation.services import conditions as services
from accreditation.services.tasks import complete_task

DEMO_CONDITIONS = (
    "Report on the assessment moderation within twelve months.\n"
    "Publish the appeals procedure for learners on the website.\n"
    "Involve an external examiner in the final assessment of each micro-credential."
)


def _task(condition: Condition, step: str):
    return next(
        task
        for task in Task.objects.filter(process_id=condition.process_id, status=STATUS.ASSIGNED)
        if task.flow_task.name == step
    )


def _complete(condition: Condition, step: str, service) -> None:
    """Complete the condition's open task of this step as its owner would on its page."""
    task = _task(condition, step)
    complete_task(task=task, user=task.owner, action=lambda: service(task.owner))


def demo_conditions(entry: RegisterEntry) -> None:
    """Move the first two conditions of an entry with at least three (DEMO_CONDITIONS) on: one reported, one met."""
    first, second, *_rest = entry.condition_items.order_by("number")
    reports = {
        first: "Our moderation report for the first cohort is attached to the annual review.",
        second: "The procedure is published at https://example.ie/appeals since March.",
    }
    for condition, text in reports.items():
        _complete(
            condition,
            "report_on_condition",
            lambda by, c=condition, t=text: services.report_on_condition(condition=c, text=t, by=by),
        )
    _complete(
        second,
        "assess_condition_report",
        lambda by: services.assess_condition_report(
            condition=second, assessment="met", note="Checked on the website.", by=by
        ),
    )
