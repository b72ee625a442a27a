"""Writes on a submitted application, one per user-visible step: submission, screening, the information loop,
comments on the draft report, the final report and the decision."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit
from ..models import (
    Application,
    Decision,
    DraftReportComment,
    EvidenceDocument,
    InformationRequest,
    IssuedDocument,
    Membership,
    MicroCredentialVersion,
    Role,
)
from ..notifications import notify
from .documents import issue_document


def submission_problems(application: Application) -> list[str]:
    """Everything that stops a draft from being submitted, in words the provider can act on."""
    from frameworks import alignment

    problems = []
    if application.scope == Application.Scope.CREDENTIALS:
        credentials = list(application.micro_credentials.select_related("nqf_level__referencing", "field"))
        if not credentials:
            problems.append(_("Choose at least one micro-credential for the scope."))
        for credential in credentials:
            missing = alignment.missing_mandatory_elements(credential)
            if missing:
                problems.append(
                    _("“%(title)s” lacks mandatory elements: %(elements)s.")
                    % {"title": credential.title, "elements": "; ".join(str(f.message) for f in missing)}
                )
    elif application.scope_eqf_min is None or application.scope_eqf_max is None:
        problems.append(_("Give the EQF levels of the institutional scope."))
    if not application.evidence.filter(kind=EvidenceDocument.Kind.SELF_EVALUATION).exists():
        problems.append(_("Attach the self-evaluation report."))
    if not Membership.objects.filter(agency=application.agency, role=Role.COORDINATOR).exists():
        problems.append(_("The chosen agency has no QA coordinator yet; contact the agency."))
    return problems


def choose_coordinator(application: Application):
    """The agency's coordinator with the fewest open applications."""
    open_applications = Application.objects.filter(coordinator=OuterRef("user"), closed_at__isnull=True)
    return (
        Membership.objects.filter(agency=application.agency, role=Role.COORDINATOR)
        .annotate(
            load=Coalesce(Subquery(open_applications.values("coordinator").annotate(n=Count("pk")).values("n")), 0)
        )
        .order_by("load", "user_id")
        .values_list("user", flat=True)
        .first()
    )


def _freeze_versions(application: Application, by) -> list[MicroCredentialVersion]:
    """Freeze each chosen specification as a version; an unchanged specification reuses its last version."""
    versions = []
    for credential in application.micro_credentials.all():
        latest = credential.versions.order_by("-number").first()
        values = credential.specification_values()
        if latest is not None and latest.specification_values() == values:
            versions.append(latest)
            continue
        version = MicroCredentialVersion(
            micro_credential=credential, number=(latest.number + 1) if latest else 1, created_by=by, **values
        )
        version.save()
        versions.append(version)
    return versions


@transaction.atomic
def submit_application(*, application: Application, by) -> Application:
    """Submit a draft: refuse with the list of what is missing, otherwise freeze the scope and start the flow."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_draft:
        raise ValidationError(_("This application has already been submitted."))
    problems = submission_problems(application)
    if problems:
        raise ValidationError(problems)
    application.submitted_versions.set(_freeze_versions(application, by))
    application.standard_sets.set(application.agency.standard_sets.all())
    application.submitted_by = by
    application.submitted_at = timezone.now()
    application.coordinator_id = choose_coordinator(application)
    application.save(update_fields=["submitted_by", "submitted_at", "coordinator"])
    audit.record(actor=by, verb="submitted", target=application)
    from .process import start_accreditation  # (process imports this module)

    start_accreditation(application=application, by=by)
    application.refresh_from_db()
    return application


class ScreeningOutcome:
    ACCEPT = "accept"
    REQUEST_INFORMATION = "request_information"
    INELIGIBLE = "ineligible"

    CHOICES = (
        (ACCEPT, _("Accept for review")),
        (REQUEST_INFORMATION, _("Request more information")),
        (INELIGIBLE, _("Reject as ineligible")),
    )


@transaction.atomic
def record_screening(*, application: Application, outcome: str, message: str, by) -> None:
    """The coordinator's screening result; the flow routes on it."""
    if outcome == ScreeningOutcome.REQUEST_INFORMATION:
        if not message.strip():
            raise ValidationError({"message": _("Say what information is needed.")})
        InformationRequest.objects.create(application=application, message=message, requested_by=by)
    elif outcome == ScreeningOutcome.INELIGIBLE:
        if not message.strip():
            raise ValidationError({"message": _("Give the reasons for ineligibility.")})
        application.ineligibility_reasons = message
        application.save(update_fields=["ineligibility_reasons"])
    elif outcome != ScreeningOutcome.ACCEPT:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    audit.record(actor=by, verb="screened", target=application, data={"outcome": outcome, "message": message})


@transaction.atomic
def answer_information_request(*, application: Application, response: str, by) -> InformationRequest:
    request = application.information_requests.select_for_update().filter(responded_at=None).first()
    if request is None:
        raise ValidationError(_("There is no open information request."))
    if not response.strip():
        raise ValidationError({"response": _("Write your answer.")})
    request.response = response
    request.responded_by = by
    request.responded_at = timezone.now()
    request.save(update_fields=["response", "responded_by", "responded_at"])
    audit.record(actor=by, verb="answered the information request", target=application)
    return request


@transaction.atomic
def open_comment_period(*, application: Application, by) -> IssuedDocument:
    """Issue the draft report and give the provider until the deadline to comment."""
    document = issue_document(application=application, kind=IssuedDocument.Kind.DRAFT_REPORT, by=by)
    application.comment_deadline = timezone.now() + settings.ACCREDITATION["COMMENT_PERIOD"]
    application.save(update_fields=["comment_deadline"])
    return document


