"""Every path of the accreditation flow, driven end to end through the web UI as the real personas."""

import pytest
from django.core import mail
from viewflow.workflow.status import PROCESS

from accreditation.models import Application, Decision, IssuedDocument, RegisterEntry
from tests.flow import task_of

pytestmark = pytest.mark.django_db


def kinds(application):
    return sorted(application.documents.values_list("kind", flat=True))


def test_accredit_path_publishes_the_register_entry(
    client, driver, coordinator, reviewers, provider_staff, authority_officer
):
    driver.to_decision(coordinator, reviewers, provider_staff)
    assert driver.refresh().status == Application.Status.DECISION
    driver.decide(authority_officer, Decision.Outcome.ACCREDIT)

    application = driver.refresh()
    assert application.status == Application.Status.ACCREDITED
    assert application.process.status == PROCESS.DONE
    entry = RegisterEntry.objects.get(application=application)
    assert entry.provider == application.provider
    assert entry.status == "active" and not entry.with_conditions
    assert sorted(entry.scope_items.values_list("title", flat=True)) == sorted(
        application.submitted_versions.values_list("title", flat=True)
    )
    assert (entry.valid_until.year - entry.valid_from.year) == 6
    assert entry.events.get().kind == "published"
    assert kinds(application) == ["certificate", "decision_letter", "draft_report", "final_report"]
    # At once searchable by the public, by a title and by the level of what was accredited.
    item = entry.scope_items.first()
    body = client.get("/register/", {"q": item.title, "eqf_level": item.eqf_level}).content.decode()
    assert "1 provider entry" in body and entry.provider.legal_name in body


def test_accredit_with_conditions_lists_them_on_the_entry(
    driver, coordinator, reviewers, provider_staff, authority_officer
):
    driver.to_decision(coordinator, reviewers, provider_staff, officer_recommendation="accredit")
    driver.decide(
        authority_officer,
        Decision.Outcome.ACCREDIT_WITH_CONDITIONS,
        conditions="Publish assessment criteria\nReport on completion rates within a year",
    )
    application = driver.refresh()
    assert application.status == Application.Status.ACCREDITED_WITH_CONDITIONS
    entry = application.register_entry
    assert entry.with_conditions
    assert entry.decision.condition_lines == [
        "Publish assessment criteria",
        "Report on completion rates within a year",
    ]


def test_refuse_path_ends_without_register_entry(driver, coordinator, reviewers, provider_staff, authority_officer):
    driver.to_decision(coordinator, reviewers, provider_staff)
    driver.decide(authority_officer, Decision.Outcome.REFUSE, rationale="Assessment is not valid.")
    application = driver.refresh()
    assert application.status == Application.Status.REFUSED
    assert application.process.status == PROCESS.DONE
    assert not RegisterEntry.objects.filter(application=application).exists()
    assert "decision_letter" in kinds(application)
    assert application.decisions.get().rationale == "Assessment is not valid."


def test_information_request_loop_returns_to_screening(driver, coordinator, provider_staff, client):
    driver.screen(coordinator, outcome="request_information", message="Send the assessment regulations.")
    application = driver.refresh()
    assert application.status == Application.Status.INFORMATION_REQUESTED

    client.force_login(provider_staff)
    task = task_of(application, "revise", owner=provider_staff)
    page = client.get(f"/tasks/{task.pk}/revise/").content.decode()
    assert "Send the assessment regulations." in page

    driver.post(provider_staff, "revise", {"response": "Attached as annex 3."})
    application = driver.refresh()
    assert application.status == Application.Status.SCREENING
    assert application.information_requests.get().response == "Attached as annex 3."
    assert task_of(application, "screen", owner=coordinator)


def test_send_back_returns_to_consolidation_and_can_then_accredit(
    driver, coordinator, reviewers, provider_staff, authority_officer
):
    driver.to_decision(coordinator, reviewers, provider_staff)
    driver.decide(authority_officer, Decision.Outcome.SEND_BACK, rationale="Explain standard 1.3 further.")
    application = driver.refresh()
    assert application.status == Application.Status.CONSOLIDATION
    assert task_of(application, "consolidate", owner=coordinator)

    driver.consolidate(coordinator)
    driver.comment(provider_staff, "Still no factual errors.")
    driver.finalise(coordinator)
    driver.decide(authority_officer, Decision.Outcome.ACCREDIT)
    application = driver.refresh()
    assert application.status == Application.Status.ACCREDITED
    assert list(application.decisions.values_list("outcome", flat=True)) == ["send_back", "accredit"]


def test_ineligible_path_closes_with_reasons(driver, coordinator, provider_staff, client):
    driver.screen(coordinator, outcome="ineligible", message="The provider is not established in Ireland.")
    application = driver.refresh()
    assert application.status == Application.Status.INELIGIBLE
    assert application.process.status == PROCESS.DONE
    client.force_login(provider_staff)
    page = client.get(f"/applications/{application.pk}/").content.decode()
    assert "The provider is not established in Ireland." in page


def test_each_hand_over_emails_the_next_person_with_a_link(
    driver, coordinator, reviewers, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        driver.screen(coordinator)
    task = task_of(driver.refresh(), "compose_panel")
    message = next(m for m in mail.outbox if coordinator.email in m.to)
    assert f"/tasks/{task.pk}/" in message.body


def test_screening_without_a_message_keeps_the_choice_and_explains(driver, coordinator, client):
    task = task_of(driver.application, "screen")
    client.force_login(coordinator)
    response = client.post(f"/tasks/{task.pk}/screen/", {"outcome": "request_information", "message": ""})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Write the message" in body
    assert 'value="request_information" required checked' in body or "checked" in body
    assert driver.refresh().status == Application.Status.SCREENING


def test_history_shows_who_did_what(driver, coordinator, provider_staff, client):
    driver.screen(coordinator)
    client.force_login(provider_staff)
    page = client.get(f"/applications/{driver.application.pk}/").content.decode()
    assert "submitted" in page
    assert "screened" in page
    assert coordinator.get_full_name() in page


def test_issued_documents_are_versions_that_never_change(driver, coordinator, reviewers, provider_staff):
    driver.to_decision(coordinator, reviewers, provider_staff)
    draft = driver.application.documents.get(kind=IssuedDocument.Kind.DRAFT_REPORT)
    assert draft.version == 1
    assert draft.file.read()[:5] == b"%PDF-"


def test_provider_attaches_documents_to_the_answer(driver, coordinator, provider_staff, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.flow import PDF_BYTES

    driver.screen(coordinator, outcome="request_information", message="Send the assessment regulations.")
    task = task_of(driver.refresh(), "revise", owner=provider_staff)
    client.force_login(provider_staff)
    response = client.post(
        f"/tasks/{task.pk}/revise/attach/",
        {"title": "Assessment regulations", "kind": "response", "file": SimpleUploadedFile("rules.pdf", PDF_BYTES)},
    )
    assert response.status_code == 302
    assert "Assessment regulations" in client.get(f"/tasks/{task.pk}/revise/").content.decode()
    bad = client.post(
        f"/tasks/{task.pk}/revise/attach/",
        {"title": "Not a PDF", "kind": "response", "file": SimpleUploadedFile("rules.pdf", b"plain text")},
    )
    assert bad.status_code == 400 and "not a valid PDF" in bad.content.decode()
    assert driver.application.evidence.filter(kind="response").count() == 1
    client.force_login(coordinator)
    assert client.post(f"/tasks/{task.pk}/revise/attach/", {}).status_code == 404
