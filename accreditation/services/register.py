"""Writes to the public register: publication of an accreditation and later changes of an entry's status."""

import secrets

from django.db import transaction
from django.utils import timezone

from .. import audit, register_index
from ..models import Application, Decision, RegisterEntry, RegisterEvent, RegisterScopeItem
from ..models.register import EntryStatus
from ..notifications import notify_entry_status_changed

# Unambiguous characters only: certificate ids are typed in by people reading a printed certificate.
_ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_certificate_id() -> str:
    while True:
        body = "".join(secrets.choice(_ID_ALPHABET) for _ in range(8))
        candidate = f"MC-{body[:4]}-{body[4:]}"
        if not RegisterEntry.objects.filter(certificate_id=candidate).exists():
            return candidate


@transaction.atomic
def publish_register_entry(*, application: Application, decision: Decision, by) -> RegisterEntry:
    """Publish a positive decision: the entry, its accredited scope copied from the submitted versions, and the
    first event of its history."""
    if not decision.is_positive:
        raise ValueError("Only a positive decision is published.")
    entry = RegisterEntry(
        provider=application.provider,
        application=application,
        decision=decision,
        agency=application.agency,
        authority=application.authority,
        certificate_id=new_certificate_id(),
        status=EntryStatus.ACTIVE,
        valid_from=decision.valid_from,
        valid_until=decision.valid_until,
        with_conditions=decision.outcome == Decision.Outcome.ACCREDIT_WITH_CONDITIONS,
        conditions=decision.conditions,
        institutional=application.scope == Application.Scope.INSTITUTIONAL,
        scope_eqf_min=application.scope_eqf_min,
        scope_eqf_max=application.scope_eqf_max,
        published_on=timezone.localdate(),
    )
    # The institutional EQF range is optional (blank for a scope of listed micro-credentials).
    entry.full_clean(exclude=["scope_fields", "scope_eqf_min", "scope_eqf_max"])
    entry.save()
    entry.scope_fields.set(application.scope_fields.all())
    RegisterScopeItem.objects.bulk_create(
        RegisterScopeItem(
            entry=entry,
            version=version,
            title=version.title,
            eqf_level=version.eqf_level,
            field_id=version.field_id,
            ects=version.ects,
            participation_form=version.participation_form,
        )
        for version in application.submitted_versions.all()
    )
    register_index.index_entries(RegisterEntry.objects.filter(pk=entry.pk))
    if entry.with_conditions:
        from .conditions import create_conditions

        create_conditions(entry=entry, by=by)
    RegisterEvent.objects.create(
        entry=entry,
        kind=RegisterEvent.Kind.PUBLISHED,
        status=EntryStatus.ACTIVE,
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
        effective_on=entry.published_on,
        reason=decision.get_outcome_display(),
        actor=by,
    )
    audit.record(
        actor=by, verb="published to the register", target=application, data={"certificate_id": entry.certificate_id}
    )
    return entry


TRANSITIONS = {
    # change: (allowed from, status after)
    RegisterEvent.Kind.SUSPENDED: ((EntryStatus.ACTIVE,), EntryStatus.SUSPENDED),
    RegisterEvent.Kind.REINSTATED: ((EntryStatus.SUSPENDED,), EntryStatus.ACTIVE),
    RegisterEvent.Kind.WITHDRAWN: ((EntryStatus.ACTIVE, EntryStatus.SUSPENDED), EntryStatus.WITHDRAWN),
}


def _ensure_officer(entry: RegisterEntry, by) -> None:
    from django.core.exceptions import PermissionDenied

    from ..models import Membership, Role

    if not Membership.objects.filter(user=by, authority=entry.authority_id, role=Role.OFFICER).exists():
        raise PermissionDenied


def _record_change(*, entry: RegisterEntry, change: str, reason: str, by, effective_on=None) -> RegisterEvent:
    """Apply a change to a locked entry whose status allows it: its new status, the event of its history, the
    audit event and the provider's e-mail. Shared by the officer's actions and the timers."""
    from ..models import Suspension

    _allowed, status = TRANSITIONS[change]
    entry.status = status
    entry.status_reason = reason
    entry.save(update_fields=["status", "status_reason", "updated_at"])
    event = RegisterEvent.objects.create(
        entry=entry,
        kind=change,
        status=status,
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
        effective_on=effective_on or timezone.localdate(),
        reason=reason,
        actor=by,
    )
    running = Suspension.objects.filter(entry=entry, lifted=None, cancelled_at=None).exclude(started=None)
    if change == RegisterEvent.Kind.REINSTATED:
        running.update(lifted=event)
    elif change == RegisterEvent.Kind.WITHDRAWN:
        # A withdrawal ends every suspension, started or planned.
        Suspension.objects.filter(entry=entry, lifted=None, cancelled_at=None).update(cancelled_at=timezone.now())
    audit.record(actor=by, verb=f"register entry {change}", target=entry.application, data={"reason": reason})
    transaction.on_commit(lambda: notify_entry_status_changed(event=event))
    return event


