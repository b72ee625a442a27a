"""A stand-in for DEQAR's Submission API v2, for tests: the rules of EQAR's own serializers and validators
(eqar_backend: submissionapi/v2/serializers/submisson_serializers.py, report_file_serializer.py,
submissionapi/validations/*.py, serializer_fields/*.py) written again as plain checks, and a local HTTP server
that applies them to POST and PUT /submissionapi/v2/submit/report and answers as DEQAR does."""

import datetime
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATUSES = {"1": 1, "2": 2, "part of obligatory eqa system": 1, "voluntary": 2}
DECISIONS = {"1", "2", "3", "4", "positive", "positive with conditions or restrictions", "negative", "not applicable"}
QF_EHEA = {"0", "1", "2", "3", "short cycle", "first cycle", "second cycle", "third cycle"}
DEGREE_OUTCOME_NO_FULL = {2, "2", "no", "no full degree"}
DEGREE_OUTCOME_FULL = {1, "1", "yes", "full degree"}
ASSESSMENTS = {
    "1",
    "2",
    "3",
    "attendance certificate",
    "assessment based certificate",
    "no assessment and no certificate",
}
ACTIVITY_INSTITUTIONAL, ACTIVITY_PROGRAMME = 2, 1  # DEQAR's activity types
PATH = "/submissionapi/v2/submit/report"


@dataclass
class Registry:
    """What the stand-in DEQAR knows: agencies, their activities (id -> activity type), institutions."""

    agencies: set[str] = field(default_factory=lambda: {"QAI", "33"})
    activities: dict[str, int] = field(
        default_factory=lambda: {"181": ACTIVITY_INSTITUTIONAL, "182": ACTIVITY_PROGRAMME}
    )
    # identifier -> is an other provider (not a higher education institution)
    institutions: dict[str, bool] = field(default_factory=dict)
    tokens: set[str] = field(default_factory=lambda: {"secret-token"})


def _no_nulls(value, path, errors):
    if value is None:
        errors.append((path, "This field may not be null."))
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_nulls(item, f"{path}.{key}" if path else key, errors)
    elif isinstance(value, list):
        for number, item in enumerate(value):
            _no_nulls(item, f"{path}[{number}]", errors)
    elif isinstance(value, str) and not value.strip():
        errors.append((path, "This field may not be blank."))


def _string(report, key, errors, path="", required=False, choices=None, max_length=None):
    value = report.get(key)
    where = f"{path}.{key}" if path else key
    if value is None:
        if required:
            errors.append((where, "This field is required."))
        return None
    if not isinstance(value, str):
        errors.append((where, f"Incorrect type. Expected a string, but got {type(value).__name__}"))
        return None
    if choices is not None and value.lower() not in choices:
        errors.append((where, f"Please provide a valid value ({value!r})."))
    if max_length and len(value) > max_length:
        errors.append((where, f"Ensure this field has no more than {max_length} characters."))
    return value


def _institution(item, path, registry, errors):
    if not isinstance(item, dict):
        errors.append((path, "Expected an object."))
        return None
    for key, length in (("deqar_id", 25), ("eter_id", 15), ("identifier", 50), ("resource", 200)):
        _string(item, key, errors, path, max_length=length)
    for key in ("deqar_id", "eter_id"):
        if key in item:
            if item[key] not in registry.institutions:
                errors.append((path, f"Please provide valid {key.split('_')[0].upper()} ID."))
                return None
            return item[key]
    if "identifier" in item and item["identifier"] in registry.institutions:
        return item["identifier"]
    errors.append(
        (
            path,
            "This report cannot be linked to an institution. It is missing either a valid ETER ID, DEQAR ID, "
            "or local identifier.",
        )
    )
    return None


