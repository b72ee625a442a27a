"""Writes of the conditions follow-up: conditions made from a decision, the provider's reports, the
coordinator's assessments and the authority's decisions on a condition not met. Each is atomic, takes the
condition's row lock first (two clicks or two people at once make one change), is audited and e-mails the next
person after commit. The flow (process/conditions.py) says when each happens; these say what happens."""

import calendar
import datetime
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import access, audit
from ..models import Condition, ConditionReport, EvidenceDocument, Membership, RegisterEntry, RegisterEvent, Role
from ..notifications import notify
from . import register as register_services

# The process layer plugs the start of each condition's follow-up flow in here (it sits above this layer).
_created_hooks: list[Callable[[list[Condition]], None]] = []


def on_conditions_created(hook: Callable[[list[Condition]], None]) -> Callable[[list[Condition]], None]:
    _created_hooks.append(hook)
    return hook


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day so many months later (or earlier), the month's last day when it has fewer days."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def condition_texts(text: str) -> list[str]:
    """The conditions of a decision's text, one per non-empty line (as the decision form asks for them)."""
    return [line.strip().lstrip("-•*").strip() for line in text.splitlines() if line.strip().lstrip("-•*").strip()]


def default_due_date(entry: RegisterEntry) -> datetime.date:
    decided = timezone.localdate(entry.decision.decided_at) if entry.decision.decided_at else entry.valid_from
    due = add_months(decided, settings.ACCREDITATION["CONDITION_DUE_MONTHS"])
    return min(due, entry.valid_until)


@transaction.atomic
def create_conditions(*, entry: RegisterEntry, by=None) -> list[Condition]:
    """One Condition row per line of the entry's conditions, each due CONDITION_DUE_MONTHS after the decision
    (never after the entry's validity). Idempotent: an entry that has its rows keeps them."""
    if entry.condition_items.exists():
        return list(entry.condition_items.all())
    due = default_due_date(entry)
    conditions = [
        Condition.objects.create(entry=entry, number=number, text=text, due_on=due)
        for number, text in enumerate(condition_texts(entry.conditions), start=1)
    ]
    if conditions:
        audit.record(
            actor=by, verb="conditions set for follow-up", target=entry.application, data={"count": len(conditions)}
        )
        for hook in _created_hooks:
            hook(conditions)
    return conditions


def _locked(condition: Condition) -> Condition:
    return Condition.objects.select_for_update().select_related("entry__provider").get(pk=condition.pk)


def _staff(entry: RegisterEntry):
    return [m.user for m in Membership.objects.filter(provider=entry.provider_id, role=Role.PROVIDER_STAFF)]


def _coordinators(entry: RegisterEntry):
    coordinator = entry.application.coordinator
    if coordinator is not None:
        return [coordinator]
    return [m.user for m in Membership.objects.filter(agency=entry.agency_id, role=Role.COORDINATOR)]


def _officers(entry: RegisterEntry):
    return [m.user for m in Membership.objects.filter(authority=entry.authority_id, role=Role.OFFICER)]


def _condition_event(*, condition: Condition, kind: str, reason: str, by) -> RegisterEvent:
    """The condition's outcome in the entry's public history; the entry's status is left as it is."""
    entry = condition.entry
    return RegisterEvent.objects.create(
        entry=entry,
        kind=kind,
        status=entry.status,
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
        effective_on=timezone.localdate(),
        reason=f"{condition.number}. {condition.text}" + (f" — {reason}" if reason else ""),
        actor=by,
    )


def _store_evidence(*, condition: Condition, uploaded_file, file_format: str, by) -> EvidenceDocument:
    """An evidence file of a report, kept with the application's evidence (and served by its checked view)."""
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    document = EvidenceDocument(
        application=condition.entry.application,
        kind=EvidenceDocument.Kind.CONDITION,
        title=_("Report on condition %(number)s") % {"number": condition.number},
        original_name=uploaded_file.name[-255:],
        format=file_format,
        size=uploaded_file.size,
        sha256=digest.hexdigest(),
        uploaded_by=by,
    )
    document.file.save(uploaded_file.name, uploaded_file, save=False)
    document.save()
    return document


