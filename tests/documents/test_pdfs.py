"""The documents the system issues, read back as text: what a reader of the PDF would see."""

import hashlib
from io import BytesIO

import pytest
from pypdf import PdfReader

from accreditation.models import Decision, IssuedDocument
from accreditation.services.documents import issue_document
from tests.factories import make_register_entry
from tests.flow import Driver, draft_application

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), reader


@pytest.fixture
def decided(client, provider, agency, authority, provider_staff, coordinator, authority_officer, reviewers):
    from accreditation.models import MicroCredential
    from accreditation.services.applications import submit_application

    provider.legal_name = "Πανεπιστήμιο & Co <b>Łódź</b>"
    provider.save()
    application = draft_application(provider, agency, authority, provider_staff)
    MicroCredential.objects.filter(provider=provider).update(
        learning_outcomes="Analyse <b>data</b> & evaluate models\nОценить качество данных (Кириллица)\n"
        + "\n".join(f"Design analysis step {n} with Ελληνικά notes" for n in range(80))
    )
    application = submit_application(application=application, by=provider_staff)
    driver = Driver(client, application)
    driver.to_decision(coordinator, reviewers, provider_staff)
    driver.decide(authority_officer, Decision.Outcome.ACCREDIT_WITH_CONDITIONS, conditions="Publish grading rules")
    return driver.refresh()


def document(application, kind):
    return application.documents.get(kind=kind)


def test_review_report_prints_user_text_as_typed_in_any_script(decided):
    text, reader = pdf_text(document(decided, IssuedDocument.Kind.FINAL_REPORT).file.read())
    assert "Πανεπιστήμιο & Co <b>Łódź</b>" in text
    assert "Analyse <b>data</b> & evaluate models" in text
    assert "Кириллица" in text
    assert "Ελληνικά" in text
    assert "1.3 Student-centred learning, teaching and assessment: Fully compliant" in text
    assert len(reader.pages) > 1
    assert "Page 1 of" in text
    assert reader.metadata.title == f"Review report {decided.reference}"
    assert reader.metadata.author == decided.agency.name


def test_draft_report_is_marked_draft_and_final_has_the_comments(decided):
    draft_text, _ = pdf_text(document(decided, IssuedDocument.Kind.DRAFT_REPORT).file.read())
    final_text, _ = pdf_text(document(decided, IssuedDocument.Kind.FINAL_REPORT).file.read())
    assert "DRAFT for the provider's comments" in draft_text
    assert "No factual errors." not in draft_text
    assert "No factual errors." in final_text  # the comment from Driver.comment, annexed


def test_decision_letter_gives_outcome_conditions_validity_and_appeal(decided):
    text, reader = pdf_text(document(decided, IssuedDocument.Kind.DECISION_LETTER).file.read())
    entry = decided.register_entry
    assert "Decision: Accredit with conditions" in text
    assert "Publish grading rules" in text
    assert f"valid from {entry.valid_from.isoformat()} until {entry.valid_until.isoformat()}" in text
    assert "may appeal against this decision within 30 days" in text
    assert reader.metadata.author == decided.authority.name


def test_certificate_carries_id_scope_and_verification_url(decided, settings):
    entry = decided.register_entry
    text, _ = pdf_text(document(decided, IssuedDocument.Kind.CERTIFICATE).file.read())
    assert entry.certificate_id in text
    assert f"{settings.SITE_URL}/register/verify/{entry.certificate_id}/" in text.replace("\n", "")
    for item in entry.scope_items.all():
        assert item.title in text


def test_qr_code_encodes_the_verification_url(settings):
    from accreditation.documents import certificate_data
    from config.site import site_url
    from reports.pdf.documents import qr_drawing

    entry = make_register_entry(certificate_id="MC-TEST-0001")
    data = certificate_data(entry)
    assert data.verify_url == f"{site_url()}/register/verify/MC-TEST-0001/"
    widget = qr_drawing(data.verify_url).contents[0]
    assert widget.value == data.verify_url


def test_issuing_again_makes_a_new_version_and_leaves_the_first_untouched(decided):
    first = document(decided, IssuedDocument.Kind.DECISION_LETTER)
    first_bytes = first.file.read()
    second = issue_document(
        application=decided, kind=IssuedDocument.Kind.DECISION_LETTER, decision=decided.decisions.final().get()
    )
    assert second.version == 2
    first.refresh_from_db()
    assert (
        hashlib.sha256(first.file.open("rb").read()).hexdigest()
        == first.sha256
        == hashlib.sha256(first_bytes).hexdigest()
    )


def test_documents_are_served_only_to_those_involved(
    decided, client, provider_staff, other_provider_staff, authority_officer, outsider
):
    final = document(decided, IssuedDocument.Kind.FINAL_REPORT)
    draft = document(decided, IssuedDocument.Kind.DRAFT_REPORT)
    client.force_login(provider_staff)
    response = client.get(f"/documents/{final.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"
    for user in (other_provider_staff, outsider):
        client.force_login(user)
        assert client.get(f"/documents/{final.pk}/").status_code == 404
    client.force_login(authority_officer)
    assert client.get(f"/documents/{final.pk}/").status_code == 200
    assert client.get(f"/documents/{draft.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/documents/{final.pk}/").status_code == 302


def test_public_documents_of_published_accreditations_only(decided, client, driver_for_refusal=None):
    client.logout()
    final = document(decided, IssuedDocument.Kind.FINAL_REPORT)
    draft = document(decided, IssuedDocument.Kind.DRAFT_REPORT)
    assert client.get(f"/register/documents/{final.pk}/").status_code == 200
    assert client.get(f"/register/documents/{draft.pk}/").status_code == 404


def test_officer_reissues_certificates_in_a_background_job(
    decided, client, authority_officer, provider_staff, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_RUN_INLINE = True
    first = document(decided, IssuedDocument.Kind.CERTIFICATE)
    client.force_login(authority_officer)
    assert "Reissue the certificates of all current entries" in client.get("/authority/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/authority/certificates/reissue/", {"confirmed": "yes"})
    page = client.get(response.url).content.decode()
    assert "1 certificate reissued as a new version." in page
    assert f"{decided.register_entry.certificate_id} — v2" in page
    versions = decided.documents.filter(kind=IssuedDocument.Kind.CERTIFICATE).order_by("version")
    assert [d.version for d in versions] == [1, 2]
    assert versions[0].sha256 == first.sha256
    client.force_login(provider_staff)
    assert client.post("/authority/certificates/reissue/").status_code == 404
    assert client.get(response.url).status_code == 404