def _programme(item, path, errors):
    if not isinstance(item, dict):
        errors.append((path, "Expected an object."))
        return
    _string(item, "name_primary", errors, path, required=True, max_length=255)
    _string(item, "qualification_primary", errors, path, max_length=255)
    _string(item, "nqf_level", errors, path, max_length=255)
    qf = _string(item, "qf_ehea_level", errors, path, required=True, choices=QF_EHEA)
    outcome = item.get("degree_outcome")
    if outcome is None:
        errors.append((f"{path}.degree_outcome", "This field is required."))
    elif outcome not in DEGREE_OUTCOME_FULL | DEGREE_OUTCOME_NO_FULL:
        errors.append((f"{path}.degree_outcome", "Please provide valid degree_outcome value."))
    workload = item.get("workload_ects")
    if "workload_ects" in item and (isinstance(workload, bool) or not isinstance(workload, int)):
        errors.append((f"{path}.workload_ects", "A valid integer is required."))
    assessment = _string(item, "assessment_certification", errors, path, choices=ASSESSMENTS)
    field_study = _string(item, "field_study", errors, path)
    if (
        field_study
        and "http://data.europa.eu/esco/isced-f" not in field_study
        and not re.fullmatch(r"[0-9]{1,4}", field_study)
    ):
        errors.append((f"{path}.field_study", "Either full ESCO URI or max. 4-digit ISCED-F number needed."))
    _string(item, "learning_outcome_description", errors, path)
    identifiers = item.get("identifiers", [])
    if not isinstance(identifiers, list) or sum(1 for i in identifiers if "resource" not in i) > 1:
        errors.append((f"{path}.identifiers", "You can only submit one identifier without resource."))
    for number, identifier in enumerate(identifiers if isinstance(identifiers, list) else []):
        _string(identifier, "identifier", errors, f"{path}.identifiers[{number}]", required=True, max_length=50)
    if outcome in DEGREE_OUTCOME_NO_FULL:
        if not workload:
            errors.append(
                (
                    f"{path}.workload_ects",
                    "ECTS credits are required, when degree_outcome field is '2 / no full degree'",
                )
            )
        if not assessment:
            errors.append((f"{path}.assessment_certification", "Assessment information is required."))
        if not qf:
            errors.append((f"{path}.qf_ehea_level", "QF-EHEA Level information is required."))


def validate(report, registry: Registry, *, update: bool = False) -> list[tuple[str, str]]:
    """DEQAR v2's errors for one submitted report, as (field, message) pairs; empty when it would be accepted."""
    errors: list[tuple[str, str]] = []
    if not isinstance(report, dict):
        return [("non_field_errors", "Invalid data. Expected a dictionary (one report per request).")]
    _no_nulls({k: v for k, v in report.items() if k not in ("valid_to", "other_comment")}, "", errors)
    agency = _string(report, "agency", errors, required=True)
    if agency and agency not in registry.agencies:
        errors.append(("agency", "Please provide valid Agency Acronym."))
    _string(report, "local_identifier", errors, max_length=255)
    status = _string(report, "status", errors, required=True, choices=set(STATUSES))
    _string(report, "decision", errors, required=True, choices=DECISIONS)
    _string(report, "summary", errors)
    valid_from = _string(report, "valid_from", errors, required=True, max_length=20)
    valid_to = report.get("valid_to")
    date_format = _string(report, "date_format", errors, required=True, max_length=20)
    if not update and "report_id" in report:
        errors.append(("non_field_errors", "You submitted a report_id. To update an existing report, please use a PUT"))
    if update and not report.get("report_id") and not report.get("local_identifier"):
        errors.append(("non_field_errors", "Either report_id or local_identifier is needed to update a report."))
    activities = report.get("activities")
    types = []
    if not isinstance(activities, list) or not activities:
        errors.append(("activities", "This field is required."))
    else:
        for number, activity in enumerate(activities):
            identifier = activity.get("id") if isinstance(activity, dict) else None
            if identifier is None:
                errors.append(
                    (
                        f"activities[{number}]",
                        "Either ESG Activity ID, ESG Activity local identifier or ESG Activity Group is needed.",
                    )
                )
            elif str(identifier) not in registry.activities:
                errors.append((f"activities[{number}]", "Please provide valid ESG Activity ID."))
            else:
                types.append(registry.activities[str(identifier)])
    institutions = report.get("institutions")
    resolved = []
    if not isinstance(institutions, list) or not institutions:
        errors.append(("institutions", "This list may not be empty."))
    else:
        for number, item in enumerate(institutions):
            found = _institution(item, f"institutions[{number}]", registry, errors)
            if found:
                resolved.append(found)
    programmes = report.get("programmes", [])
    if not isinstance(programmes, list):
        errors.append(("programmes", "Expected a list."))
        programmes = []
    for number, item in enumerate(programmes):
        _programme(item, f"programmes[{number}]", errors)
    for number, item in enumerate(report.get("report_files", []) or []):
        path = f"report_files[{number}]"
        languages = item.get("report_language") if isinstance(item, dict) else None
        if not isinstance(languages, list) or not languages:
            errors.append((f"{path}.report_language", "This field is required."))
        elif any(not isinstance(code, str) or len(code) not in (2, 3) for code in languages):
            errors.append((f"{path}.report_language", "Please provide valid language code."))
        location = item.get("original_location") if isinstance(item, dict) else None
        if not isinstance(location, str) or not re.match(r"https?://", location):
            errors.append((f"{path}.original_location", "Either file or original_location URL is required."))
    for number, item in enumerate(report.get("report_links", []) or []):
        if not isinstance(item, dict) or not re.match(r"https?://", str(item.get("link", ""))):
            errors.append((f"report_links[{number}].link", "Enter a valid URL."))
    if valid_from and date_format:
        try:
            start = datetime.datetime.strptime(valid_from, date_format)
            if valid_to is not None and datetime.datetime.strptime(valid_to, date_format) <= start:
                errors.append(("non_field_errors", "Report's validity start should be earlier then validity end."))
        except (ValueError, TypeError):
            errors.append(("non_field_errors", "Date format string is not applicable to the submitted date."))
    kind = ACTIVITY_PROGRAMME if ACTIVITY_PROGRAMME in types else ACTIVITY_INSTITUTIONAL
    if types and kind == ACTIVITY_INSTITUTIONAL and programmes:
        errors.append(("non_field_errors", "Please remove programme information with this particular Activity type."))
    if types and kind == ACTIVITY_PROGRAMME:
        if isinstance(institutions, list) and len(institutions) > 1:
            errors.append(
                ("non_field_errors", "Please provide only one institution with this particular Activity type.")
            )
        if not programmes:
            errors.append(
                ("non_field_errors", "Please provide at least one programme with this particular Activity type.")
            )
    if resolved and all(registry.institutions[i] for i in resolved):
        if not status or STATUSES.get(status.lower()) != 2:
            errors.append(
                ("non_field_errors", "Status should be 'voluntary' if all organisations are other providers.")
            )
        for programme in programmes:
            if isinstance(programme, dict) and programme.get("degree_outcome") not in DEGREE_OUTCOME_NO_FULL:
                errors.append(
                    (
                        "non_field_errors",
                        "Degree outcome should be '2 / no full degree' if all the organisations are other providers",
                    )
                )
    return errors


