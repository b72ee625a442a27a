"""Builders of the register's downloads: rows in, text or bytes out, chunk by chunk so that a download of the
whole register never sits in memory."""

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal

from openpyxl import Workbook

COLUMNS = [
    ("certificate_id", "Certificate id"),
    ("provider", "Provider"),
    ("provider_country", "Country"),
    ("provider_type", "Provider type"),
    ("status", "Status"),
    ("valid_from", "Valid from"),
    ("valid_until", "Valid until"),
    ("conditions", "Conditions"),
    ("agency", "QA agency"),
    ("authority", "Authority"),
    ("micro_credential", "Micro-credential"),
    ("eqf_level", "EQF level"),
    ("ects", "ECTS"),
    ("field", "ISCED-F field"),
    ("participation_form", "Form of participation"),
    ("provider_page", "Register page"),
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def entry_rows(entries: Iterable, site_url: str) -> Iterator[dict]:
    """One row per accredited micro-credential (one row for an institutional entry)."""
    for entry in entries:
        common = {
            "certificate_id": entry.certificate_id,
            "provider": entry.provider.legal_name,
            "provider_country": entry.provider.country,
            "provider_type": entry.provider.get_type_display(),
            "status": entry.effective_status,
            "valid_from": entry.valid_from.isoformat(),
            "valid_until": entry.valid_until.isoformat(),
            "conditions": entry.conditions,
            "agency": entry.agency.name,
            "authority": entry.authority.name,
            "provider_page": f"{site_url}/register/providers/{entry.provider_id}/",
        }
        items = list(entry.scope_items.all())
        if not items:
            yield {**common, "micro_credential": "", "eqf_level": "", "ects": "", "field": "", "participation_form": ""}
        for item in items:
            yield {
                **common,
                "micro_credential": item.title,
                "eqf_level": item.eqf_level or "",
                "ects": str(item.ects) if item.ects is not None else "",
                "field": item.field.code if item.field_id else "",
                "participation_form": item.participation_form,
            }


def csv_chunks(rows: Iterable[dict]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([label for _key, label in COLUMNS])
    for number, row in enumerate(rows, 1):
        writer.writerow([neutralise(row[key]) for key, _label in COLUMNS])
        if number % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_file(rows: Iterable[dict]):
    """A write-only workbook saved to a temporary file on disk (streamed to the client by the view)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Register")
    sheet.append([label for _key, label in COLUMNS])
    for row in rows:
        sheet.append([neutralise(row[key]) for key, _label in COLUMNS])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response, which closes it
    workbook.save(handle)
    handle.seek(0)
    return handle


def _json_default(value):
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def json_chunks(records: Iterable[dict], meta: dict) -> Iterator[str]:
    """{"meta": ..., "entries": [...]}, written record by record."""
    yield '{"meta": ' + json.dumps(meta, default=_json_default) + ', "entries": ['
    for number, record in enumerate(records):
        yield ("," if number else "") + json.dumps(record, default=_json_default, ensure_ascii=False)
    yield "]}"


def entry_record(entry, site_url: str) -> dict:
    """The JSON shape of one entry (also used by the API's serializer for the same fields)."""
    return {
        "certificate_id": entry.certificate_id,
        "provider": {
            "id": entry.provider_id,
            "legal_name": entry.provider.legal_name,
            "country": entry.provider.country,
            "type": entry.provider.type,
            "erasmus_code": entry.provider.erasmus_code,
            "deqar_id": entry.provider.deqar_id,
        },
        "status": entry.effective_status,
        "valid_from": entry.valid_from.isoformat(),
        "valid_until": entry.valid_until.isoformat(),
        "conditions": [c for c in entry.conditions.splitlines() if c.strip()],
        "agency": entry.agency.name,
        "authority": entry.authority.name,
        "institutional": entry.institutional,
        "scope": [
            {
                "title": item.title,
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


DEQAR_DECISION = {False: "positive", True: "positive with conditions or restrictions"}


def deqar_report(entry, site_url: str, document_urls: list[str]) -> dict:
    """One report in the shape of DEQAR's submission examples (an institutional report whose programmes are the
    accredited micro-credentials), with DEQAR's labels for status and decision."""
    identifiers = (
        [{"identifier": entry.provider.erasmus_code, "resource": "Erasmus"}] if entry.provider.erasmus_code else []
    )
    return {
        "agency": entry.agency.acronym or entry.agency.name,
        "local_identifier": entry.certificate_id,
        "activity": "micro-credential provider accreditation",
        "status": "part of obligatory EQA system",
        "decision": DEQAR_DECISION[entry.with_conditions],
        "valid_from": entry.valid_from.isoformat(),
        "valid_to": entry.valid_until.isoformat(),
        "date_format": "%Y-%m-%d",
        "report_files": [{"original_location": url, "report_language": ["eng"]} for url in document_urls],
        "institutions": [
            {
                "deqar_id": entry.provider.deqar_id or None,
                "identifiers": identifiers,
                "name_official": entry.provider.legal_name,
                "country": entry.provider.country,
                "website_link": entry.provider.website or None,
            }
        ],
        "report_links": [
            {"link": f"{site_url}/register/providers/{entry.provider_id}/", "link_display_name": "Register"}
        ],
        "programmes": [
            {
                "name_primary": item.title,
                "qualification_primary": "Micro-credential",
                "qf_ehea_level": {5: "short cycle", 6: "first cycle", 7: "second cycle", 8: "third cycle"}.get(
                    item.eqf_level
                ),
                "nqf_level": None,
                "degree_outcome": "no full degree",
                "workload_ects": float(item.ects) if item.ects is not None else None,
                "assessment_certification": "assessment based certificate",
            }
            for item in entry.scope_items.all()
        ],
    }
