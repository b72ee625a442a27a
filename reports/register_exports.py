"""Builders of the register's downloads: rows in, text or bytes out, chunk by chunk so that a download of the
whole register never sits in memory.

Every value goes through reports.text.clean_text (control characters stored before forms refused them would make
the XLSX writer fail and hide in CSV and JSON), and text a spreadsheet would run as a formula is neutralised.
An entry's status and dates come from `state_of` (the register's entry_state) and its identifiers from `uris`
(accreditation.identifiers.RegisterURIs): these builders never derive either themselves.
"""

import csv
import datetime
import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .text import clean_text


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    meaning: str
    kind: str = "text"  # text, date, moment (date and time, UTC), number, integer
    width: int = 18


# The first sixteen columns are those of the first version of this file, in its order; later ones follow.
COLUMNS = [
    Column("certificate_id", _("Certificate id"), _("The register entry's certificate number."), width=16),
    Column("provider", _("Provider"), _("Legal name of the accredited provider."), width=36),
    Column("provider_country", _("Country"), _("Country of the provider (ISO 3166-1 alpha-2)."), width=8),
    Column("provider_type", _("Provider type"), _("Kind of provider."), width=24),
    Column("status", _("Status"), _("Public status today: active, suspended, withdrawn or expired."), width=11),
    Column("valid_from", _("Valid from"), _("First day of the accreditation's validity."), "date", 12),
    Column("valid_until", _("Valid until"), _("Last day of validity set by the decision."), "date", 12),
    Column("conditions", _("Conditions"), _("Conditions attached to the decision, one per line."), width=30),
    Column("agency", _("QA agency"), _("The quality assurance agency that reviewed the application."), width=28),
    Column("authority", _("Authority"), _("The national authority that decided."), width=28),
    Column("micro_credential", _("Micro-credential"), _("Title of the accredited micro-credential."), width=36),
    Column("eqf_level", _("EQF level"), _("EQF level of the micro-credential."), "integer", 8),
    Column("ects", _("ECTS"), _("Workload in ECTS credits."), "number", 8),
    Column("field", _("ISCED-F field"), _("Field of education (ISCED-F 2013 code)."), width=10),
    Column("participation_form", _("Form of participation"), _("Online, on site or blended."), width=12),
    Column("provider_page", _("Register page"), _("The provider's page on the register."), width=40),
    Column("entry_uri", _("Entry URI"), _("Persistent identifier of the register entry."), width=40),
    Column("provider_uri", _("Provider URI"), _("Persistent identifier of the provider."), width=40),
    Column("national_id", _("National id"), _("The provider's identifier in its national register.")),
    Column("erasmus_code", _("Erasmus code"), _("Erasmus institution code.")),
    Column("pic", _("PIC"), _("Participant Identification Code (EU funding and tenders portal).")),
    Column("eter_id", _("ETER id"), _("Identifier in the European Tertiary Education Register.")),
    Column("deqar_id", _("DEQAR id"), _("Identifier of the institution in EQAR's database of reports.")),
    Column("ror_id", _("ROR id"), _("Research Organization Registry identifier (https://ror.org/...).")),
    Column("schac_code", _("SCHAC code"), _("SCHAC home organisation: the institution's domain.")),
    Column(
        "ends_on",
        _("Ends on"),
        _("Last day the accreditation holds: the withdrawal date if withdrawn, otherwise the end of validity."),
        "date",
        12,
    ),
    Column("suspended_since", _("Suspended since"), _("Start of the current suspension, if any."), "date", 12),
    Column("decided", _("Decided (UTC)"), _("When the authority took the decision."), "moment", 18),
    Column("modified", _("Last changed (UTC)"), _("When the entry or its history last changed."), "moment", 18),
    Column("agency_uri", _("QA agency URI"), _("Persistent identifier of the agency."), width=40),
    Column("authority_uri", _("Authority URI"), _("Persistent identifier of the authority."), width=40),
    Column(
        "scope",
        _("Scope"),
        _("'institutional' (all micro-credentials within EQF levels and fields) or 'micro-credentials'."),
        width=16,
    ),
    Column("scope_eqf_min", _("Lowest EQF level"), _("Institutional scope: lowest EQF level."), "integer", 8),
    Column("scope_eqf_max", _("Highest EQF level"), _("Institutional scope: highest EQF level."), "integer", 8),
    Column("scope_fields", _("Fields of the scope"), _("Institutional scope: ISCED-F broad fields."), width=14),
    Column("micro_credential_uri", _("Micro-credential URI"), _("Persistent identifier of it."), width=40),
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _identifiers(provider) -> dict:
    return {
        name: clean_text(getattr(provider, name, "") or "")
        for name in ("national_id", "erasmus_code", "pic", "eter_id", "deqar_id", "ror_id", "schac_code")
    }


def _state(entry, state_of: Callable | None) -> dict:
    """Status and dates as the register's one function gives them (`state_of`), or the annotated status of a
    queryset that only has `effective_status`."""
    if state_of is None:
        return {
            "status": str(getattr(entry, "effective_status", entry.status)),
            "valid_from": entry.valid_from,
            "valid_until": entry.valid_until,
            "ends_on": entry.valid_until,
            "suspended_since": None,
            "decided": None,
            "modified": None,
        }
    state = state_of(entry)
    return {
        "status": str(state.status),
        "valid_from": state.valid_from,
        "valid_until": state.valid_until,
        "ends_on": state.ends_on,
        "suspended_since": state.suspended_since,
        "decided": state.issued,
        "modified": state.modified,
    }


def _uri(uris, kind: str, pk) -> str:
    return getattr(uris, kind)(pk) if uris is not None and pk is not None else ""


def entry_rows(entries: Iterable, site_url: str, *, uris=None, state_of: Callable | None = None) -> Iterator[dict]:
    """One row per accredited micro-credential (one row for an entry without items), with typed values: dates
    as dates, moments as aware datetimes, levels as integers, ECTS as Decimal, everything else as clean text."""
    for entry in entries:
        provider = entry.provider
        scope_fields = sorted(field.code for field in entry.scope_fields.all()) if entry.institutional else []
        common = {
            "certificate_id": entry.certificate_id,
            "entry_uri": _uri(uris, "entry", entry.pk),
            "provider": clean_text(provider.legal_name),
            "provider_uri": _uri(uris, "provider", entry.provider_id),
            **_identifiers(provider),
            "provider_country": provider.country,
            "provider_type": str(provider.get_type_display()),
            **_state(entry, state_of),
            "conditions": clean_text(entry.conditions),
            "agency": clean_text(entry.agency.name),
            "agency_uri": _uri(uris, "agency", entry.agency_id),
            "authority": clean_text(entry.authority.name),
            "authority_uri": _uri(uris, "authority", entry.authority_id),
            "scope": "institutional" if entry.institutional else "micro-credentials",
            "scope_eqf_min": entry.scope_eqf_min if entry.institutional else None,
            "scope_eqf_max": entry.scope_eqf_max if entry.institutional else None,
            "scope_fields": " ".join(scope_fields),
            "provider_page": f"{site_url}/register/providers/{entry.provider_id}/",
        }
        items = list(entry.scope_items.all())
        if not items:
            yield {
                **common,
                "micro_credential": "",
                "micro_credential_uri": "",
                "eqf_level": None,
                "ects": None,
                "field": "",
                "participation_form": "",
            }
        for item in items:
            yield {
                **common,
                "micro_credential": clean_text(item.title),
                "micro_credential_uri": _uri(uris, "micro_credential", item.pk),
                "eqf_level": item.eqf_level,
                "ects": item.ects,
                "field": item.field.code if item.field_id else "",
                "participation_form": item.participation_form,
            }


def _text(value) -> str:
    """A value as CSV text: ISO 8601 for dates and moments, nothing for a missing value."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return neutralise(clean_text(str(value)))


def csv_chunks(rows: Iterable[dict]) -> Iterator[str]:
    """UTF-8 with a byte-order mark (the response's encoding), so that Excel reads accents right."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([str(column.label) for column in COLUMNS])
    for number, row in enumerate(rows, 1):
        writer.writerow([_text(row[column.key]) for column in COLUMNS])
        if number % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _utc_naive(moment: datetime.datetime) -> datetime.datetime:
    """Excel has no time zones: moments are written in UTC, as the column's label says."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)


class _Cells:
    """Typed write-only cells, with one style object per kind (openpyxl shares them across cells)."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.bold = Font(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")

    def header(self, label: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=str(label))
        cell.font = self.bold
        cell.alignment = self.wrap
        return cell

    def value(self, column: Column, value):
        """Plain values where openpyxl types them itself (a date gets a date format, a number stays a number):
        a styled cell object per value made the sheet several times slower to write."""
        if value is None or value == "":
            return None
        if column.kind == "moment":
            return _utc_naive(value)
        if column.kind == "integer":
            return int(value)
        if column.kind == "number":
            return Decimal(value)
        if column.kind == "date":
            return value
        # Text stays text: identifiers with leading zeros (PIC, national ids) are never turned into numbers.
        return neutralise(clean_text(str(value)))


def _with_dimension(handle, sheet_path: str, ref: str):
    """openpyxl's write-only mode cannot know the sheet's size when it writes the sheet's head, so it leaves out
    `<dimension>`, and readers that trust it (openpyxl's own read-only mode among them) then see no rows. The
    saved workbook is copied with the element added, streaming the sheet so that no large file is held."""
    handle.seek(0)
    out = tempfile.TemporaryFile()  # noqa: SIM115 - returned to the caller, which closes it
    with zipfile.ZipFile(handle) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            with source.open(info) as reader, target.open(info.filename, "w", force_zip64=True) as writer:
                if info.filename != sheet_path:
                    shutil.copyfileobj(reader, writer, 1 << 20)
                    continue
                head = reader.read(1 << 16)
                marker = head.find(b"<sheetViews")
                if marker < 0:
                    marker = head.find(b"<sheetData")
                writer.write(head[:marker] + f'<dimension ref="{ref}"/>'.encode() + head[marker:])
                shutil.copyfileobj(reader, writer, 1 << 20)
    handle.close()
    out.seek(0)
    return out


def xlsx_file(rows: Iterable[dict]):
    """A write-only workbook saved to a temporary file on disk (streamed to the client by the view): a header row
    of column names, frozen and auto-filtered, typed cells, and a second sheet saying what each column means."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Register")
    cells = _Cells(sheet)
    sheet.freeze_panes = "B2"
    for number, column in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    sheet.append([cells.header(column.label) for column in COLUMNS])
    count = 1
    for row in rows:
        sheet.append([cells.value(column, row[column.key]) for column in COLUMNS])
        count += 1
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{count}"

    about = workbook.create_sheet("Columns")
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 90
    about.append([cells.header(_("Column")), cells.header(_("Meaning"))])
    for column in COLUMNS:
        about.append([str(column.label), str(column.meaning)])

    saved = tempfile.TemporaryFile()  # noqa: SIM115 - replaced by the copy with dimensions, which the caller closes
    workbook.save(saved)
    handle = _with_dimension(saved, "xl/worksheets/sheet1.xml", f"A1:{last}{count}")
    return _with_dimension(handle, "xl/worksheets/sheet2.xml", f"A1:B{len(COLUMNS) + 1}")


def _json_default(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def json_chunks(records: Iterable[dict], meta: dict) -> Iterator[str]:
    """{"meta": ..., "entries": [...]}, written record by record."""
    yield '{"meta": ' + json.dumps(meta, default=_json_default) + ', "entries": ['
    for number, record in enumerate(records):
        yield ("," if number else "") + json.dumps(record, default=_json_default, ensure_ascii=False)
    yield "]}"


def entry_record(entry, site_url: str, *, uris=None, state_of: Callable | None = None) -> dict:
    """The JSON shape of one entry (also used by the API's serializer for the same fields)."""
    state = _state(entry, state_of)
    provider = entry.provider
    record = {
        "certificate_id": entry.certificate_id,
        "uri": _uri(uris, "entry", entry.pk) or None,
        "provider": {
            "id": entry.provider_id,
            "uri": _uri(uris, "provider", entry.provider_id) or None,
            "legal_name": clean_text(provider.legal_name),
            "country": provider.country,
            "type": provider.type,
            "identifiers": {name: value for name, value in _identifiers(provider).items() if value},
            # Kept for readers of the first version of this file.
            "erasmus_code": clean_text(provider.erasmus_code),
            "deqar_id": clean_text(provider.deqar_id),
        },
        "status": state["status"],
        "valid_from": state["valid_from"].isoformat(),
        "valid_until": state["valid_until"].isoformat(),
        "ends_on": state["ends_on"].isoformat(),
        "suspended_since": state["suspended_since"],
        "decided": state["decided"],
        "modified": state["modified"],
        "conditions": [c for c in clean_text(entry.conditions).splitlines() if c.strip()],
        "agency": clean_text(entry.agency.name),
        "agency_uri": _uri(uris, "agency", entry.agency_id) or None,
        "authority": clean_text(entry.authority.name),
        "authority_uri": _uri(uris, "authority", entry.authority_id) or None,
        "institutional": entry.institutional,
        "scope": [
            {
                "uri": _uri(uris, "micro_credential", item.pk) or None,
                "title": clean_text(item.title),
                # {language: {"title", "learning_outcomes", "further_information"}} given by the provider.
                "translations": {
                    code: {name: clean_text(text) for name, text in texts.items()}
                    for code, texts in sorted((getattr(item, "version_translations", None) or {}).items())
                },
                "eqf_level": item.eqf_level,
                "ects": item.ects,
                "field": item.field.code if item.field_id else None,
                "participation_form": item.participation_form,
            }
            for item in entry.scope_items.all()
        ],
        "url": f"{site_url}/register/providers/{entry.provider_id}/",
        "verify_url": f"{site_url}/register/verify/{entry.certificate_id}/",
    }
    if entry.institutional:
        record["institutional_scope"] = {
            "eqf_min": entry.scope_eqf_min,
            "eqf_max": entry.scope_eqf_max,
            "fields": sorted(field.code for field in entry.scope_fields.all()),
        }
    return record
