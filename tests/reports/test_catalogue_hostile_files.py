"""Hostile or broken uploads: each gets a plain message (at upload, or on the job's page), never a 500, and
nothing is imported."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from accreditation.models import MicroCredential
from jobs.models import Job
from reports.catalogue import HEADERS

from .conftest import GOOD, replace_member, workbook_bytes, zip_bytes

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"
MAIN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def refused_at_upload(response, message: str) -> None:
    body = response.content.decode()
    assert response.status_code == 400, body[:300]
    assert message in body
    assert 'name="workbook"' in body  # the form is shown again
    assert not Job.objects.exists()


def failed_job(client, message: str) -> Job:
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert message in job.message
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert message.replace("“", "&ldquo;") in page or message in page
    assert "Upload a corrected file" in page
    assert not MicroCredential.objects.exists()
    return job


@pytest.fixture
def staff(client, provider_staff):
    client.force_login(provider_staff)
    return provider_staff


def million_rows(dimension: bool) -> bytes:
    """A real workbook whose sheet "Catalogue" has the template's header and a million rows below it."""
    header = (
        b'<row r="1">'
        + b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>' % title.encode() for title in HEADERS)
        + b"</row>"
    )
    rows = b"".join(b'<row r="%d"><c t="inlineStr"><is><t>x</t></is></c></row>' % n for n in range(2, 1_000_002))
    size = b'<dimension ref="A1:U1000001"/>' if dimension else b""
    sheet = b"".join([MAIN, size, b"<sheetData>", header, rows, b"</sheetData></worksheet>"])
    return replace_member(workbook_bytes([]), SHEET, sheet)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF", "catalogue.xlsx", "is not an Excel workbook (.xlsx)"),
        (b"Title;ECTS\nSolar;3\n", "catalogue.xlsx", "is not an Excel workbook (.xlsx)"),
        (zip_bytes({"word/document.xml": "<w/>", "[Content_Types].xml": "<t/>"}), "cv.xlsx", "not an Excel"),
        (b"PK\x03\x04" + b"\x00" * 200, "catalogue.xlsx", "The file is damaged"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64,
            "catalogue.xlsx",
            "protected with a password",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "catalogue.xls", "old .xls format"),
    ],
    ids=["pdf-renamed", "text-renamed", "word-document", "damaged-zip", "encrypted", "old-xls"],
)
def test_what_is_not_a_plain_workbook_is_named(staff, upload, content, name, message):
    refused_at_upload(upload(content, name), message)


def test_macros_are_refused_by_name_and_by_content(staff, upload):
    refused_at_upload(upload(workbook_bytes([GOOD]), "catalogue.xlsm"), "Workbooks with macros (.xlsm)")
    with_macros = replace_member(workbook_bytes([GOOD]), "xl/vbaProject.bin", b"\x00" * 100)
    refused_at_upload(upload(with_macros), "Workbooks with macros (.xlsm) are refused")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(staff, upload):
    bomb = replace_member(workbook_bytes([GOOD]), SHEET, b"0" * 50_000_000)  # 50 MB packed into about 50 KB
    assert len(bomb) < 200_000
    refused_at_upload(upload(bomb), "unpacks to 47.7\xa0MB, far more than a catalogue holds")


def test_an_entity_bomb_is_refused(staff, upload):
    laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    refused_at_upload(upload(replace_member(workbook_bytes([GOOD]), SHEET, laughs + MAIN + b"</worksheet>")), "XML")


def test_a_million_rows_declared_are_refused_at_upload(staff, upload):
    refused_at_upload(upload(million_rows(dimension=True)), "reaches row 1,000,001")


def test_a_million_rows_without_a_declared_size_stop_at_the_limit(client, staff, upload, settings):
    settings.CATALOGUE_MAX_ROWS = 100
    upload(million_rows(dimension=False))
    failed_job(client, "reaches row 102, but a catalogue may have at most 100 rows")


