"""The conditions follow-up driven through its pages as the real personas: the provider reports, the
coordinator assesses, the authority officer decides on a condition not met."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accreditation.models import Condition, ConditionReport, RegisterEvent
from accreditation.models.register import EntryStatus, entry_state

from .conftest import open_task, pass_report_deadline, pdf, task_url

pytestmark = pytest.mark.django_db


def test_conditions_are_rows_with_a_due_date_from_the_setting(entry, settings):
    conditions = list(entry.condition_items.order_by("number"))
    assert [c.text for c in conditions] == [
        "Publish the assessment regulations of every micro-credential.",
        "Appoint an external examiner.",
    ]
    decided = timezone.localdate(entry.decision.decided_at)
    assert all(c.state == Condition.State.OPEN for c in conditions)
    assert conditions[0].due_on == decided.replace(year=decided.year + 1)
    assert all(c.process_id for c in conditions)


def test_provider_reports_and_coordinator_finds_the_condition_met(
    entry, client, provider_staff, coordinator, authority_officer, django_capture_on_commit_callbacks
):
    condition = entry.condition_items.get(number=1)
    client.force_login(provider_staff)
    tasks_page = client.get("/tasks/").content.decode()
    assert "Report on a condition" in tasks_page
    task = open_task(provider_staff, "report_on_condition", condition)
    page = client.get(task_url(task)).content.decode()
    assert "Publish the assessment regulations" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            task_url(task), {"text": "All regulations are on our website.", "files": [pdf("regulations.pdf")]}
        )
    assert response.status_code == 302
    condition.refresh_from_db()
    assert condition.state == Condition.State.REPORTED
    report = condition.reports.get()
    assert report.documents.get().original_name == "regulations.pdf"
    assert any(coordinator.email in m.to for m in mail.outbox)

    client.force_login(coordinator)
    task = open_task(coordinator, "assess_condition_report", condition)
    page = client.get(task_url(task)).content.decode()
    assert "All regulations are on our website." in page
    assert "regulations.pdf" in page
    document = report.documents.get()
    download = client.get(f"/applications/{entry.application_id}/evidence/{document.pk}/")
    assert download.status_code == 200
    response = client.post(task_url(task), {"assessment": "met", "note": ""})
    assert response.status_code == 302
    condition.refresh_from_db()
    assert condition.state == Condition.State.MET
    assert condition.process.status == "DONE"
    event = entry.events.get(kind=RegisterEvent.Kind.CONDITION_MET)
    assert "Publish the assessment regulations" in event.reason
    assert entry_state(entry).status == EntryStatus.ACTIVE

    # The public history shows the outcome; the other condition is still listed as open with its due date.
    public = client.get(f"/register/providers/{entry.provider_id}/").content.decode()
    assert "Condition met" in public
    assert "Appoint an external examiner." in public


def test_more_information_sends_the_condition_back_to_the_provider(entry, client, provider_staff, coordinator):
    condition = entry.condition_items.get(number=2)
    client.force_login(provider_staff)
    client.post(task_url(open_task(provider_staff, "report_on_condition", condition)), {"text": "We are looking."})
    client.force_login(coordinator)
    task = open_task(coordinator, "assess_condition_report", condition)
    missing_reason = client.post(task_url(task), {"assessment": "more_info", "note": ""})
    assert missing_reason.status_code == 400
    assert "Give the reasons" in missing_reason.content.decode()
    client.post(task_url(task), {"assessment": "more_info", "note": "Name the examiner."})
    condition.refresh_from_db()
    assert condition.state == Condition.State.OPEN
    assert condition.reports.get().assessment == ConditionReport.Assessment.MORE_INFORMATION
    client.force_login(provider_staff)
    again = open_task(provider_staff, "report_on_condition", condition)
    page = client.get(task_url(again)).content.decode()
    assert "Name the examiner." in page
    assert client.post(task_url(again), {"text": "Dr Byrne, from 1 March."}).status_code == 302
    assert condition.reports.count() == 2


def test_not_met_goes_to_the_officer_who_extends_the_due_date(
    entry, client, provider_staff, coordinator, authority_officer
):
    condition = entry.condition_items.get(number=2)
    client.force_login(provider_staff)
    client.post(task_url(open_task(provider_staff, "report_on_condition", condition)), {"text": "Not yet."})
    client.force_login(coordinator)
    client.post(
        task_url(open_task(coordinator, "assess_condition_report", condition)),
        {"assessment": "not_met", "note": "No examiner is appointed."},
    )
    condition.refresh_from_db()
    assert condition.state == Condition.State.NOT_MET
    assert entry.events.filter(kind=RegisterEvent.Kind.CONDITION_NOT_MET).exists()
    client.force_login(authority_officer)
    assert "Decide on a condition not met" in client.get("/tasks/").content.decode()
    task = open_task(authority_officer, "decide_on_condition", condition)
    new_date = timezone.localdate() + datetime.timedelta(days=90)
    missing = client.post(task_url(task), {"decision": "extend", "reason": "One more term."})
    assert missing.status_code == 400
    assert "Give the new due date" in missing.content.decode()
    response = client.post(
        task_url(task), {"decision": "extend", "due_on": new_date.isoformat(), "reason": "One more term."}
    )
    assert response.status_code == 302
    condition.refresh_from_db()
    assert (condition.state, condition.due_on) == (Condition.State.OPEN, new_date)
    assert entry.events.filter(kind=RegisterEvent.Kind.CONDITION_EXTENDED).exists()
    open_task(provider_staff, "report_on_condition", condition)


def test_no_report_by_the_date_gives_the_officer_a_task_who_suspends_with_dates(
    entry, client, provider_staff, authority_officer, django_capture_on_commit_callbacks
):
    condition = entry.condition_items.get(number=1)
    pass_report_deadline(condition)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("workflow_timers", stdout=StringIO())
    condition.refresh_from_db()
    assert condition.state == Condition.State.NOT_MET
    assert any(authority_officer.email in m.to for m in mail.outbox)
    # The provider's task on it is gone; the other condition's is still there.
    reports = Task.objects.filter(owner=provider_staff, status=STATUS.ASSIGNED, flow_task_type="HUMAN")
    assert [t.process_id for t in reports] == [entry.condition_items.get(number=2).process_id]

    client.force_login(authority_officer)
    task = open_task(authority_officer, "decide_on_condition", condition)
    today = timezone.localdate()
    past = client.post(
        task_url(task),
        {"decision": "suspend", "suspend_from": (today - datetime.timedelta(days=1)).isoformat(), "reason": "Late."},
    )
    assert past.status_code == 400
    assert "starts today or later" in past.content.decode()
    start, end = today + datetime.timedelta(days=1), today + datetime.timedelta(days=31)
    response = client.post(
        task_url(task),
        {"decision": "suspend", "suspend_from": start.isoformat(), "suspend_until": end.isoformat(), "reason": "Late."},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ACTIVE  # from tomorrow
    suspension = entry.suspensions.get()
    assert (suspension.starts_on, suspension.ends_on) == (start, end)
    condition.refresh_from_db()
    assert condition.authority_decision == "suspend"
    assert condition.process.status == "DONE"


def test_withdrawal_on_a_condition_asks_for_confirmation(entry, client, authority_officer):
    condition = entry.condition_items.get(number=1)
    pass_report_deadline(condition)
    call_command("workflow_timers", stdout=StringIO())
    client.force_login(authority_officer)
    task = open_task(authority_officer, "decide_on_condition", condition)
    asked = client.post(task_url(task), {"decision": "withdraw", "reason": "Never reported."})
    assert asked.status_code == 200
    assert "A withdrawal is final" in asked.content.decode()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ACTIVE
    client.post(task_url(task), {"decision": "withdraw", "reason": "Never reported.", "confirmed": "yes"})
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WITHDRAWN
