"""The audit trail as the domain uses it: `audit.record(actor=..., verb=..., target=...)` in every service. The
chain itself (its model, hashing, verification and anchors outside the database) lives in `base` below every app;
this module adds what only the domain knows: the verbs' labels and whether the database holds anything the chain
should describe."""

from collections.abc import Iterable

from base.audit import (
    HEAD_SALT,
    ChainBreak,
    anchor_file,
    read_signed_head,
    record,
    signed_head,
    stored_anchors,
    write_daily_anchor,
)
from base.audit import verify_chain as verify_base_chain

from .models import Application, AuditEvent
from .models.audit import Verb

__all__ = [
    "HEAD_SALT",
    "ChainBreak",
    "anchor_file",
    "read_signed_head",
    "record",
    "signed_head",
    "stored_anchors",
    "verb_label",
    "verify_chain",
    "write_daily_anchor",
]


def verb_label(verb: str) -> str:
    return str(Verb(verb).label) if verb in Verb.values else verb


def _has_domain_data() -> bool:
    """Whether the database holds what the chain should describe (an audit of nothing is only fine when empty)."""
    return Application.objects.exclude(status=Application.Status.DRAFT).exists()


def verify_chain(events: Iterable[AuditEvent] | None = None, anchors: Iterable[dict] = ()) -> ChainBreak | None:
    """The first broken link of the chain, or None when it is intact (base.audit.verify_chain); an empty chain is
    a break once applications have been submitted."""
    return verify_base_chain(events, anchors, has_domain_data=_has_domain_data)