@transaction.atomic
def submit_report_comments(*, application: Application, text: str, by) -> DraftReportComment:
    if application.comment_deadline and timezone.now() > application.comment_deadline:
        raise ValidationError(_("The comment period has ended."))
    if not text.strip():
        raise ValidationError({"text": _("Write your comments, or say that you have none.")})
    comment = DraftReportComment.objects.create(application=application, text=text, author=by)
    audit.record(actor=by, verb="commented on the draft report", target=application)
    return comment


def choose_officer(application: Application):
    return (
        Membership.objects.filter(authority=application.authority, role=Role.OFFICER)
        .order_by("user_id")
        .values_list("user", flat=True)
        .first()
    )


@transaction.atomic
def finalise_report(*, application: Application, by) -> IssuedDocument:
    """Issue the final report and hand the application to an officer of the authority."""
    officer_id = choose_officer(application)
    if officer_id is None:
        raise ValidationError(_("The authority has no officer to decide; ask the authority to add one."))
    document = issue_document(application=application, kind=IssuedDocument.Kind.FINAL_REPORT, by=by)
    application.officer_id = officer_id
    application.save(update_fields=["officer"])
    audit.record(actor=by, verb="finalised the review report", target=application)
    return document


def default_validity(start: datetime.date) -> datetime.date:
    years = settings.ACCREDITATION["DEFAULT_VALIDITY_YEARS"]
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


@transaction.atomic
def record_decision(
    *,
    application: Application,
    outcome: str,
    rationale: str,
    by,
    conditions: str = "",
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> Decision:
    """The authority's decision. Positive outcomes get a validity period (default from configuration)."""
    decision = Decision(
        application=application,
        outcome=outcome,
        rationale=rationale,
        conditions=conditions if outcome == Decision.Outcome.ACCREDIT_WITH_CONDITIONS else "",
        authority=application.authority,
        officer=by,
    )
    if decision.is_positive:
        decision.valid_from = valid_from or timezone.localdate()
        decision.valid_until = valid_until or default_validity(decision.valid_from)
    decision.full_clean()
    decision.save()
    audit.record(actor=by, verb="decided", target=application, data={"outcome": outcome})
    if outcome != Decision.Outcome.SEND_BACK:
        issue_document(application=application, kind=IssuedDocument.Kind.DECISION_LETTER, by=by, decision=decision)
    else:
        notify(
            users=[application.coordinator],
            subject=lambda: _("Application %(reference)s sent back") % {"reference": application.reference},
            message=lambda: (
                _("The authority sent the application back for consolidation: %(reasons)s") % {"reasons": rationale}
            ),
        )
    return decision


def _lock_provider_application(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("provider", "agency").get(pk=application.pk)


@transaction.atomic
def delete_draft_application(*, application: Application, by) -> str:
    """Delete a draft the provider no longer wants, with its evidence files; the audit trail keeps the event.
    Returns the deleted draft's reference."""
    from ..models.audit import Verb

    application = _lock_provider_application(application)
    if not application.is_draft:
        raise ValidationError(_("A submitted application cannot be deleted; withdraw it instead."))
    reference = application.reference
    files = [document.file for document in application.evidence.all() if document.file]
    audit.record(actor=by, verb=Verb.DELETED_DRAFT, target=application, data={"reference": reference})
    application.delete()

    def remove_files() -> None:
        for file in files:
            file.storage.delete(file.name)

    transaction.on_commit(remove_files)
    return reference


def may_be_withdrawn(application: Application) -> bool:
    """Submitted, not closed and not decided yet (an application the authority sent back is still open)."""
    return not application.is_draft and not application.is_closed and application.process_id is not None


@transaction.atomic
def withdraw_application(*, application: Application, reason: str, by) -> Application:
    """The provider withdraws a submitted application before the decision: the process is cancelled (every open
    task closed), the application is closed as withdrawn, and the coordinator and anyone holding a task are told."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from ..models.audit import Verb
    from .process import move_application

    application = _lock_provider_application(application)
    if not may_be_withdrawn(application):
        raise ValidationError(_("This application can no longer be withdrawn."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the application is withdrawn.")})
    process = application.process
    holders = [
        task.owner
        for task in Task.objects.filter(process=process, status__in=[STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED])
        .exclude(owner=None)
        .select_related("owner")
    ]
    process.flow_class.instance.cancel(process)
    previous = application.status
    move_application(application=application, status=Application.Status.WITHDRAWN)
    application.closed_at = timezone.now()
    application.save(update_fields=["closed_at"])
    audit.record(
        actor=by, verb=Verb.WITHDREW_APPLICATION, target=application, data={"reason": reason, "from": previous}
    )
    coordinators = [application.coordinator] if application.coordinator_id else []
    if not coordinators:
        coordinators = [m.user for m in Membership.objects.filter(agency=application.agency, role=Role.COORDINATOR)]
    from django.urls import reverse

    notify(
        users=[*coordinators, *holders, application.officer],
        subject=lambda: (
            _("Application %(reference)s withdrawn by %(provider)s")
            % {"reference": application.reference, "provider": application.provider}
        ),
        message=lambda: (
            _(
                "%(person)s withdrew application %(reference)s of %(provider)s. Its open tasks are closed. "
                "Reason: %(reason)s"
            )
            % {
                "person": by.get_full_name() or by.get_username(),
                "reference": application.reference,
                "provider": application.provider,
                "reason": reason,
            }
        ),
        link=reverse("accreditation:application-detail", args=[application.pk]),
    )
    return application
