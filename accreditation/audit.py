"""Writing and verifying the audit chain."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Application, AuditEvent, AuditHead
from .models.audit import GENESIS_HASH

# The words people read in an application's history; events keep the plain English verb as stored data.
VERB_LABELS = {
    "accepted the invitation": _("accepted the invitation"),
    "declined the invitation": _("declined the invitation"),
    "added a micro-credential": _("added a micro-credential"),
    "answered the information request": _("answered the information request"),
    "attached evidence": _("attached evidence"),
    "chased a reviewer": _("sent a reminder to a reviewer"),
    "commented on the draft report": _("commented on the draft report"),
    "consolidated the reviews": _("consolidated the reviews"),
    "created a draft application": _("created the draft application"),
    "decided": _("decided"),
    "edited the draft application": _("edited the draft application"),
    "finalised the review report": _("finalised the review report"),
    "imported a catalogue": _("imported a catalogue"),
    "invited a reviewer": _("invited a reviewer"),
    "issued document": _("issued a document"),
    "moved": _("moved to the next step"),
    "published to the register": _("published to the register"),
    "reassigned a task": _("reassigned a task"),
    "recorded the site visit": _("recorded the site visit"),
    "removed evidence": _("removed evidence"),
    "replaced a reviewer": _("replaced a reviewer"),
    "screened": _("screened the application"),
    "sent a reminder": _("sent a deadline reminder"),
    "started the accreditation process": _("started the accreditation process"),
    "submitted a review": _("submitted a review"),
    "submitted": _("submitted the application"),
    "updated the provider profile": _("updated the provider profile"),
    "updated the reviewer profile": _("updated the reviewer profile"),
    "register entry suspended": _("suspended the register entry"),
    "register entry reinstated": _("lifted the suspension of the register entry"),
    "register entry withdrawn": _("withdrew the register entry"),
    "added in the administration": _("added in the administration"),
    "changed in the administration": _("changed in the administration"),
    "deleted in the administration": _("deleted in the administration"),
}


def verb_label(verb: str) -> str:
    return str(VERB_LABELS.get(verb, verb))


def record(*, actor, verb: str, target: models.Model, data: dict | None = None) -> AuditEvent:
    """Append one event to the chain. Call inside the service's transaction so that the event and the change
    it describes commit together."""
    with transaction.atomic():
        # Locking the head row serialises writers on PostgreSQL; on SQLite the write lock does the same.
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        application = target if isinstance(target, Application) else getattr(target, "application", None)
        event = AuditEvent(
            at=timezone.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_name=(actor.get_full_name() or actor.get_username()) if getattr(actor, "pk", None) else "",
            verb=verb,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            target_repr=str(target)[:255],
            application=application if isinstance(application, Application) else None,
            data=data or {},
            prev_hash=head.last_hash,
        )
        event.hash = event.compute_hash()
        event.save()
        head.last_hash = event.hash
        head.save(update_fields=["last_hash"])
    return event


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


def verify_chain(events: Iterable[AuditEvent] | None = None) -> ChainBreak | None:
    """Walk the chain in order and return the first broken link, or None when it is intact."""
    expected_prev = GENESIS_HASH
    events = events if events is not None else AuditEvent.objects.order_by("pk").iterator(chunk_size=2000)
    for event in events:
        if event.prev_hash != expected_prev:
            return ChainBreak(event.pk, "its previous-hash does not match the event before it")
        if event.compute_hash() != event.hash:
            return ChainBreak(event.pk, "its content does not match its hash")
        expected_prev = event.hash
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != expected_prev:
        return ChainBreak(0, "the chain ends before the recorded head: events were deleted")
    return None
