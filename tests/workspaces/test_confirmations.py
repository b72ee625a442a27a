"""Actions that cannot be undone ask first, on a page of their own that works without JavaScript: submitting,
rejecting as ineligible, deciding, withdrawing an entry, reissuing every certificate. Going back keeps what was
typed; only the confirmed post acts."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accreditation.models import Application
from accreditation.models.register import EntryStatus
from jobs.models import Job
from tests.factories import make_register_entry
from tests.flow import PDF_BYTES, draft_application, task_of

pytestmark = pytest.mark.django_db


def asks(response, *phrases):
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="confirmed" value="yes"' in body and 'name="confirmed" value="no"' in body
    assert "<script" not in body.split("</main>")[0].split("<main")[-1]  # the step needs no script
    for phrase in phrases:
        assert phrase in body, phrase
    return body


def test_submitting_a_draft_asks_first(client, provider, agency, authority, provider_staff, coordinator):
    draft = draft_application(provider, agency, authority, provider_staff)
    client.force_login(provider_staff)
    url = f"/provider/applications/{draft.pk}/submit/"
    asks(client.post(url), "You can no longer edit the application", "Submit the application")
    draft.refresh_from_db()
    assert draft.status == Application.Status.DRAFT
    back = client.post(url, {"confirmed": "no"})
    assert back.status_code == 302 and back.url == f"/provider/applications/{draft.pk}/"
    assert client.post(url, {"confirmed": "yes"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Application.Status.SCREENING


def test_a_draft_that_cannot_be_submitted_is_refused_without_asking(
    client, provider, agency, authority, provider_staff
):
    draft = draft_application(provider, agency, authority, provider_staff)
    draft.evidence.all().delete()
    client.force_login(provider_staff)
    response = client.post(f"/provider/applications/{draft.pk}/submit/")
    assert response.status_code == 400 and "Submission refused" in response.content.decode()


def test_rejecting_as_ineligible_asks_and_going_back_keeps_the_reasons(driver, client, coordinator):
    task = task_of(driver.application, "screen")
    client.force_login(coordinator)
    url = f"/tasks/{task.pk}/screen/"
    data = {"outcome": "ineligible", "message": "Not established in Ireland."}
    body = asks(client.post(url, data), "Reject the application", "Not established in Ireland.")
    assert 'type="hidden" name="outcome" value="ineligible"' in body
    back = client.post(url, {**data, "confirmed": "no"}).content.decode()
    assert "Not established in Ireland." in back and re.search(r'value="ineligible"[^>]*checked', back)
    assert driver.refresh().status == Application.Status.SCREENING
    assert client.post(url, {**data, "confirmed": "yes"}).status_code == 302
    assert driver.refresh().status == Application.Status.INELIGIBLE


def test_accepting_a_screening_does_not_ask(driver, client, coordinator):
    task = task_of(driver.application, "screen")
    client.force_login(coordinator)
    assert client.post(f"/tasks/{task.pk}/screen/", {"outcome": "accept", "message": ""}).status_code == 302


def test_deciding_asks_with_what_follows(driver, client, coordinator, reviewers, provider_staff, authority_officer):
    driver.to_decision(coordinator, reviewers, provider_staff)
    task = task_of(driver.refresh(), "decide")
    client.force_login(authority_officer)
    url = f"/tasks/{task.pk}/decide/"
    data = {"outcome": "refuse", "rationale": "Assessment is not valid.", "conditions": ""}
    asks(client.post(url, data), "Record this decision", "the appeal period opens", "Assessment is not valid.")
    assert driver.refresh().status == Application.Status.DECISION
    back = client.post(url, {**data, "confirmed": "no"}).content.decode()
    assert "Assessment is not valid." in back
    assert client.post(url, {**data, "confirmed": "yes"}).status_code == 302
    assert driver.refresh().status == Application.Status.REFUSED


def test_an_invalid_decision_shows_its_errors_before_asking(
    driver, client, coordinator, reviewers, provider_staff, authority_officer
):
    driver.to_decision(coordinator, reviewers, provider_staff)
    task = task_of(driver.refresh(), "decide")
    client.force_login(authority_officer)
    response = client.post(f"/tasks/{task.pk}/decide/", {"outcome": "refuse", "rationale": ""})
    assert 'name="confirmed" value="yes"' not in response.content.decode()


def test_withdrawing_an_entry_asks_but_suspending_does_not(client, authority_officer):
    entry = make_register_entry()
    entry.authority = authority_officer.memberships.get().authority
    entry.save()
    client.force_login(authority_officer)
    url = f"/register/entries/{entry.pk}/manage/"
    asks(client.post(url, {"change": "withdrawn", "reason": "Provider closed."}), "A withdrawal is final")
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ACTIVE
    assert (
        client.post(url, {"change": "withdrawn", "reason": "Provider closed.", "confirmed": "yes"}).status_code == 302
    )
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WITHDRAWN
    other = make_register_entry()
    other.authority = entry.authority
    other.save()
    response = client.post(f"/register/entries/{other.pk}/manage/", {"change": "suspended", "reason": "Complaint"})
    assert response.status_code == 302


def test_reissuing_all_certificates_asks_first(client, authority_officer):
    client.force_login(authority_officer)
    page = client.get("/authority/").content.decode()
    assert 'action="/authority/certificates/reissue/"' in page
    asks(client.post("/authority/certificates/reissue/"), "Reissue all certificates", "cannot be undone")
    assert not Job.objects.exists()
    back = client.post("/authority/certificates/reissue/", {"confirmed": "no"})
    assert back.status_code == 302 and back.url == "/authority/"
    assert not Job.objects.exists()


def test_the_upload_of_the_answer_is_not_affected(driver, client, coordinator, provider_staff):
    driver.screen(coordinator, outcome="request_information", message="Send the rules.")
    task = task_of(driver.refresh(), "revise", owner=provider_staff)
    client.force_login(provider_staff)
    response = client.post(
        f"/tasks/{task.pk}/revise/",
        {"response": "Here.", "title": "Rules", "kind": "response", "file": SimpleUploadedFile("r.pdf", PDF_BYTES)},
    )
    assert response.status_code == 302
