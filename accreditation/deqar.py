"""Reporting decisions to EQAR's DEQAR: each final decision (refusals included, as ESG 2.6 asks) as one report of
the Submission API v2, built by reports.deqar, sent with the agency's token, and remembered per decision.

A decision never sent is POSTed; one whose report changed since DEQAR last accepted it (a withdrawal shortens
`valid_to`) is PUT with DEQAR's report id; an unchanged one is not sent again. Network failures, HTTP 429 and 5xx
are retried with a growing pause; what DEQAR answered (accepted, refused with its errors) is stored.
"""

import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from reports import deqar as builder

from . import access
from .models import Agency, Decision, DeqarSubmission, IssuedDocument, MicroCredentialVersion
from .models.register import EntryStatus, RegisterEntry, RegisterEvent, RegisterScopeItem, entry_state

logger = logging.getLogger(__name__)

REPORT_FILE_KINDS = (IssuedDocument.Kind.FINAL_REPORT, IssuedDocument.Kind.DECISION_LETTER)
RETRY_STATUSES = {429, 500, 502, 503, 504}
TIMEOUT_SECONDS = 30


def decisions() -> QuerySet[Decision]:
    """Every final decision (accreditations and refusals) with what its report needs, oldest first."""
    return (
        Decision.objects.final()
        .select_related("application__provider", "application__agency", "register_entry")
        .prefetch_related(
            Prefetch(
                "application__submitted_versions",
                queryset=MicroCredentialVersion.objects.select_related(
                    "micro_credential", "nqf_level", "field"
                ).order_by("title"),
            ),
            Prefetch(
                "application__documents",
                queryset=access.public_documents().filter(kind__in=REPORT_FILE_KINDS).order_by("kind", "-version"),
            ),
            Prefetch("register_entry__events", queryset=RegisterEvent.objects.order_by("effective_on", "pk")),
            Prefetch(
                "register_entry__scope_items",
                queryset=RegisterScopeItem.objects.select_related(
                    "version__micro_credential", "version__nqf_level", "version__field"
                ).order_by("title"),
            ),
        )
        .order_by("decided_at", "pk")
    )


def _entry(decision: Decision) -> RegisterEntry | None:
    try:
        return decision.register_entry
    except RegisterEntry.DoesNotExist:
        return None


def _latest_files(decision: Decision, site: str) -> tuple[builder.ReportFile, ...]:
    """The newest version of each public document (access.public_documents: refusals' reports too)."""
    newest: dict[str, IssuedDocument] = {}
    for document in decision.application.documents.all():
        newest.setdefault(document.kind, document)
    return tuple(
        builder.ReportFile(
            url=site + reverse("reports:public-document", args=[document.pk]),
            display_name=str(document.get_kind_display()),
        )
        for document in newest.values()
    )


def _versions(decision: Decision, entry: RegisterEntry | None) -> list[MicroCredentialVersion]:
    """What was decided on: the accredited scope of a published entry, the submitted versions of a refusal."""
    if entry is not None:
        return [item.version for item in entry.scope_items.all()]
    return list(decision.application.submitted_versions.all())


def report_data(decision: Decision, site: str) -> builder.ReportData:
    application = decision.application
    provider, agency = application.provider, application.agency
    entry = _entry(decision)
    institutional = application.scope == application.Scope.INSTITUTIONAL
    activities = agency.deqar_activities_institutional if institutional else agency.deqar_activities_programme
    valid_from, valid_to = decision.valid_from, decision.valid_until
    suspended_since = withdrawn_on = None
    if entry is not None:
        state = entry_state(entry)
        valid_from, valid_to = state.valid_from, state.ends_on
        suspended_since = state.suspended_since if state.status == EntryStatus.SUSPENDED else None
        withdrawn_on = state.withdrawn_on
    return builder.ReportData(
        local_identifier=application.reference,
        agency=agency.deqar_id or agency.acronym,
        activities=tuple(a for a in activities.split(",") if a),
        hei_voluntary=agency.deqar_hei_voluntary,
        outcome=decision.outcome,
        valid_from=valid_from or decision.decided_at.date(),
        valid_to=valid_to,
        institution=builder.Institution(
            name=provider.legal_name,
            is_hei=provider.type == provider.Type.UNIVERSITY,
            deqar_id=provider.deqar_id,
            eter_id=provider.eter_id,
            erasmus_code=provider.erasmus_code,
            pic=provider.pic,
            national_id=provider.national_id,
        ),
        institutional=institutional,
        programmes=tuple(
            builder.Programme(
                title=version.title,
                reference=version.micro_credential.reference,
                eqf_level=version.eqf_level,
                nqf_level=version.nqf_level.code if version.nqf_level_id else "",
                ects=version.ects,
                assessed=bool(version.assessment_type),
                field_code=version.field.code if version.field_id else "",
                learning_outcomes="\n".join(version.outcome_lines),
            )
            for version in _versions(decision, entry)
        ),
        summary=decision.rationale,
        conditions=tuple(decision.condition_lines),
        files=_latest_files(decision, site),
        link=site + reverse("register:provider", args=[provider.pk]) if entry is not None else "",
        suspended_since=suspended_since,
        withdrawn_on=withdrawn_on,
    )


