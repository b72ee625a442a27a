"""Writes of a provider's profile and of its identity changes.

A provider with a register entry keeps its accredited identity (IDENTITY_FIELDS) until an officer of the
authority that accredited it approves a change: the profile form's identity changes become an
IdentityChangeRequest, its other fields save at once. On approval the provider's identity changes, every entry's
history records it, the search copies follow and each current entry gets a new certificate version. The task
that asks the officer is opened by the process layer (process/identity_change.py), which plugs its flow's start in
here with `on_request`, since accreditation never imports the layer above it."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit, register_index
from ..models import IssuedDocument, Membership, Provider, RegisterEntry, RegisterEvent, Role
from ..models.identity import IDENTITY_FIELDS, IdentityChangeRequest, identity_of
from ..models.register import EntryStatus
from ..notifications import notify

_starters: list[Callable[[IdentityChangeRequest], None]] = []


def on_request(starter: Callable[[IdentityChangeRequest], None]) -> Callable:
    """Register what opens the approval task of a new request (called inside the request's transaction)."""
    if starter not in _starters:
        _starters.append(starter)
    return starter


def deciding_authority(provider: Provider):
    """The authority whose register entry accredits the provider (the latest published), or None when it has
    none: then its identity is not yet accredited and saves directly."""
    entry = RegisterEntry.objects.filter(provider=provider).order_by("-published_at", "-pk").first()
    return entry.authority if entry else None


def pending_change(provider: Provider) -> IdentityChangeRequest | None:
    return IdentityChangeRequest.objects.pending().filter(provider=provider).first()


@transaction.atomic
def save_provider_profile(*, provider: Provider, by, reason: str = "") -> IdentityChangeRequest | None:
    """Save the profile as edited on `provider` (an unsaved instance holding the form's values). Returns the
    identity change request it made, or None when everything saved directly."""
    stored = Provider.objects.select_for_update().get(pk=provider.pk)
    provider.full_clean()
    requested = {
        name: getattr(provider, name) for name in IDENTITY_FIELDS if getattr(provider, name) != getattr(stored, name)
    }
    authority = deciding_authority(stored) if requested else None
    change = None
    if authority is not None:
        change = _request_change(stored=stored, requested=requested, authority=authority, reason=reason, by=by)
        for name in IDENTITY_FIELDS:  # the accredited identity stays until the officer approves
            setattr(provider, name, getattr(stored, name))
    provider.save()
    register_index.index_provider(provider)  # the register shows and searches the current name
    audit.record(actor=by, verb="updated the provider profile", target=provider)
    return change


def _request_change(*, stored, requested, authority, reason, by) -> IdentityChangeRequest:
    if not reason.strip():
        message = _("Say why the identity changes: an officer of %(authority)s approves it.")
        raise ValidationError({"reason": message % {"authority": authority}})
    if pending_change(stored) is not None:
        raise ValidationError(
            _("A change of the provider's identity is already awaiting approval; wait for the answer first.")
        )
    change = IdentityChangeRequest(
        provider=stored,
        authority=authority,
        old_values={name: getattr(stored, name) for name in requested},
        new_values=requested,
        reason=reason.strip(),
        requested_by=by,
    )
    change.full_clean(exclude=["process"])
    try:
        with transaction.atomic():
            change.save()
    except IntegrityError as error:  # another request was made at the same moment
        raise ValidationError(
            _("A change of the provider's identity is already awaiting approval; wait for the answer first.")
        ) from error
    audit.record(actor=by, verb="requested an identity change", target=stored, data={"fields": sorted(requested)})
    for starter in _starters:
        starter(change)
    return change


def _decidable(change: IdentityChangeRequest, by) -> IdentityChangeRequest:
    """The request, locked, still open, and `by` an officer of its authority."""
    if not Membership.objects.filter(user=by, authority=change.authority_id, role=Role.OFFICER).exists():
        raise PermissionDenied
    change = IdentityChangeRequest.objects.select_for_update().get(pk=change.pk)
    if change.status != IdentityChangeRequest.Status.PENDING:
        raise ValidationError(_("This identity change has already been answered."))
    return change


@transaction.atomic
def approve_identity_change(*, change: IdentityChangeRequest, reason: str = "", by) -> IdentityChangeRequest:
    """The provider takes the requested identity; each entry's history says so and current ones are reissued."""
    change = _decidable(change, by)
    provider = Provider.objects.select_for_update().get(pk=change.provider_id)
    before = identity_of(provider)
    for name, value in change.new_values.items():
        setattr(provider, name, value)
    provider.full_clean()
    provider.save()
    register_index.index_provider(provider)
    change.status, change.decided_by, change.decided_at = IdentityChangeRequest.Status.APPROVED, by, timezone.now()
    change.decision_reason = reason.strip()
    change.save()
    summary = "; ".join(f"{label}: {old} → {new}" for label, old, new in change.changes)
    today = timezone.localdate()
    for entry in RegisterEntry.objects.filter(provider=provider).select_related("application", "decision"):
        RegisterEvent.objects.create(
            entry=entry,
            kind=RegisterEvent.Kind.IDENTITY_CHANGED,
            status=entry.status,
            valid_from=entry.valid_from,
            valid_until=entry.valid_until,
            effective_on=today,
            reason=f"{summary}. {change.reason}",
            actor=by,
        )
        entry.save(update_fields=["updated_at"])  # harvesters asking modified_since see the entry again
        if entry.status != EntryStatus.WITHDRAWN and entry.valid_until >= today:
            from .documents import issue_document

            issue_document(
                application=entry.application, kind=IssuedDocument.Kind.CERTIFICATE, by=by, decision=entry.decision
            )
    audit.record(
        actor=by,
        verb="approved an identity change",
        target=provider,
        data={"before": {k: before[k] for k in change.new_values}, "after": change.new_values},
    )
    _tell_provider(
        change,
        subject=lambda: _("The new identity of %(provider)s is on the register") % {"provider": provider.legal_name},
        message=lambda: (
            _("%(authority)s approved the change: %(changes)s. A new certificate version is issued.")
            % {"authority": change.authority, "changes": summary}
        ),
    )
    return change


@transaction.atomic
def refuse_identity_change(*, change: IdentityChangeRequest, reason: str, by) -> IdentityChangeRequest:
    """Nothing about the provider changes; its staff are told why."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the refusal: the provider is told.")})
    change = _decidable(change, by)
    change.status, change.decided_by, change.decided_at = IdentityChangeRequest.Status.REFUSED, by, timezone.now()
    change.decision_reason = reason.strip()
    change.save()
    audit.record(actor=by, verb="refused an identity change", target=change.provider, data={"reason": reason})
    _tell_provider(
        change,
        subject=lambda: _("The identity change of %(provider)s is refused") % {"provider": change.provider.legal_name},
        message=lambda: (
            _("%(authority)s refused the change. Reason: %(reason)s")
            % {"authority": change.authority, "reason": change.decision_reason}
        ),
    )
    return change


def _tell_provider(change: IdentityChangeRequest, *, subject, message) -> None:
    staff = Membership.objects.filter(provider=change.provider_id, role=Role.PROVIDER_STAFF).select_related("user")
    notify(
        users=[membership.user for membership in staff],
        subject=subject,
        message=message,
        link=reverse("accreditation:provider-profile"),
    )