@transaction.atomic
def report_on_condition(*, condition: Condition, text: str, files=(), by) -> ConditionReport:
    """The provider's report on a condition, with evidence files already checked by `uploads.check_evidence_file`
    (pairs of file and format). Refused when empty, after its deadline, or when a report already waits."""
    if not access.may_report_on_condition(by, condition):
        raise PermissionDenied
    condition = _locked(condition)
    if not text.strip():
        raise ValidationError({"text": _("Write what the provider did to meet the condition.")})
    if condition.state != Condition.State.OPEN:
        raise ValidationError(
            _("This condition is %(state)s: there is nothing to report on now.")
            % {"state": condition.get_state_display().lower()}
        )
    if timezone.localdate() > condition.report_deadline:
        raise ValidationError(
            _(
                "The report was due by %(date)s. The date has passed, so the authority now decides on this "
                "condition; your text is kept on this page, send it to the authority if it helps."
            )
            % {"date": condition.report_deadline.isoformat()}
        )
    report = ConditionReport(condition=condition, text=text.strip(), submitted_by=by)
    report.full_clean(exclude=["documents"])
    report.save()
    report.documents.set(
        [_store_evidence(condition=condition, uploaded_file=f, file_format=fmt, by=by) for f, fmt in files]
    )
    condition.state = Condition.State.REPORTED
    condition.save(update_fields=["state"])
    audit.record(
        actor=by,
        verb="reported on a condition",
        target=condition.entry.application,
        data={"condition": condition.number},
    )
    notify(
        users=_coordinators(condition.entry),
        subject=lambda: (
            _("Report on condition %(number)s of %(provider)s to assess")
            % {"number": condition.number, "provider": condition.entry.provider.legal_name}
        ),
        message=lambda: (
            _("%(provider)s reported on the condition: %(condition)s")
            % {"provider": condition.entry.provider.legal_name, "condition": condition.text}
        ),
        link=reverse("accreditation:tasks"),
    )
    return report


@transaction.atomic
def assess_condition_report(*, condition: Condition, assessment: str, note: str, by) -> ConditionReport:
    """The coordinator's assessment of the waiting report: met (closed), not met (the authority decides) or more
    information needed (back to the provider, who has CONDITION_REPLY_DAYS more if the due date is near)."""
    if not access.may_assess_condition(by, condition):
        raise PermissionDenied
    condition = _locked(condition)
    report = condition.reports.filter(assessment="").first()
    if condition.state != Condition.State.REPORTED or report is None:
        raise ValidationError(_("This report has already been assessed; nothing was changed."))
    if assessment not in ConditionReport.Assessment.values:
        raise ValidationError({"assessment": _("Choose an assessment.")})
    if assessment != ConditionReport.Assessment.MET and not note.strip():
        raise ValidationError({"note": _("Give the reasons, for the provider and the authority.")})
    report.assessment, report.assessment_note = assessment, note.strip()
    report.assessed_by, report.assessed_at = by, timezone.now()
    report.save(update_fields=["assessment", "assessment_note", "assessed_by", "assessed_at"])
    today = timezone.localdate()
    entry = condition.entry
    if assessment == ConditionReport.Assessment.MORE_INFORMATION:
        condition.state = Condition.State.OPEN
        condition.reply_by = max(
            condition.due_on, today + datetime.timedelta(days=settings.ACCREDITATION["CONDITION_REPLY_DAYS"])
        )
        subject = gettext_lazy("More information is needed on condition %(number)s")
    elif assessment == ConditionReport.Assessment.MET:
        condition.state, condition.closed_on = Condition.State.MET, today
        _condition_event(condition=condition, kind=RegisterEvent.Kind.CONDITION_MET, reason="", by=by)
        subject = gettext_lazy("Condition %(number)s is met")
    else:
        condition.state, condition.closed_on = Condition.State.NOT_MET, today
        _condition_event(condition=condition, kind=RegisterEvent.Kind.CONDITION_NOT_MET, reason=note, by=by)
        subject = gettext_lazy("Condition %(number)s is not met")
    condition.save(update_fields=["state", "reply_by", "closed_on"])
    audit.record(
        actor=by,
        verb="assessed a report on a condition",
        target=entry.application,
        data={"condition": condition.number, "assessment": assessment},
    )
    recipients = _staff(entry) + (_officers(entry) if assessment == ConditionReport.Assessment.NOT_MET else [])
    notify(
        users=recipients,
        subject=lambda: subject % {"number": condition.number},
        message=lambda: (
            _("The agency assessed the report on the condition of %(provider)s: %(condition)s. %(note)s")
            % {"provider": entry.provider.legal_name, "condition": condition.text, "note": note.strip()}
        ),
        link=reverse("accreditation:tasks"),
    )
    return report


@transaction.atomic
def mark_condition_overdue(*, condition: Condition) -> bool:
    """The timers' step when the deadline passed with no report: the condition is not met and the authority is
    told. False (nothing changed) when the provider reported meanwhile."""
    condition = _locked(condition)
    if condition.state != Condition.State.OPEN:
        return False
    condition.state, condition.closed_on = Condition.State.NOT_MET, timezone.localdate()
    condition.save(update_fields=["state", "closed_on"])
    _condition_event(
        condition=condition,
        kind=RegisterEvent.Kind.CONDITION_NOT_MET,
        reason=_("no report by %(date)s") % {"date": condition.report_deadline.isoformat()},
        by=None,
    )
    audit.record(
        actor=None, verb="condition overdue", target=condition.entry.application, data={"condition": condition.number}
    )
    entry = condition.entry
    notify(
        users=_officers(entry) + _staff(entry),
        subject=lambda: (
            _("Condition %(number)s of %(provider)s was not met by its due date")
            % {"number": condition.number, "provider": entry.provider.legal_name}
        ),
        message=lambda: (
            _("No report came by %(date)s on the condition: %(condition)s. The authority decides what follows.")
            % {"date": condition.report_deadline.isoformat(), "condition": condition.text}
        ),
        link=reverse("accreditation:tasks"),
    )
    return True