def test_the_row_limit_counts_sheet_rows(client, staff, upload, settings):
    settings.CATALOGUE_MAX_ROWS = 3
    refused_at_upload(upload(workbook_bytes([GOOD] * 5)), "at most 3 rows")


def test_an_oversized_upload_is_stopped(staff, upload, settings):
    settings.CATALOGUE_MAX_UPLOAD_BYTES = 2000
    refused_at_upload(upload(workbook_bytes([GOOD] * 5)), "The file is larger than 2.0\xa0KB")


def test_merged_cells_are_refused(staff, upload):
    merged = workbook_bytes([GOOD, GOOD], edit=lambda sheet: sheet.merge_cells("C2:C3"))
    refused_at_upload(upload(merged), "has merged cells")


def test_a_workbook_without_the_catalogue_sheet_is_refused(staff, upload):
    refused_at_upload(upload(workbook_bytes([GOOD], sheet_title="Sheet1")), "no sheet named “Catalogue”")


def test_wrong_headers_are_named(client, staff, upload):
    headers = [header for header in HEADERS if header not in ("ECTS", "Title")] + ["Price", "Title"]
    upload(workbook_bytes([GOOD], headers=headers))
    failed_job(client, "missing columns: ECTS; unknown columns: Price")


def test_a_sheet_without_rows_is_refused(client, staff, upload):
    upload(workbook_bytes([]))
    failed_job(client, "no micro-credentials below its header row")


def test_a_damaged_sheet_fails_with_a_message(client, staff, upload):
    broken = replace_member(workbook_bytes([GOOD]), SHEET, MAIN + b"<sheetData><row r='1'><c><v>1</v></sheetData>")
    upload(broken)
    failed_job(client, "The file is damaged or is not an Excel workbook")


def test_formulas_are_refused_and_come_back_as_text(client, staff, upload):
    def formulas(sheet):
        sheet["B2"] = '=HYPERLINK("http://example.org","Solar")'
        sheet["H2"] = "=SUM(1,2)"

    upload(workbook_bytes([GOOD], edit=formulas))
    job = Job.objects.get()
    assert job.result["errors"] == 1
    errors = job.result["problems"][0]["errors"]
    assert errors[0] == [
        "Title",
        'A formula (=HYPERLINK("http://example.org","Solar")): formulas are not calculated on import, so type the '
        "value itself.",
    ]
    assert errors[1][0] == "ECTS" and errors[1][1].startswith("A formula (=SUM(1,2))")
    checked = load_workbook(io.BytesIO(b"".join(client.get(f"/jobs/{job.pk}/checked.xlsx").streaming_content)))
    title = checked["Catalogue"]["B2"]
    assert title.data_type == "s" and title.value.startswith("=HYPERLINK")  # text, never a live formula


def test_dates_where_a_number_belongs_are_named(client, staff, upload):
    def dates(sheet):
        sheet["G2"] = "12/03/2026"  # typed as text in the workload
        sheet["H2"] = datetime.date(2026, 3, 5)  # a real date in the credits

    upload(workbook_bytes([GOOD], edit=dates))
    job = Job.objects.get()
    errors = job.result["problems"][0]["errors"]
    assert ["Workload (hours)", "A date (12/03/2026) where a number belongs: type the number itself."] in errors
    assert ["ECTS", "A date (2026-03-05) where a number belongs: type the number itself."] in errors


def test_nothing_is_imported_from_a_refused_file(client, staff, upload, confirm):
    upload(workbook_bytes([GOOD], headers=[*HEADERS[:-1], "Lang"]))
    job = Job.objects.get()
    page = confirm(job).content.decode()
    assert "Only a checked file without errors can be imported" in page
    assert not MicroCredential.objects.exists()


def test_the_upload_still_needs_its_csrf_token(provider_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(provider_staff)
    response = client.post("/provider/catalogue/import/", {"workbook": SimpleUploadedFile("c.xlsx", b"x")})
    assert response.status_code == 403
    assert not Job.objects.exists()