class StandInDeqar:
    """A local HTTP server for the test suite: DEQAR's rules, its answers, its report ids."""

    def __init__(self, registry: Registry | None = None):
        self.registry = registry or Registry()
        self.requests: list[tuple[str, dict | list | None]] = []
        self.reports: dict[int, dict] = {}
        self.fail_next = 0  # answer 503 this many times first (a transient failure)
        self._lock = threading.Lock()
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}{PATH}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, method: str, token: str, body: bytes) -> tuple[int, dict]:
        try:
            report = json.loads(body)
        except ValueError:
            return 400, {"detail": "JSON parse error"}
        with self._lock:
            self.requests.append((method, report))
            if self.fail_next:
                self.fail_next -= 1
                return 503, {"detail": "Service unavailable"}
            if token not in self.registry.tokens:
                return 401, {"detail": "Invalid token."}
            errors = validate(report, self.registry, update=method == "PUT")
            if method == "PUT" and not errors and int(report.get("report_id", 0)) not in self.reports:
                errors.append(("report_id", "Please provide a valid report ID."))
            if errors:
                grouped: dict[str, list[str]] = {}
                for where, message in errors:
                    grouped.setdefault(where, []).append(message)
                return 400, {"submission_status": "errors", "original_data": report, "errors": grouped}
            report_id = int(report["report_id"]) if method == "PUT" else len(self.reports) + 1000
            self.reports[report_id] = report
            return 200, {
                "submission_status": "success",
                "submitted_report": {"id": report_id, "local_identifier": report.get("local_identifier")},
                "sanity_check_status": "success",
                "report_flag": "none",
                "report_warnings": [],
                "institution_warnings": [],
            }

    def _handler(self):
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self):
                if self.path != PATH:
                    self.send_error(404)
                    return
                length = int(self.headers.get("Content-Length", 0))
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                status, payload = stand_in.answer(self.command, token, self.rfile.read(length))
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_POST = do_PUT = _serve

            def log_message(self, *args):
                pass

        return Handler
