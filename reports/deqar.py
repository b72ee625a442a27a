"""Reports for EQAR's DEQAR in the shape its Submission API v2 accepts: plain data in, one report dict out.

Learnt from EQAR's serializers (eqar_backend `submissionapi/v2`, `submissionapi/validations`): a request holds one
report object; `agency`, `activities`, `status`, `decision`, `valid_from`, `date_format` and a non-empty list of
`institutions` are required; vocabulary values are strings; a programme needs `name_primary`, `qf_ehea_level`
and `degree_outcome`, and one that does not lead to a full degree (a micro-credential) also a whole number of ECTS
credits (`workload_ects`, an integer field) and `assessment_certification`; an institution is found by its DEQAR
id, its ETER id or one identifier with its resource; the status must be "voluntary" when every institution is
an other provider (not a higher education institution).

The rules this builder adds, so that nothing DEQAR would refuse is sent and nothing is sent as null:
- an empty value is left out, never sent as null or as an empty string;
- an institution carries exactly one identifier, the first it has of: DEQAR id, ETER id, Erasmus code, PIC,
  national identifier (of at most 50 characters, what DEQAR holds); a provider with none of them cannot be linked
  by DEQAR: the report is not sendable;
- a micro-credential is sent as a programme only when DEQAR can hold it whole: EQF level 5-8 (a QF-EHEA cycle:
  DEQAR has no level for EQF 1-4), a whole number of ECTS credits of at least 1, and an assessment; otherwise it
  is left out with a warning;
- a report on listed micro-credentials that is left with no programme, and a report of an agency without a DEQAR
  id or acronym or without DEQAR activity ids for that kind of procedure, is not sendable;
- conditions are appended to the summary (DEQAR has no field for them); a withdrawal shortens `valid_to` to the
  withdrawal date;
- a suspension is not a DEQAR state (its decisions are positive, positive with conditions, negative, not
  applicable; a report has no status of its own beyond the EQA system it belongs to). The decision itself stands
  while suspended, so the report keeps its decision and `valid_to`, and its summary says, in its last paragraph,
  since when the accreditation is suspended on the register (the report's link leads to the entry). The report
  thereby changes, so `deqar_submit` PUTs it when the suspension starts and again when it is lifted (the paragraph
  gone). A warning per decision says so.
"""

import dataclasses
import datetime
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal

from .text import clean_text

DECISIONS = {
    "accredit": "positive",
    "accredit_with_conditions": "positive with conditions or restrictions",
    "refuse": "negative",
}
STATUS_OBLIGATORY = "part of obligatory EQA system"
STATUS_VOLUNTARY = "voluntary"
QF_EHEA_BY_EQF = {5: "short cycle", 6: "first cycle", 7: "second cycle", 8: "third cycle"}
ASSESSMENT_BASED = "Assessment based certificate"
DATE_FORMAT = "%Y-%m-%d"
IDENTIFIER_MAX = 50  # DEQAR's identifier fields hold 50 characters; a longer one is not sent


@dataclasses.dataclass(frozen=True)
class Institution:
    name: str
    is_hei: bool
    deqar_id: str = ""
    eter_id: str = ""
    erasmus_code: str = ""
    pic: str = ""
    national_id: str = ""


@dataclasses.dataclass(frozen=True)
class Programme:
    title: str
    reference: str = ""
    eqf_level: int | None = None
    nqf_level: str = ""
    ects: Decimal | None = None
    assessed: bool = False
    field_code: str = ""
    learning_outcomes: str = ""


@dataclasses.dataclass(frozen=True)
class ReportFile:
    url: str
    display_name: str
    languages: tuple[str, ...] = ("eng",)


@dataclasses.dataclass(frozen=True)
class ReportData:
    """One decision as DEQAR needs to know it."""

    local_identifier: str
    agency: str  # the agency's DEQAR id, or its acronym
    activities: tuple[str, ...]  # DEQAR activity ids for this kind of procedure
    hei_voluntary: bool
    outcome: str  # accredit, accredit_with_conditions, refuse
    valid_from: datetime.date
    valid_to: datetime.date | None
    institution: Institution
    institutional: bool
    programmes: tuple[Programme, ...] = ()
    summary: str = ""
    conditions: tuple[str, ...] = ()
    files: tuple[ReportFile, ...] = ()
    link: str = ""
    suspended_since: datetime.date | None = None
    withdrawn_on: datetime.date | None = None


@dataclasses.dataclass(frozen=True)
class Result:
    """The report to send (None when DEQAR could not accept it) and what was left out or could not be sent."""

    local_identifier: str
    report: dict | None
    warnings: tuple[str, ...]


def institution_reference(institution: Institution) -> dict | None:
    """Exactly one identifier, in DEQAR's order of preference."""
    if institution.deqar_id:
        return {"deqar_id": institution.deqar_id}
    if institution.eter_id:
        return {"eter_id": institution.eter_id}
    for value, resource in (
        (institution.erasmus_code, "Erasmus"),
        (institution.pic, "EU-PIC"),
        (institution.national_id, "national identifier"),
    ):
        if value and len(value) <= IDENTIFIER_MAX:
            return {"identifier": value, "resource": resource}
    return None


