"""Catalogue import: template, row-level checks with the web form's rules, hostile files, and the import."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from accreditation.models import MicroCredential
from reports.catalogue import COLUMNS, HEADERS
from reports.models import Job

pytestmark = pytest.mark.django_db

GOOD = {
    "title": "Solar Installation Basics",
    "awarding_body": "Atlantic Technological College",
    "country": "IE",
    "learning_outcomes": "Install photovoltaic panels safely\nEvaluate roof suitability",
    "workload_hours": 75,
    "ects": 3,
    "nqf_level": "IE-NFQ 6",
    "assessment_type": "practical",
    "participation_form": "blended",
    "quality_assurance": "Programme approval",
    "field": "07",
    "languages": "en",
}


@pytest.fixture(autouse=True)
def inline_jobs(settings):
    settings.JOBS_RUN_INLINE = True


def workbook_bytes(rows, headers=HEADERS, merge=False) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Catalogue"
    sheet.append(headers)
    keys = [key for key, _label in COLUMNS]
    for row in rows:
        sheet.append([row.get(key) for key in keys])
    if merge:
        sheet.merge_cells("A2:B2")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, content, django_capture_on_commit_callbacks, name="catalogue.xlsx"):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/provider/catalogue/import/", {"workbook": SimpleUploadedFile(name, content)})


def test_template_has_headers_drop_downs_and_instructions(client, provider_staff):
    client.force_login(provider_staff)
    workbook = load_workbook(io.BytesIO(client.get("/provider/catalogue/import/template.xlsx").content))
    assert workbook.sheetnames == ["Instructions", "Catalogue", "Lists"]
    assert [cell.value for cell in workbook["Catalogue"][1]] == HEADERS
    validations = workbook["Catalogue"].data_validations.dataValidation
    assert len(validations) >= 7
    lists = [cell.value for cell in workbook["Lists"]["A"]]
    assert "IE-NFQ 8" in lists


def test_a_clean_file_is_previewed_then_imported_in_one_go(
    client, provider_staff, provider, django_capture_on_commit_callbacks
):
    client.force_login(provider_staff)
    response = upload(
        client, workbook_bytes([GOOD, {**GOOD, "title": "Solar Maintenance"}]), django_capture_on_commit_callbacks
    )
    job = Job.objects.get()
    assert response.url == f"/jobs/{job.pk}/"
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "2 rows checked, 0 with errors" in page and "Import 2 micro-credentials" in page
    assert not MicroCredential.objects.filter(provider=provider).exists()
    client.post(f"/jobs/{job.pk}/import/")
    imported = MicroCredential.objects.filter(provider=provider).order_by("title")
    assert [m.title for m in imported] == ["Solar Installation Basics", "Solar Maintenance"]
    assert imported[0].eqf_level == 5  # IE-NFQ 6 is EQF 5
    client.post(f"/jobs/{job.pk}/import/")
    assert MicroCredential.objects.filter(provider=provider).count() == 2  # confirming twice imports once


def test_row_errors_block_the_import_and_come_back_in_the_workbook(
    client, provider_staff, provider, django_capture_on_commit_callbacks
):
    client.force_login(provider_staff)
    bad = {
        **GOOD,
        "title": "Bad row",
        "ects": "five",
        "workload_hours": "2026-01-01",
        "nqf_level": "IE-NFQ 99",
        "field": "=1+1",
    }
    upload(client, workbook_bytes([GOOD, bad]), django_capture_on_commit_callbacks)
    job = Job.objects.get()
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "1 with errors" in page
    assert "Enter a number." in page and "Enter a whole number." in page
    assert "NQF level “IE-NFQ 99” is not in the list" in page
    assert "holds a formula" in page
    assert "Import" not in page.split("Download the checked workbook")[1].split("Preview")[0]
    client.post(f"/jobs/{job.pk}/import/")
    assert not MicroCredential.objects.filter(provider=provider).exists()
    annotated = load_workbook(io.BytesIO(client.get(f"/jobs/{job.pk}/checked.xlsx").content))["Catalogue"]
    rows = list(annotated.iter_rows(values_only=True))
    assert rows[0][-1] == "Problems"
    assert "Enter a number." in rows[2][-1]
    assert annotated.cell(row=3, column=len(HEADERS) + 1).comment is not None


def _zip(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4 not a workbook", "not an Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "password-protected or in the old .xls format"),
        (_zip({"[Content_Types].xml": "x", "xl/workbook.xml": "x", "xl/vbaProject.bin": "macro"}), "macros"),
        (
            _zip({"[Content_Types].xml": "x", "xl/workbook.xml": "x", "xl/worksheets/sheet1.xml": "0" * 30_000_000}),
            "unpacks to far more data",
        ),
        (b"PK\x03\x04 broken", "damaged or not an Excel workbook"),
    ],
)
def test_hostile_files_get_a_clear_message(
    client, provider_staff, content, message, django_capture_on_commit_callbacks
):
    client.force_login(provider_staff)
    response = upload(client, content, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Job.objects.exists()


def test_merged_cells_are_refused(client, provider_staff, django_capture_on_commit_callbacks):
    client.force_login(provider_staff)
    response = upload(client, workbook_bytes([GOOD], merge=True), django_capture_on_commit_callbacks)
    assert "merged cells" in response.content.decode()


def test_wrong_headers_are_named(client, provider_staff, django_capture_on_commit_callbacks):
    client.force_login(provider_staff)
    headers = [h for h in HEADERS if h != "ECTS"] + ["Price"]
    upload(client, workbook_bytes([GOOD], headers=headers), django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "missing columns: ECTS" in job.message and "unknown columns: Price" in job.message
    assert "missing columns: ECTS" in client.get(f"/jobs/{job.pk}/").content.decode()


def test_row_limit_is_enforced(client, provider_staff, settings, django_capture_on_commit_callbacks):
    settings.CATALOGUE_MAX_ROWS = 3
    client.force_login(provider_staff)
    upload(client, workbook_bytes([GOOD] * 5), django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and "more than 3 rows" in job.message


def test_jobs_and_import_pages_belong_to_their_author(
    client, provider_staff, other_provider_staff, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(provider_staff)
    upload(client, workbook_bytes([GOOD]), django_capture_on_commit_callbacks)
    job = Job.objects.get()
    for user in (other_provider_staff, coordinator):
        client.force_login(user)
        assert client.get(f"/jobs/{job.pk}/").status_code == 404
        assert client.post(f"/jobs/{job.pk}/import/").status_code == 404
    client.force_login(coordinator)
    assert client.get("/provider/catalogue/import/").status_code == 404
