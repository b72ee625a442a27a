"""The provider workspace: profile, catalogue, drafts, evidence and submission, with bad input and permissions."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from accreditation.models import Application, EvidenceDocument, MicroCredential
from frameworks.models import Level
from tests.factories import ApplicationFactory, MicroCredentialFactory
from tests.flow import PDF_BYTES

pytestmark = pytest.mark.django_db


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def xlsx_bytes(macro: bool = False) -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    if not macro:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/vbaProject.bin", b"\x00macro")
    return out.getvalue()


@pytest.fixture
def draft(provider, agency, authority, provider_staff, coordinator):
    application = ApplicationFactory(provider=provider, agency=agency, authority=authority, created_by=provider_staff)
    application.micro_credentials.set([MicroCredentialFactory(provider=provider)])
    return application


def upload(client, draft, name, content, kind="self_evaluation"):
    return client.post(
        f"/provider/applications/{draft.pk}/evidence/",
        {"kind": kind, "title": "Self-evaluation report", "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("ser.pdf", PDF_BYTES, "pdf"),
        ("ser.docx", docx_bytes(), "docx"),
        ("ser.odt", odt_bytes(), "odt"),
        ("ser.xlsx", xlsx_bytes(), "xlsx"),
    ],
)
def test_real_documents_are_accepted_and_stored_privately(client, provider_staff, draft, name, content, fmt, settings):
    client.force_login(provider_staff)
    assert upload(client, draft, name, content).status_code == 302
    document = draft.evidence.get()
    assert document.format == fmt and document.size == len(content)
    assert str(settings.PRIVATE_FILES_ROOT) in document.file.path
    assert name not in document.file.name  # stored under a generated name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00 this is an executable", "content is not a valid PDF, DOCX, ODT or XLSX"),
        ("fake.docx", zipfile.ZipFile.__name__.encode() + b" not a zip", "content is not a valid"),
        ("report.docx", PDF_BYTES, "named .docx but its content is PDF"),
        ("macros.xlsx", xlsx_bytes(macro=True), "macro-enabled files are refused"),
        ("script.exe", PDF_BYTES, "Only PDF, DOCX, ODT and XLSX files are accepted."),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(client, provider_staff, draft, name, content, message):
    client.force_login(provider_staff)
    response = upload(client, draft, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'value="Self-evaluation report"' in response.content.decode()  # the title typed is kept
    assert not draft.evidence.exists()


def test_a_docx_zip_without_its_document_is_refused(client, provider_staff, draft):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    client.force_login(provider_staff)
    assert upload(client, draft, "hollow.docx", buffer.getvalue()).status_code == 400


def test_oversized_files_are_refused(client, provider_staff, draft, settings):
    settings.ACCREDITATION = {**settings.ACCREDITATION, "EVIDENCE_MAX_BYTES": 100}
    client.force_login(provider_staff)
    response = upload(client, draft, "big.pdf", PDF_BYTES + b"0" * 200)
    assert "the limit is 100" in response.content.decode()


def test_submission_with_missing_elements_is_refused_with_the_list(client, provider_staff, draft, provider):
    incomplete = MicroCredential.objects.create(provider=provider, title="Half-described course")
    draft.micro_credentials.add(incomplete)
    client.force_login(provider_staff)
    response = client.post(f"/provider/applications/{draft.pk}/submit/")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Submission refused" in body
    assert "Half-described course" in body and "Missing mandatory element: Awarding body." in body
    assert "Attach the self-evaluation report." in body
    draft.refresh_from_db()
    assert draft.status == Application.Status.DRAFT


def test_submission_freezes_the_versions_and_later_edits_do_not_change_them(client, provider_staff, draft):
    client.force_login(provider_staff)
    upload(client, draft, "ser.pdf", PDF_BYTES)
    response = client.post(f"/provider/applications/{draft.pk}/submit/", {"confirmed": "yes"})
    assert response.status_code == 302 and response.url == f"/applications/{draft.pk}/"
    draft.refresh_from_db()
    assert draft.status == Application.Status.SCREENING
    version = draft.submitted_versions.get()
    credential = version.micro_credential
    credential.title = "Renamed later"
    credential.save()
    assert draft.submitted_versions.get().title != "Renamed later"


def test_a_submitted_application_can_no_longer_be_edited(client, provider_staff, draft):
    client.force_login(provider_staff)
    upload(client, draft, "ser.pdf", PDF_BYTES)
    client.post(f"/provider/applications/{draft.pk}/submit/", {"confirmed": "yes"})
    assert upload(client, draft, "annex.pdf", PDF_BYTES, kind="annex").status_code == 400
    assert draft.evidence.count() == 1
    assert client.get(f"/provider/applications/{draft.pk}/").url == f"/applications/{draft.pk}/"


def test_credential_form_derives_eqf_and_explains_errors(client, provider_staff, provider):
    client.force_login(provider_staff)
    level = Level.objects.get(framework__code="IE-NFQ", code="7")
    response = client.post(
        f"/provider/catalogue/new/?provider={provider.pk}",
        {"title": "Cloud Basics", "nqf_level": level.pk, "ects": "abc", "languages": "English", "workload_hours": "50"},
    )
    body = response.content.decode()
    assert "Enter a number." in body
    assert "Give two-letter language codes" in body
    assert 'value="Cloud Basics"' in body
    response = client.post(
        f"/provider/catalogue/new/?provider={provider.pk}",
        {"title": "Cloud Basics", "nqf_level": level.pk, "ects": "2", "languages": "en", "workload_hours": "50"},
    )
    credential = MicroCredential.objects.get(title="Cloud Basics")
    assert credential.eqf_level == 6  # IE-NFQ 7 is EQF 6
    page = client.get(f"/provider/catalogue/{credential.pk}/").content.decode()
    assert "IE-NFQ 7 corresponds to EQF level 6." in page
    assert "Missing mandatory element: Awarding body." in page


def test_findings_refresh_for_what_is_being_typed(client, provider_staff, provider):
    client.force_login(provider_staff)
    level = Level.objects.get(framework__code="UK-SCQF", code="1")
    body = client.post(
        "/provider/catalogue/findings/", {"provider": provider.pk, "title": "X", "nqf_level": level.pk}
    ).content.decode()
    assert "UK-SCQF 1 is not referenced to the EQF" in body


def test_profile_rejects_a_bad_pic_and_keeps_the_rest(client, provider_staff, provider):
    client.force_login(provider_staff)
    response = client.post(
        "/provider/profile/",
        {
            "legal_name": "New Name College",
            "type": "university",
            "country": "IE",
            "pic": "12AB",
            "website": "not a url",
        },
    )
    body = response.content.decode()
    assert "A PIC has exactly nine digits." in body and "Enter a valid URL." in body
    assert 'value="New Name College"' in body
    provider.refresh_from_db()
    assert provider.legal_name == "Atlantic Technological College"


def test_other_people_cannot_reach_a_providers_pages(client, draft, other_provider_staff, coordinator, outsider):
    credential = draft.micro_credentials.get()
    EvidenceDocument.objects.create(
        application=draft,
        kind="annex",
        title="A",
        file="evidence/x",
        original_name="a.pdf",
        format="pdf",
        size=1,
        sha256="0",
        uploaded_by=draft.created_by,
    )
    evidence = draft.evidence.get()
    urls = [
        f"/provider/applications/{draft.pk}/",
        f"/provider/catalogue/{credential.pk}/",
        f"/applications/{draft.pk}/evidence/{evidence.pk}/",
    ]
    for user in (other_provider_staff, coordinator, outsider):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
    for user in (coordinator, outsider):
        client.force_login(user)
        assert client.get("/provider/").status_code == 404
    client.logout()
    assert client.get("/provider/").status_code == 302


def test_catalogue_list_query_count_is_constant(client, provider_staff, provider, django_assert_max_num_queries):
    client.force_login(provider_staff)
    MicroCredentialFactory(provider=provider)
    with django_assert_max_num_queries(15) as baseline:
        client.get("/provider/")
    for _ in range(10):
        MicroCredentialFactory(provider=provider)
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        client.get("/provider/")
