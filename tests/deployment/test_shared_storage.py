"""Files go through Django's storage API only, so that a shared store (S3-compatible, by configuration) can hold
them for several web processes: evidence, issued documents and background downloads all work on a storage that is
not a local folder at all: django-storages' S3 backend, configured as `FILE_STORAGE=s3` configures it, talking to
moto's stand-in of the S3 API in this process."""

import io

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from moto import mock_aws
from openpyxl import load_workbook

from accreditation.models import IssuedDocument
from accreditation.services.documents import issue_document
from config.settings import s3_storage_settings
from tests.factories import ApplicationFactory, MicroCredentialFactory, make_register_entry
from tests.flow import PDF_BYTES

pytestmark = pytest.mark.django_db


BUCKET = "microcred-files"


@pytest.fixture(autouse=True)
def s3_storage(settings, monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        boto3.client("s3", region_name="eu-west-1").create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        settings.STORAGES = {**settings.STORAGES, "default": s3_storage_settings(bucket=BUCKET, region="eu-west-1")}
        yield


def stored_in_the_bucket(name: str) -> bytes:
    return boto3.client("s3", region_name="eu-west-1").get_object(Bucket=BUCKET, Key=name)["Body"].read()


def test_evidence_is_stored_and_served_through_the_configured_storage(client, provider_staff, provider, agency):
    draft = ApplicationFactory(provider=provider, agency=agency, created_by=provider_staff)
    draft.micro_credentials.set([MicroCredentialFactory(provider=provider)])
    client.force_login(provider_staff)
    response = client.post(
        f"/provider/applications/{draft.pk}/evidence/",
        {
            "kind": "self_evaluation",
            "title": "Self-evaluation report",
            "file": SimpleUploadedFile("ser.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    document = draft.evidence.get()
    assert stored_in_the_bucket(document.file.name) == PDF_BYTES
    download = client.get(f"/applications/{draft.pk}/evidence/{document.pk}/")
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_issued_documents_are_stored_and_served_through_the_configured_storage(client):
    entry = make_register_entry()
    document = issue_document(
        application=entry.application, kind=IssuedDocument.Kind.CERTIFICATE, decision=entry.decision
    )
    assert stored_in_the_bucket(document.file.name).startswith(b"%PDF")
    served = b"".join(client.get(f"/register/documents/{document.pk}/").streaming_content)
    assert served.startswith(b"%PDF") and len(served) == document.file.size


def test_a_background_download_is_written_to_and_served_from_the_configured_storage(
    client, settings, django_capture_on_commit_callbacks
):
    settings.REGISTER_EXPORT_INLINE_MAX = 0
    settings.JOBS_RUN_INLINE = True
    entry = make_register_entry()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/register/export.xlsx", follow=True)
    job_page = response.redirect_chain[-1][0]
    workbook = b"".join(client.get(f"{job_page}register.xlsx").streaming_content)
    sheet = load_workbook(io.BytesIO(workbook), read_only=True).worksheets[0]
    assert entry.provider.legal_name in {cell for row in sheet.iter_rows(values_only=True) for cell in row}
