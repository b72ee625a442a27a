"""Writing and verifying the audit chain."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from .models import Application, AuditEvent, AuditHead
from .models.audit import GENESIS_HASH


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
