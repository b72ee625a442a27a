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


@transaction.atomic
def change_entry_status(*, entry: RegisterEntry, change: str, reason: str, by) -> RegisterEvent:
    """Suspend, lift a suspension, or withdraw an entry: always with a reason, by an officer of the entry's
    authority, under a row lock so that two officers acting at once make one change."""
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.utils.translation import gettext as _

    from ..models import Membership, Role

    if not Membership.objects.filter(user=by, authority=entry.authority_id, role=Role.OFFICER).exists():
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    entry = RegisterEntry.objects.select_for_update().get(pk=entry.pk)
    allowed, status = TRANSITIONS[change]
    if entry.status not in allowed:
        raise ValidationError(
            _("The entry is %(status)s: it cannot be %(change)s.")
            % {"status": entry.get_status_display().lower(), "change": RegisterEvent.Kind(change).label.lower()}
        )
    entry.status = status
    entry.status_reason = reason
    entry.save(update_fields=["status", "status_reason", "updated_at"])
    event = RegisterEvent.objects.create(
        entry=entry,
        kind=change,
        status=status,
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
        effective_on=timezone.localdate(),
        reason=reason,
        actor=by,
    )
    audit.record(actor=by, verb=f"register entry {change}", target=entry.application, data={"reason": reason})
    transaction.on_commit(lambda: notify_entry_status_changed(event=event))
    return event
