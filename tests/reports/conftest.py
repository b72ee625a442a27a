"""Helpers of the reports tests: catalogue workbooks built as a provider would fill them, and uploads."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from reports.catalogue import COLUMNS, HEADERS

# A complete, well-aligned row (IE-NFQ 6 is EQF 5; 3 ECTS for 75 hours).
GOOD = {
    "reference": "SOL-101",
    "title": "Solar Installation Basics",
    "awarding_body": "Atlantic Technological College",
    "country": "IE",
    "learning_outcomes": "Install photovoltaic panels safely\nEvaluate the suitability of a roof\nDesign a small array",
    "workload_hours": 75,
    "ects": 3,
    "nqf_level": "IE-NFQ 6",
    "assessment_type": "practical",
    "participation_form": "blended",
    "quality_assurance": "Programme approval by the academic council",
    "field": "07",
    "languages": "en",
}


@pytest.fixture(autouse=True)
def inline_jobs(settings):
    settings.JOBS_RUN_INLINE = True


def workbook_bytes(rows, headers=HEADERS, sheet_title="Catalogue", edit=None) -> bytes:
    """A workbook with the template's header row and one row per dict (column key -> cell value)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(headers)
    keys = [column.key for column in COLUMNS]
    for row in rows:
        sheet.append([row.get(key) for key in keys])
    if edit:
        edit(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def replace_member(content: bytes, name: str, data: bytes) -> bytes:
    """The same .xlsx with one of its parts replaced."""
    members = {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for info in archive.infolist():
            members[info.filename] = archive.read(info)
    members[name] = data
    return zip_bytes(members)


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    """Post a file to the import page, running the job it starts; returns the response."""

    def post(content: bytes, name: str = "catalogue.xlsx"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/provider/catalogue/import/", {"workbook": SimpleUploadedFile(name, content)})

    return post


@pytest.fixture
def confirm(client, django_capture_on_commit_callbacks):
    """Confirm the import of a checked file, running the job it starts; returns the page shown after."""

    def post(job):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/jobs/{job.pk}/import/")
        return client.get(response.url)

    return post
