"""Where the follow-up shows: the public register page, the API, the Atom feed and events, the statistics, and
the demo's entry with its conditions at three stages."""

import pytest
from django.urls import reverse

from accreditation.models import Condition
from accreditation.services import conditions as services
from accreditation.services.tasks import complete_task
from process.conditions_demo import DEMO_CONDITIONS, demo_conditions

from .conftest import conditional_entry, open_task

pytestmark = pytest.mark.django_db


def _meet(condition, staff, coordinator) -> None:
    complete_task(
        task=open_task(staff, "report_on_condition", condition),
        user=staff,
        action=lambda: services.report_on_condition(condition=condition, text="Done.", by=staff),
    )
    complete_task(
        task=open_task(coordinator, "assess_condition_report", condition),
        user=coordinator,
        action=lambda: services.assess_condition_report(condition=condition, assessment="met", note="", by=coordinator),
    )


def test_register_page_api_and_feed_show_open_conditions_and_outcomes(entry, client, provider_staff, coordinator):
    first, second = entry.condition_items.order_by("number")
    _meet(first, provider_staff, coordinator)
    page = client.get(f"/register/providers/{entry.provider_id}/").content.decode()
    assert "Appoint an external examiner." in page
    assert "open, due by" in page
    assert "Condition met" in page  # the history

    answer = client.get(f"/api/v1/entries/{entry.certificate_id}/", HTTP_ACCEPT="application/json").json()
    assert answer["open_conditions"] == [
        {"number": 2, "text": "Appoint an external examiner.", "due_on": second.due_on.isoformat(), "state": "open"}
    ]
    feed = client.get("/register/feed.atom").content.decode()
    assert "Condition met" in feed
    events = client.get("/register/events.json").json()
    assert "condition_met" in [event["kind"] for event in events["events"]]


def test_statistics_count_conditions_by_state(entry, client, provider_staff, coordinator):
    _meet(entry.condition_items.get(number=1), provider_staff, coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("reports:statistics")).content.decode()
    assert "Conditions by state" in page
    assert "Median days from the decision to a condition" in page


def test_the_demo_entry_has_one_condition_reported_one_met_and_one_open(
    provider, agency, authority, provider_staff, coordinator, authority_officer
):
    entry = conditional_entry(
        provider, agency, authority, provider_staff, coordinator, authority_officer, conditions=DEMO_CONDITIONS
    )
    demo_conditions(entry)
    states = list(entry.condition_items.order_by("number").values_list("state", flat=True))
    assert states == [Condition.State.REPORTED, Condition.State.MET, Condition.State.OPEN]
    open_task(coordinator, "assess_condition_report", entry.condition_items.get(number=1))
    open_task(provider_staff, "report_on_condition", entry.condition_items.get(number=3))
