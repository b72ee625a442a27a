"""Answering an information request: what the provider typed survives attaching and removing files, attached
files can be taken back until the answer is sent, and a file chosen but not attached goes with the answer."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accreditation.models import EvidenceDocument
from tests.flow import PDF_BYTES, task_of

pytestmark = pytest.mark.django_db

ANSWER = "Our assessment regulations were revised in 2025; see the annex."


@pytest.fixture
def revise_task(driver, coordinator, provider_staff, client):
    driver.screen(coordinator, outcome="request_information", message="Send the assessment regulations.")
    task = task_of(driver.refresh(), "revise", owner=provider_staff)
    client.force_login(provider_staff)
    return task


def pdf(name="rules.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def test_attaching_a_file_keeps_the_typed_answer(revise_task, client):
    response = client.post(
        f"/tasks/{revise_task.pk}/revise/attach/",
        {"response": ANSWER, "title": "Assessment regulations", "kind": "response", "file": pdf()},
    )
    assert response.status_code == 302
    page = client.get(f"/tasks/{revise_task.pk}/revise/").content.decode()
    assert ANSWER in page
    assert "Assessment regulations" in page


def test_a_refused_file_keeps_the_typed_answer(revise_task, client):
    response = client.post(
        f"/tasks/{revise_task.pk}/revise/attach/",
        {"response": ANSWER, "title": "Notes", "kind": "response", "file": SimpleUploadedFile("a.pdf", b"text")},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "not a valid PDF" in body and ANSWER in body


def test_the_answer_and_its_buttons_are_one_form(revise_task, client):
    page = client.get(f"/tasks/{revise_task.pk}/revise/").content.decode()
    assert page.count('enctype="multipart/form-data"') == 1
    assert f'formaction="/tasks/{revise_task.pk}/revise/attach/"' in page


def test_an_attached_file_can_be_removed_and_the_answer_kept(revise_task, client, driver):
    client.post(
        f"/tasks/{revise_task.pk}/revise/attach/",
        {"response": "first words", "title": "Wrong file", "kind": "response", "file": pdf()},
    )
    document = driver.application.evidence.get(title="Wrong file")
    page = client.get(f"/tasks/{revise_task.pk}/revise/").content.decode()
    assert f'formaction="/tasks/{revise_task.pk}/revise/remove/"' in page and f'value="{document.pk}"' in page
    response = client.post(f"/tasks/{revise_task.pk}/revise/remove/", {"response": ANSWER, "document": document.pk})
    assert response.status_code == 302
    assert not EvidenceDocument.objects.filter(pk=document.pk).exists()
    page = client.get(f"/tasks/{revise_task.pk}/revise/").content.decode()
    assert ANSWER in page and "“Wrong file” is removed from your answer." in page
    assert f"/evidence/{document.pk}/" not in page
    assert driver.application.audit_events.filter(verb="removed evidence").exists()


def test_documents_of_the_application_cannot_be_removed_through_the_answer(revise_task, client, driver):
    evidence = driver.application.evidence.get(kind=EvidenceDocument.Kind.SELF_EVALUATION)
    response = client.post(f"/tasks/{revise_task.pk}/revise/remove/", {"document": evidence.pk}, follow=True)
    assert "Only a document attached to the answer you have not sent yet can be removed" in response.content.decode()
    assert EvidenceDocument.objects.filter(pk=evidence.pk).exists()
    assert client.post(f"/tasks/{revise_task.pk}/revise/remove/", {"document": "x"}).status_code == 302


def test_someone_else_cannot_remove(revise_task, client, coordinator):
    client.force_login(coordinator)
    assert client.post(f"/tasks/{revise_task.pk}/revise/remove/", {"document": 1}).status_code == 404


def test_sending_attaches_a_chosen_file_and_clears_the_draft(revise_task, client, driver):
    client.post(f"/tasks/{revise_task.pk}/revise/attach/", {"response": "draft", "title": "", "kind": "response"})
    response = client.post(
        f"/tasks/{revise_task.pk}/revise/",
        {"response": ANSWER, "title": "Regulations", "kind": "response", "file": pdf()},
    )
    assert response.status_code == 302
    request = driver.application.information_requests.get()
    assert request.response == ANSWER
    assert driver.application.evidence.filter(kind="response", title="Regulations").exists()
    assert client.session.get(f"answer-draft-{revise_task.pk}") is None


def test_sending_without_an_answer_keeps_the_file_choice_visible_and_says_what_is_missing(revise_task, client):
    response = client.post(f"/tasks/{revise_task.pk}/revise/", {"response": ""})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
