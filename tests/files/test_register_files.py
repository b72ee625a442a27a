"""The register's files as people open them: XLSX that spreadsheet readers size and type correctly, CSV that
Excel reads as UTF-8, JSON with every identifier, and no file broken by a control character stored earlier."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from accreditation.models import Provider, RegisterEntry
from frameworks.models import FieldOfStudy
from reports.register_exports import COLUMNS
from tests.factories import ProviderFactory, make_register_entry

pytestmark = pytest.mark.django_db
HEADERS = [str(column.label) for column in COLUMNS]


def body(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def column(name: str) -> int:
    return [c.key for c in COLUMNS].index(name)


@pytest.fixture
def entry():
    provider = ProviderFactory(
        legal_name="Müller Akademie",
        country="DE",
        national_id="0012345",
        erasmus_code="D  BERLIN99",
        pic="012345678",
        eter_id="DE0042",
        deqar_id="DEQARINST0042",
        ror_id="02tyrky19",
        schac_code="mueller-akademie.de",
    )
    return make_register_entry(provider=provider, credentials=2, conditions="Report yearly")


def stored_with_control_characters(entry: RegisterEntry) -> None:
    """Data from before the forms refused control characters, written past validation (not NUL: PostgreSQL
    cannot store it, and Django's forms always refused it)."""
    Provider.objects.filter(pk=entry.provider_id).update(legal_name="Müller\x0bAkademie\x1f")
    entry.scope_items.update(title="Data\x1banalysis")
    RegisterEntry.objects.filter(pk=entry.pk).update(conditions="Report\x0c yearly")


def read_only_rows(data: bytes, sheet: str = "Register") -> list[tuple]:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    return list(workbook[sheet].iter_rows(values_only=True))


def test_xlsx_declares_its_size_so_read_only_readers_see_every_row(client, entry):
    data = body(client.get("/register/export.xlsx"))
    sheet = load_workbook(io.BytesIO(data), read_only=True)["Register"]
    assert sheet.calculate_dimension() == "A1:AJ3"
    assert (sheet.max_row, sheet.max_column) == (3, len(COLUMNS))
    assert len(read_only_rows(data)) == 3


def test_xlsx_has_a_frozen_filtered_header_and_a_sheet_of_column_meanings(client, entry):
    data = body(client.get("/register/export.xlsx"))
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook["Register"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:AJ3"
    meanings = read_only_rows(data, "Columns")
    assert meanings[0] == ("Column", "Meaning")
    assert dict(meanings[1:])["Ends on"].startswith("Last day the accreditation holds")


def test_xlsx_cells_are_typed_and_codes_keep_their_leading_zeros(client, entry):
    row = read_only_rows(body(client.get("/register/export.xlsx")))[1]
    assert row[column("valid_from")] == datetime.datetime.combine(entry.valid_from, datetime.time())
    assert isinstance(row[column("decided")], datetime.datetime)
    assert isinstance(row[column("ects")], int | float) and row[column("ects")] > 0
    assert isinstance(row[column("eqf_level")], int)
    assert row[column("pic")] == "012345678"
    assert row[column("national_id")] == "0012345"
    assert row[column("provider")] == "Müller Akademie"


def test_xlsx_of_text_with_control_characters_is_written_without_them(client, entry):
    """Used to answer 500 (openpyxl's IllegalCharacterError)."""
    stored_with_control_characters(entry)
    rows = read_only_rows(body(client.get("/register/export.xlsx")))
    assert rows[1][column("provider")] == "MüllerAkademie"
    assert rows[1][column("micro_credential")] == "Dataanalysis"
    assert rows[1][column("conditions")] == "Report yearly"


def test_csv_starts_with_a_byte_order_mark_and_is_utf_8(client, entry):
    data = body(client.get("/register/export.csv"))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    assert rows[1][column("provider")] == "Müller Akademie"


def test_csv_has_every_identifier_and_the_dates_in_iso_form(client, entry):
    rows = list(csv.DictReader(io.StringIO(body(client.get("/register/export.csv")).decode("utf-8-sig"))))
    row = rows[0]
    assert (row["National id"], row["Erasmus code"], row["PIC"], row["ETER id"], row["DEQAR id"]) == (
        "0012345",
        "D  BERLIN99",
        "012345678",
        "DE0042",
        "DEQARINST0042",
    )
    assert (row["ROR id"], row["SCHAC code"]) == ("02tyrky19", "mueller-akademie.de")
    assert row["Valid from"] == entry.valid_from.isoformat()
    assert row["Status"] == "active"


def test_csv_and_json_drop_control_characters_stored_earlier(client, entry):
    stored_with_control_characters(entry)
    text = body(client.get("/register/export.csv")).decode("utf-8-sig")
    assert "MüllerAkademie" in text and "\x0b" not in text and "\x1f" not in text
    data = json.loads(body(client.get("/register/export.json")))
    assert data["entries"][0]["provider"]["legal_name"] == "MüllerAkademie"
    assert {item["title"] for item in data["entries"][0]["scope"]} == {"Dataanalysis"}


def test_json_has_every_identifier_of_the_provider(client, entry):
    record = json.loads(body(client.get("/register/export.json")))["entries"][0]
    assert record["provider"]["identifiers"] == {
        "national_id": "0012345",
        "erasmus_code": "D  BERLIN99",
        "pic": "012345678",
        "eter_id": "DE0042",
        "deqar_id": "DEQARINST0042",
        "ror_id": "02tyrky19",
        "schac_code": "mueller-akademie.de",
    }
    assert all(Decimal(item["ects"]) > 0 for item in record["scope"])


def test_json_and_xlsx_keep_an_institutional_entrys_eqf_range_and_fields(client, entry):
    RegisterEntry.objects.filter(pk=entry.pk).update(institutional=True, scope_eqf_min=5, scope_eqf_max=7)
    entry.scope_fields.set(FieldOfStudy.objects.filter(code__in=["04", "06"]))
    record = json.loads(body(client.get("/register/export.json")))["entries"][0]
    assert record["institutional_scope"] == {"eqf_min": 5, "eqf_max": 7, "fields": ["04", "06"]}
    row = read_only_rows(body(client.get("/register/export.xlsx")))[1]
    assert (row[column("scope")], row[column("scope_eqf_min")], row[column("scope_eqf_max")]) == (
        "institutional",
        5,
        7,
    )
    assert row[column("scope_fields")] == "04 06"


def test_a_certificate_of_a_name_with_control_characters_prints_without_them(entry):
    from pypdf import PdfReader

    from accreditation.documents import certificate_data
    from reports.pdf.documents import build_certificate

    Provider.objects.filter(pk=entry.provider_id).update(legal_name="Müller\x0bAkademie\x07")
    entry.refresh_from_db()
    text = PdfReader(io.BytesIO(build_certificate(certificate_data(entry)))).pages[0].extract_text()
    assert "MüllerAkademie" in text
    assert "\x0b" not in text and "\x07" not in text
