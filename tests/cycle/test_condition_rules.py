"""What the follow-up refuses, and to whom: bad reports keep what was typed, late reports are refused with the
reason, another organisation's people get 404, a lost role closes the task, and two assessments make one."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone
from viewflow.workflow.models import Task

from accreditation.models import Condition, ConditionReport, EvidenceDocument, Membership, RegisterEvent
from accreditation.services import conditions as services
from tests.factories import MembershipFactory

from .conftest import conditional_entry, open_task, task_url

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs real row locks: SQLite ignores SELECT FOR UPDATE and its in-memory test database is per thread",
)


@pytest.mark.django_db
def test_an_empty_report_is_refused_next_to_the_field(entry, client, provider_staff):
    condition = entry.condition_items.get(number=1)
    client.force_login(provider_staff)
    response = client.post(task_url(open_task(provider_staff, "report_on_condition", condition)), {"text": "  "})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    condition.refresh_from_db()
    assert condition.state == Condition.State.OPEN
    assert not condition.reports.exists()


@pytest.mark.django_db
def test_a_bad_file_is_refused_and_the_text_is_kept(entry, client, provider_staff):
    condition = entry.condition_items.get(number=1)
    client.force_login(provider_staff)
    fake = SimpleUploadedFile("evidence.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.post(
        task_url(open_task(provider_staff, "report_on_condition", condition)),
        {"text": "Our regulations, attached.", "files": [fake]},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "evidence.pdf" in page and "not a valid PDF" in page
    assert "Our regulations, attached." in page
    assert "choose the files again" in page
    assert not EvidenceDocument.objects.filter(kind=EvidenceDocument.Kind.CONDITION).exists()


@pytest.mark.django_db
def test_a_report_after_its_date_is_refused_with_the_reason_and_the_text_kept(entry, client, provider_staff):
    condition = entry.condition_items.get(number=1)
    # The date passed and the timers have not run yet: the task is still open, the page says why it cannot be sent.
    Condition.objects.filter(pk=condition.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(provider_staff)
    url = task_url(open_task(provider_staff, "report_on_condition", condition))
    assert "The report was due by" in client.get(url).content.decode()
    response = client.post(url, {"text": "Late but done."})
    page = response.content.decode()
    assert response.status_code == 400
    assert "The date has passed" in page
    assert "Late but done." in page
    condition.refresh_from_db()
    assert condition.state == Condition.State.OPEN
    assert not condition.reports.exists()


@pytest.mark.django_db
def test_other_organisations_get_404_on_every_step(
    entry, client, provider_staff, coordinator, other_provider_staff, other_coordinator, other_officer
):
    condition = entry.condition_items.get(number=1)
    report = open_task(provider_staff, "report_on_condition", condition)
    for outsider in (other_provider_staff, other_coordinator, other_officer, coordinator):
        client.force_login(outsider)
        assert client.get(task_url(report)).status_code == 404
        assert client.post(task_url(report), {"text": "Not mine."}).status_code == 404
    assert not condition.reports.exists()
    # The task's id under another step's URL is not found either, even by its owner.
    client.force_login(provider_staff)
    assert client.get(f"/tasks/{report.pk}/assess-condition-report/").status_code == 404


@pytest.mark.django_db
def test_a_coordinator_who_leaves_the_agency_loses_the_task(entry, client, provider_staff, coordinator, agency):
    condition = entry.condition_items.get(number=1)
    client.force_login(provider_staff)
    client.post(task_url(open_task(provider_staff, "report_on_condition", condition)), {"text": "Done."})
    task = open_task(coordinator, "assess_condition_report", condition)
    Membership.objects.filter(user=coordinator, agency=agency).delete()
    client.force_login(coordinator)
    assert client.get(task_url(task)).status_code == 404
    assert client.post(task_url(task), {"assessment": "met"}).status_code == 404
    condition.refresh_from_db()
    assert condition.state == Condition.State.REPORTED
    MembershipFactory(user=coordinator, role="coordinator", agency=agency)


@pytest.mark.django_db
def test_a_second_assessment_of_the_same_report_changes_nothing(entry, client, provider_staff, coordinator):
    condition = entry.condition_items.get(number=1)
    client.force_login(provider_staff)
    client.post(task_url(open_task(provider_staff, "report_on_condition", condition)), {"text": "Done."})
    client.force_login(coordinator)
    url = task_url(open_task(coordinator, "assess_condition_report", condition))
    assert client.post(url, {"assessment": "met"}).status_code == 302
    again = client.post(url, {"assessment": "not_met", "note": "Changed my mind."}, follow=True)
    assert "already been completed" in again.content.decode()
    with pytest.raises(ValidationError):
        services.assess_condition_report(condition=condition, assessment="not_met", note="x", by=coordinator)
    condition.refresh_from_db()
    assert condition.state == Condition.State.MET
    assert entry.events.filter(kind__startswith="condition_").count() == 1


@needs_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_assessments_at_once_make_one_effect(
    reference_data, provider, agency, authority, provider_staff, coordinator, authority_officer
):
    entry = conditional_entry(provider, agency, authority, provider_staff, coordinator, authority_officer)
    condition = entry.condition_items.get(number=1)
    from accreditation.services.tasks import complete_task

    complete_task(
        task=open_task(provider_staff, "report_on_condition", condition),
        user=provider_staff,
        action=lambda: services.report_on_condition(condition=condition, text="Done.", by=provider_staff),
    )
    task = open_task(coordinator, "assess_condition_report", condition)
    url = task_url(task)
    barrier, answers = threading.Barrier(2), []

    def assess(outcome: str) -> None:
        client = Client()
        client.force_login(coordinator)
        barrier.wait()
        answers.append(client.post(url, {"assessment": outcome, "note": "Checked."}).status_code)
        connection.close()

    threads = [threading.Thread(target=assess, args=(o,)) for o in ("met", "not_met")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [302, 302]  # one done, the other told it was already done
    condition.refresh_from_db()
    assert ConditionReport.objects.filter(condition=condition).exclude(assessment="").count() == 1
    outcome_events = RegisterEvent.objects.filter(entry=entry, kind__startswith="condition_")
    assert outcome_events.count() == 1
    assert Task.objects.filter(process_id=condition.process_id, flow_task_type="HUMAN", status="ASSIGNED").count() <= 1