@transaction.atomic
def change_entry_status(*, entry: RegisterEntry, change: str, reason: str, by) -> RegisterEvent:
    """Suspend (from today, with no end date), lift a suspension, or withdraw an entry: always with a reason,
    by an officer of the entry's authority, under a row lock so that two officers acting at once make one
    change."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    _ensure_officer(entry, by)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    if change == RegisterEvent.Kind.SUSPENDED:
        return schedule_suspension(
            entry=entry, starts_on=timezone.localdate(), ends_on=None, reason=reason, by=by
        ).started
    entry = RegisterEntry.objects.select_for_update().get(pk=entry.pk)
    _ensure_allowed(entry, change)
    return _record_change(entry=entry, change=change, reason=reason, by=by)


def _ensure_allowed(entry: RegisterEntry, change: str) -> None:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    allowed, _status = TRANSITIONS[change]
    if entry.status not in allowed:
        raise ValidationError(
            _("The entry is %(status)s: it cannot be %(change)s.")
            % {"status": entry.get_status_display().lower(), "change": RegisterEvent.Kind(change).label.lower()}
        )


@transaction.atomic
def schedule_suspension(*, entry: RegisterEntry, starts_on, ends_on, reason: str, by):
    """Suspend an active entry from a date (today or later) and, optionally, until a later one. A suspension
    from today takes effect at once; a later one, and every end date, are applied by the timers
    (`apply_due_suspensions`). The provider is e-mailed when it starts and when it is lifted."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from ..models import Role, Suspension
    from ..notifications import notify

    _ensure_officer(entry, by)
    today = timezone.localdate()
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    if starts_on is None or starts_on < today:
        raise ValidationError({"starts_on": _("A suspension starts today or later.")})
    if ends_on is not None and ends_on <= starts_on:
        raise ValidationError({"ends_on": _("The suspension must end after it starts.")})
    entry = RegisterEntry.objects.select_for_update().get(pk=entry.pk)
    if starts_on > entry.valid_until:
        raise ValidationError(
            {
                "starts_on": _("The entry expires on %(date)s, before that day.")
                % {"date": entry.valid_until.isoformat()}
            }
        )
    _ensure_allowed(entry, RegisterEvent.Kind.SUSPENDED)
    if Suspension.objects.filter(entry=entry, started=None, cancelled_at=None).exists():
        raise ValidationError(_("A suspension of this entry is already planned; nothing was changed."))
    suspension = Suspension(entry=entry, starts_on=starts_on, ends_on=ends_on, reason=reason.strip(), decided_by=by)
    suspension.full_clean(exclude=["started", "lifted"])
    suspension.save()
    if starts_on == today:
        suspension.started = _record_change(entry=entry, change=RegisterEvent.Kind.SUSPENDED, reason=reason, by=by)
        suspension.save(update_fields=["started"])
    else:
        audit.record(
            actor=by,
            verb="register entry suspension planned",
            target=entry.application,
            data={"from": starts_on.isoformat(), "until": ends_on.isoformat() if ends_on else None, "reason": reason},
        )
        staff = entry.provider.memberships.filter(role=Role.PROVIDER_STAFF).select_related("user")
        notify(
            users=[membership.user for membership in staff],
            subject=_("Your register entry %(certificate)s will be suspended from %(date)s")
            % {"certificate": entry.certificate_id, "date": starts_on.isoformat()},
            message=_(
                "The national authority decided to suspend the register entry of %(provider)s from %(date)s. "
                "Reason: %(reason)s"
            )
            % {"provider": entry.provider.legal_name, "date": starts_on.isoformat(), "reason": reason},
        )
    return suspension


def apply_due_suspensions(today=None) -> tuple[int, int]:
    """The timers' part: start the suspensions due to start and lift those due to end, each in its own
    transaction under the entry's row lock (two timer runs at once make one change). A suspension that can no
    longer start (the entry was withdrawn or has expired) is cancelled. Returns (started, lifted)."""
    from ..models import Suspension

    today = today or timezone.localdate()
    started = lifted = 0
    for pk in Suspension.objects.due_to_start(today).values_list("pk", flat=True):
        with transaction.atomic():
            suspension = Suspension.objects.select_for_update().get(pk=pk)
            entry = RegisterEntry.objects.select_for_update().get(pk=suspension.entry_id)
            if suspension.started_id or suspension.cancelled_at:
                continue
            if entry.status != EntryStatus.ACTIVE or entry.valid_until < suspension.starts_on:
                suspension.cancelled_at = timezone.now()
                suspension.save(update_fields=["cancelled_at"])
                continue
            suspension.started = _record_change(
                entry=entry,
                change=RegisterEvent.Kind.SUSPENDED,
                reason=suspension.reason,
                by=suspension.decided_by,
                effective_on=suspension.starts_on,
            )
            suspension.save(update_fields=["started"])
            started += 1
    for pk in Suspension.objects.due_to_end(today).values_list("pk", flat=True):
        with transaction.atomic():
            suspension = Suspension.objects.select_for_update().get(pk=pk)
            entry = RegisterEntry.objects.select_for_update().get(pk=suspension.entry_id)
            if suspension.lifted_id or suspension.cancelled_at:
                continue
            if entry.status != EntryStatus.SUSPENDED:
                suspension.cancelled_at = timezone.now()
                suspension.save(update_fields=["cancelled_at"])
                continue
            _record_change(
                entry=entry,
                change=RegisterEvent.Kind.REINSTATED,
                reason=suspension.reason,
                by=suspension.decided_by,
                effective_on=suspension.ends_on,
            )
            lifted += 1
    return started, lifted
