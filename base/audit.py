"""Writing and verifying the audit chain, and anchoring its head outside the database (see models.py for what the
chain proves). The domain calls these through `accreditation.audit`, which adds what only it knows (the verbs'
labels, whether there is anything the chain should describe)."""

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.db import models, transaction
from django.utils import timezone

from .models import GENESIS_HASH, AuditEvent, AuditHead, chain_key

logger = logging.getLogger("security.audit")
HEAD_SALT = "accreditation.audit.head"  # as when the chain lived in accreditation: anchored heads keep verifying


def record(*, actor, verb: str, target: models.Model, data: dict | None = None) -> AuditEvent:
    """Append one event to the chain. Call inside the service's transaction so that the event and the change
    it describes commit together."""
    with transaction.atomic():
        # Locking the head row serialises writers on PostgreSQL; on SQLite the write lock does the same.
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        # The application an event belongs to: the target itself, or the target's own `application`.
        application_model = AuditEvent._meta.get_field("application").related_model
        application = target if isinstance(target, application_model) else getattr(target, "application", None)
        application = application if isinstance(application, application_model) else None
        known_actor = getattr(actor, "pk", None) is not None
        event = AuditEvent(
            at=timezone.now(),
            actor_id=actor.pk if known_actor else None,
            actor_name=(actor.get_full_name() or actor.get_username()) if known_actor else "",
            verb=str(verb),
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            target_repr=str(target)[:255],
            application_id=application.pk if application else None,
            application_reference=application.reference if application else "",
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


def verify_chain(
    events: Iterable[AuditEvent] | None = None,
    anchors: Iterable[dict] = (),
    has_domain_data: Callable[[], bool] = lambda: False,
) -> ChainBreak | None:
    """Walk the chain in order and return the first broken link, or None when it is intact. Each anchor (a head
    signed earlier and kept outside the database) names an event and hash that must still be in the chain.
    `has_domain_data` tells whether the database holds what the chain should describe (an audit of nothing is only
    fine when there is nothing)."""
    expected_prev, count = GENESIS_HASH, 0
    wanted = {int(anchor["last_id"]): anchor["hash"] for anchor in anchors if anchor.get("last_id")}
    events = events if events is not None else AuditEvent.objects.order_by("pk").iterator(chunk_size=2000)
    for event in events:
        if event.prev_hash != expected_prev:
            return ChainBreak(event.pk, "its previous-hash does not match the event before it")
        if event.compute_hash() != event.hash:
            return ChainBreak(event.pk, "its content does not match its hash")
        if event.pk in wanted and wanted.pop(event.pk) != event.hash:
            return ChainBreak(event.pk, "it differs from the signed head anchored outside the database")
        expected_prev, count = event.hash, count + 1
    if wanted:
        return ChainBreak(0, "events named by a signed head anchored outside the database are missing: truncated")
    head = AuditHead.objects.filter(pk=1).first()
    if head is None:
        if count or has_domain_data():
            return ChainBreak(0, "the chain's head is missing")
        return None
    if head.last_hash != expected_prev:
        return ChainBreak(0, "the chain ends before the recorded head: events were deleted")
    if count == 0 and has_domain_data():
        return ChainBreak(0, "the chain is empty although applications have been submitted")
    return None


def signed_head() -> str:
    """The chain's current head (last event id, its hash, the number of events, when) signed with the chain key."""
    last = AuditEvent.objects.order_by("-pk").values("pk", "hash").first() or {"pk": 0, "hash": GENESIS_HASH}
    head = {
        "last_id": last["pk"],
        "hash": last["hash"],
        "events": AuditEvent.objects.count(),
        "at": timezone.now().isoformat(),
    }
    return signing.dumps(head, key=chain_key().hex(), salt=HEAD_SALT, compress=False)


def read_signed_head(token: str) -> dict:
    """The head inside a signed token; raises signing.BadSignature when it was not signed with the chain key."""
    return signing.loads(token, key=chain_key().hex(), salt=HEAD_SALT)


def anchor_file() -> Path | None:
    return Path(settings.AUDIT_ANCHOR_FILE) if settings.AUDIT_ANCHOR_FILE else None


def write_daily_anchor() -> str | None:
    """Once a day, append the signed head to the anchor file and the security log; return it when written."""
    path, today = anchor_file(), timezone.localdate().isoformat()
    if path is None:
        return None
    lines = path.read_text().splitlines() if path.exists() else []
    if lines and json.loads(lines[-1]).get("day") == today:
        return None
    token = signed_head()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        handle.write(json.dumps({"day": today, "head": token}) + "\n")
    logger.info("audit head", extra={"security_event": {"event": "audit_head", "day": today, "head": token}})
    return token


def stored_anchors() -> list[dict]:
    """The heads of the anchor file, each checked against the chain key (a forged line raises BadSignature)."""
    path = anchor_file()
    if path is None or not path.exists():
        return []
    return [read_signed_head(json.loads(line)["head"]) for line in path.read_text().splitlines() if line.strip()]
