"""The register's background XLSX download answers `modified_since` as the inline download does (it built the
whole register before: issue 10's leftover)."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from accreditation.models import RegisterEntry, RegisterEvent
from jobs.models import Job
from tests.factories import ProviderFactory, make_register_entry

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def certificate_ids(content: bytes) -> list:
    rows = list(load_workbook(io.BytesIO(content), read_only=True)["Register"].iter_rows(values_only=True))
    return [row[0] for row in rows[1:]]


@pytest.fixture
def changed_since():
    """Two entries recorded a month ago; one of them changed a minute ago. Returns (cut-off, the changed one)."""
    old, changed = (
        make_register_entry(provider=ProviderFactory(country="IE")),
        make_register_entry(provider=ProviderFactory(country="IE"), credentials=3),
    )
    month_ago = timezone.now() - datetime.timedelta(days=30)
    RegisterEntry.objects.update(updated_at=month_ago)
    RegisterEvent.objects.update(recorded_at=month_ago)
    RegisterEntry.objects.filter(pk=changed.pk).update(updated_at=timezone.now() - datetime.timedelta(minutes=1))
    return (timezone.now() - datetime.timedelta(days=1)).date().isoformat(), changed, old


def test_background_xlsx_takes_modified_since_like_the_inline_one(
    client, settings, changed_since, django_capture_on_commit_callbacks
):
    since, changed, old = changed_since
    settings.JOBS_RUN_INLINE = True
    settings.REGISTER_EXPORT_INLINE_MAX = 100
    inline = certificate_ids(body(client.get("/register/export.xlsx", {"modified_since": since})))
    assert inline == [changed.certificate_id] * 3  # one row per accredited micro-credential

    settings.REGISTER_EXPORT_INLINE_MAX = 0  # every spreadsheet is built in the background
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/register/export.xlsx", {"modified_since": since})
    assert response.status_code == 302 and response.url.startswith("/register/exports/")
    job = Job.objects.get(kind=Job.Kind.REGISTER_EXPORT)
    assert job.status == Job.Status.DONE and job.total == 1  # one entry changed since
    background = certificate_ids(body(client.get(response.url + "register.xlsx")))
    assert background == inline
    assert old.certificate_id not in background


def test_background_xlsx_without_modified_since_has_everything(
    client, settings, changed_since, django_capture_on_commit_callbacks
):
    _since, changed, old = changed_since
    settings.JOBS_RUN_INLINE = True
    settings.REGISTER_EXPORT_INLINE_MAX = 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/register/export.xlsx")
    ids = certificate_ids(body(client.get(response.url + "register.xlsx")))
    assert sorted(set(ids)) == sorted({changed.certificate_id, old.certificate_id}) and len(ids) == 2 + 3


def test_a_bad_modified_since_is_refused_before_any_job_starts(client, settings, changed_since):
    settings.REGISTER_EXPORT_INLINE_MAX = 0
    response = client.get("/register/export.xlsx", {"modified_since": "last week"})
    assert response.status_code == 400 and "modified_since" in response.content.decode()
    assert not Job.objects.exists()