def nqf_label(code: str) -> str:
    """DEQAR's examples write national levels as "level 7"."""
    return f"level {code}" if code.isdigit() else code


def programme(item: Programme) -> tuple[dict | None, str | None]:
    """A micro-credential as a DEQAR programme, or None and the reason it cannot be one."""
    if item.eqf_level not in QF_EHEA_BY_EQF:
        level = f"EQF level {item.eqf_level}" if item.eqf_level else "no EQF level"
        return None, f"'{item.title}' is left out: it has {level}, and DEQAR holds QF-EHEA levels (EQF 5-8) only."
    if item.ects is None or item.ects < 1 or item.ects != item.ects.to_integral_value():
        return None, f"'{item.title}' is left out: DEQAR needs a whole number of ECTS credits (it has {item.ects})."
    if not item.assessed:
        return None, f"'{item.title}' is left out: DEQAR needs its type of assessment."
    record = {
        "name_primary": item.title,
        "qualification_primary": "Micro-credential",
        "degree_outcome": "no full degree",
        "qf_ehea_level": QF_EHEA_BY_EQF[item.eqf_level],
        "workload_ects": int(item.ects),
        "assessment_certification": ASSESSMENT_BASED,
    }
    if item.reference and len(item.reference) <= IDENTIFIER_MAX:
        record["identifiers"] = [{"identifier": item.reference}]
    if item.nqf_level:
        record["nqf_level"] = nqf_label(item.nqf_level)
    if item.field_code:
        record["field_study"] = item.field_code
    if item.learning_outcomes.strip():
        record["learning_outcome_description"] = item.learning_outcomes.strip()
    return record, None


def _summary(data: ReportData) -> str:
    parts = [data.summary.strip()] if data.summary.strip() else []
    if data.conditions:
        parts.append("Conditions: " + " ".join(f"({n}) {c}" for n, c in enumerate(data.conditions, 1)))
    if data.suspended_since:
        parts.append(
            f"Suspended on the register since {data.suspended_since.isoformat()}: the accreditation does not apply "
            "while suspended (see the register entry)."
        )
    return "\n\n".join(parts)


def build_report(data: ReportData) -> Result:
    warnings: list[str] = []
    blockers: list[str] = []
    if not data.agency:
        blockers.append("The agency has no DEQAR id or acronym.")
    if not data.activities:
        blockers.append("The agency has no DEQAR activity ids for this kind of procedure.")
    reference = institution_reference(data.institution)
    if reference is None:
        blockers.append(
            f"{data.institution.name} has no identifier DEQAR knows (DEQAR id, ETER id, Erasmus code, PIC or "
            "national identifier)."
        )
    programmes = []
    if not data.institutional:
        for item in data.programmes:
            record, reason = programme(item)
            if record:
                programmes.append(record)
            else:
                warnings.append(reason)
        if not programmes:
            blockers.append("No accredited micro-credential can be sent as a DEQAR programme.")
    if data.suspended_since:
        warnings.append(
            f"Suspended on the register since {data.suspended_since.isoformat()}: DEQAR has no suspension, the "
            "report keeps its decision and validity and its summary says that it is suspended."
        )
    if blockers:
        return Result(data.local_identifier, None, tuple(blockers + warnings))
    voluntary = not data.institution.is_hei or data.hei_voluntary
    report = {
        "agency": data.agency,
        "local_identifier": data.local_identifier,
        "activities": [{"id": activity} for activity in data.activities],
        "status": STATUS_VOLUNTARY if voluntary else STATUS_OBLIGATORY,
        "decision": DECISIONS[data.outcome],
        "valid_from": data.valid_from.strftime(DATE_FORMAT),
        "date_format": DATE_FORMAT,
        "institutions": [reference],
    }
    if data.valid_to:
        report["valid_to"] = data.valid_to.strftime(DATE_FORMAT)
    summary = _summary(data)
    if summary:
        report["summary"] = summary
    if data.files:
        report["report_files"] = [
            {"original_location": f.url, "display_name": f.display_name, "report_language": list(f.languages)}
            for f in data.files
        ]
    if data.link:
        report["report_links"] = [{"link": data.link, "link_display_name": "Register entry"}]
    if programmes:
        report["programmes"] = programmes
    return Result(data.local_identifier, _clean(report), tuple(warnings))


def _clean(value):
    """Text without the characters no file may carry, through nested lists and dicts."""
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return clean_text(value)


def json_array_chunks(reports: Iterable[dict]) -> Iterator[str]:
    """A JSON array written report by report, so that a download of every decision never sits in memory."""
    yield "["
    for number, report in enumerate(reports):
        yield ("," if number else "") + "\n" + json.dumps(report, ensure_ascii=False)
    yield "\n]\n"
