"""Evidence is added only while the step that asks for it is open (issue 11): the draft for the self-evaluation
and annexes, an open information request for responses; never to a submitted application otherwise, nor to a
closed one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accreditation.models import Application, EvidenceDocument
from tests.factories import ApplicationFactory
from tests.flow import PDF_BYTES, task_of

pytestmark = pytest.mark.django_db


def _upload(client, application, kind):
    return client.post(
        f"/provider/applications/{application.pk}/evidence/",
        {"kind": kind, "title": "Late document", "file": SimpleUploadedFile("late.pdf", PDF_BYTES)},
    )


@pytest.mark.parametrize("kind", [EvidenceDocument.Kind.RESPONSE, EvidenceDocument.Kind.ANNEX])
def test_no_evidence_reaches_an_application_in_screening(driver, client, provider_staff, kind):
    before = driver.application.evidence.count()
    client.force_login(provider_staff)
    response = _upload(client, driver.application, kind)
    assert response.status_code == 400
    assert (
        "it can no longer be changed" in response.content.decode() or "information request" in response.content.decode()
    )
    assert driver.application.evidence.count() == before


@pytest.mark.parametrize("status", [Application.Status.ACCREDITED, Application.Status.REFUSED])
def test_no_response_reaches_a_closed_application(driver, client, provider_staff, status):
    # The rule looks at where the application stands; the flow is not needed to put it there.
    Application.objects.filter(pk=driver.application.pk).update(status=status)
    before = driver.application.evidence.count()
    client.force_login(provider_staff)
    assert _upload(client, driver.application, EvidenceDocument.Kind.RESPONSE).status_code == 400
    assert driver.application.evidence.count() == before


def test_a_draft_takes_annexes_but_not_responses(client, provider_staff, submitted):
    draft = ApplicationFactory(
        provider=submitted.provider, agency=submitted.agency, authority=submitted.authority, created_by=provider_staff
    )
    client.force_login(provider_staff)
    assert _upload(client, draft, EvidenceDocument.Kind.RESPONSE).status_code == 400
    assert not draft.evidence.exists()
    assert _upload(client, draft, EvidenceDocument.Kind.ANNEX).status_code == 302
    assert list(draft.evidence.values_list("kind", flat=True)) == ["annex"]


def test_a_response_is_attached_while_the_information_request_is_open_and_not_after(
    driver, client, coordinator, provider_staff
):
    driver.screen(coordinator, outcome="request_information", message="Send the annual quality report.")
    task = task_of(driver.refresh(), "revise")
    client.force_login(provider_staff)
    attach = f"/tasks/{task.pk}/revise/attach/"
    response = client.post(
        attach, {"kind": "response", "title": "Annual report", "file": SimpleUploadedFile("qr.pdf", PDF_BYTES)}
    )
    assert response.status_code in (200, 302)
    assert driver.application.evidence.filter(kind=EvidenceDocument.Kind.RESPONSE).count() == 1
    response = client.post(f"/tasks/{task.pk}/revise/", {"response": "Attached."})
    assert response.status_code == 302
    assert driver.refresh().status == Application.Status.SCREENING
    # The request is answered: the same provider can no longer slip a document in through either door.
    assert _upload(client, driver.application, EvidenceDocument.Kind.RESPONSE).status_code == 400
    client.post(
        attach, {"kind": "response", "title": "Afterthought", "file": SimpleUploadedFile("late.pdf", PDF_BYTES)}
    )
    assert driver.application.evidence.filter(kind=EvidenceDocument.Kind.RESPONSE).count() == 1


def test_the_draft_upload_form_does_not_offer_a_kind_a_draft_refuses(client, provider_staff, submitted):
    draft = ApplicationFactory(
        provider=submitted.provider, agency=submitted.agency, authority=submitted.authority, created_by=provider_staff
    )
    client.force_login(provider_staff)
    page = client.get(f"/provider/applications/{draft.pk}/").content.decode()
    assert 'value="annex"' in page and 'value="response"' not in page