class AuthorityDecision:
    EXTEND = "extend"
    SUSPEND = "suspend"
    WITHDRAW = "withdraw"
    CHOICES = (EXTEND, SUSPEND, WITHDRAW)


@transaction.atomic
def decide_on_condition(
    *,
    condition: Condition,
    decision: str,
    reason: str,
    by,
    due_on: datetime.date | None = None,
    suspend_from: datetime.date | None = None,
    suspend_until: datetime.date | None = None,
) -> Condition:
    """The authority's decision on a condition not met: extend its due date (the provider reports again),
    suspend the entry (from a date, optionally until one) or withdraw it, through the register's services."""
    if not access.may_decide_on_condition(by, condition):
        raise PermissionDenied
    condition = _locked(condition)
    if condition.state != Condition.State.NOT_MET or condition.authority_decision:
        raise ValidationError(_("The authority has already decided on this condition; nothing was changed."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    today = timezone.localdate()
    entry = RegisterEntry.objects.get(pk=condition.entry_id)
    if decision == AuthorityDecision.EXTEND:
        if due_on is None or due_on <= today:
            raise ValidationError({"due_on": _("Give a new due date after today.")})
        if due_on > entry.valid_until:
            raise ValidationError({"due_on": _("The new due date must fall within the accreditation's validity.")})
        condition.due_on, condition.reply_by, condition.state = due_on, None, Condition.State.OPEN
        condition.reminded_on = condition.closed_on = None
        _condition_event(
            condition=condition,
            kind=RegisterEvent.Kind.CONDITION_EXTENDED,
            reason=_("now due by %(date)s") % {"date": due_on.isoformat()},
            by=by,
        )
        condition.save(update_fields=["due_on", "reply_by", "state", "reminded_on", "closed_on"])
    elif decision == AuthorityDecision.SUSPEND:
        register_services.schedule_suspension(
            entry=entry, starts_on=suspend_from or today, ends_on=suspend_until, reason=reason, by=by
        )
        condition.authority_decision = decision
        condition.save(update_fields=["authority_decision"])
    elif decision == AuthorityDecision.WITHDRAW:
        register_services.change_entry_status(entry=entry, change=RegisterEvent.Kind.WITHDRAWN, reason=reason, by=by)
        condition.authority_decision = decision
        condition.save(update_fields=["authority_decision"])
    else:
        raise ValidationError({"decision": _("Choose a decision.")})
    audit.record(
        actor=by,
        verb="decided on a condition not met",
        target=entry.application,
        data={"condition": condition.number, "decision": decision, "reason": reason},
    )
    return condition


def remind_conditions_due(today: datetime.date | None = None) -> int:
    """E-mail the provider once about each open condition due within CONDITION_REMINDER_DAYS; returns the
    number of conditions reminded. The `reminded_on` mark makes repeated timer runs send nothing twice."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.ACCREDITATION["CONDITION_REMINDER_DAYS"])
    reminded = 0
    due = Condition.objects.filter(state=Condition.State.OPEN, reminded_on=None, due_on__lte=horizon, due_on__gte=today)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            condition = _locked(Condition(pk=pk))
            if condition.reminded_on is not None or condition.state != Condition.State.OPEN:
                continue
            condition.reminded_on = today
            condition.save(update_fields=["reminded_on"])
            notify(
                users=_staff(condition.entry),
                subject=lambda condition=condition: (
                    _("Condition %(number)s of your accreditation is due by %(date)s")
                    % {"number": condition.number, "date": condition.due_on.isoformat()}
                ),
                message=lambda condition=condition: (
                    _("Report on the condition before %(date)s: %(condition)s")
                    % {"date": condition.due_on.isoformat(), "condition": condition.text}
                ),
                link=reverse("accreditation:tasks"),
            )
            reminded += 1
    return reminded


def remind_task_owner(*, task, condition: Condition) -> None:
    """A task of the follow-up has waited past its reminder delay: tell its owner once more."""
    if task.owner is None:
        return
    notify(
        users=[task.owner],
        subject=lambda: (
            _("Reminder: %(task)s (%(provider)s, condition %(number)s)")
            % {
                "task": task.flow_task.task_title,
                "provider": condition.entry.provider.legal_name,
                "number": condition.number,
            }
        ),
        message=lambda: _("This task is waiting for you: %(condition)s") % {"condition": condition.text},
        link=reverse("accreditation:tasks"),
    )