def results(queryset: QuerySet[Decision], site: str) -> Iterator[builder.Result]:
    for decision in queryset.iterator(chunk_size=200):
        yield builder.build_report(report_data(decision, site))


@dataclass
class Reply:
    status: int | None
    body: dict | None
    error: str = ""


def http_send(method: str, url: str, token: str, report: dict) -> Reply:
    """One request to the Submission API; a network failure is a reply without a status."""
    request = urllib.request.Request(  # noqa: S310 - the URL is the operator's DEQAR_SUBMISSION_URL (http/https)
        url,
        data=json.dumps(report).encode(),
        method=method,
        headers={"Content-Type": "application/json", "Accept": "application/json", "Authorization": f"Bearer {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return Reply(response.status, _json(response.read()))
    except urllib.error.HTTPError as error:
        return Reply(error.code, _json(error.read()), error.reason)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        return Reply(None, None, str(getattr(error, "reason", error)))


def _json(raw: bytes) -> dict | None:
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else {"body": value}


def _message(reply: Reply) -> str:
    """DEQAR's errors (field by field) or the network's, in one line a coordinator can read."""
    body = reply.body or {}
    errors = body.get("errors")
    if errors:
        return "; ".join(_flatten(errors))
    return reply.error or body.get("submission_status", "") or f"HTTP {reply.status}"


def _flatten(errors, path: str = "") -> Iterator[str]:
    if isinstance(errors, dict):
        for key, value in errors.items():
            yield from _flatten(value, f"{path}.{key}" if path else str(key))
    elif isinstance(errors, list):
        for number, value in enumerate(errors):
            yield from _flatten(value, path if isinstance(value, str) else f"{path}[{number}]")
    else:
        yield f"{path}: {errors}" if path else str(errors)


def submit_decision(
    decision: Decision,
    *,
    site: str,
    url: str | None = None,
    send: Callable[[str, str, str, dict], Reply] = http_send,
    attempts: int = 3,
    pause: Callable[[float], None] = time.sleep,
) -> DeqarSubmission:
    """Send one decision's report when it is new or changed; record what was sent and what DEQAR answered."""
    url = url or settings.DEQAR_SUBMISSION_URL
    result = builder.build_report(report_data(decision, site))
    submission = DeqarSubmission.objects.filter(decision=decision).first() or DeqarSubmission(decision=decision)
    submission.warnings = list(result.warnings)
    if result.report is None:
        submission.state = DeqarSubmission.State.NOT_SENDABLE
        submission.message = " ".join(result.warnings)
        submission.save()
        return submission
    if submission.state == DeqarSubmission.State.ACCEPTED and submission.accepted == result.report:
        submission.save()
        return submission  # DEQAR already has exactly this report
    payload = dict(result.report)
    method = "POST"
    if submission.report_id:
        method, payload["report_id"] = "PUT", submission.report_id
    token = decision.application.agency.deqar_token
    reply = Reply(None, None, "not sent")
    for attempt in range(1, attempts + 1):
        reply = send(method, url, token, payload)
        if reply.status is not None and reply.status not in RETRY_STATUSES:
            break
        logger.warning("DEQAR %s of %s failed (%s), attempt %s", method, decision, reply.error, attempt)
        if attempt < attempts:
            pause(2**attempt)
    submission.method, submission.sent, submission.http_status = method, payload, reply.status
    submission.response, submission.attempts = reply.body, submission.attempts + 1
    if reply.status == 200 and reply.body and reply.body.get("submission_status") == "success":
        submission.state = DeqarSubmission.State.ACCEPTED
        submission.accepted = result.report
        submission.report_id = str(reply.body.get("submitted_report", {}).get("id", submission.report_id))
        submission.message = ""
    elif reply.status is not None and reply.status not in RETRY_STATUSES:
        submission.state = DeqarSubmission.State.REFUSED
        submission.message = _message(reply)
    else:
        submission.state = DeqarSubmission.State.FAILED
        submission.message = _message(reply)
    submission.save()
    return submission


def submit_agency(agency: Agency, *, site: str, **options) -> list[DeqarSubmission]:
    """Every decision of an agency's applications, one request each."""
    return [
        submit_decision(decision, site=site, **options) for decision in decisions().filter(application__agency=agency)
    ]
