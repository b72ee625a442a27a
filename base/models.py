"""The audit trail: an append-only chain of events, each carrying a keyed hash (HMAC) of itself and the one before.

What the chain proves, and what it does not:
- Changing, inserting or deleting any event breaks the chain at that point, and recomputing the later hashes
  needs the key (AUDIT_CHAIN_KEY), which lives in the settings, not in the database: someone who can write to the
  database but cannot read the server's configuration cannot forge a consistent chain.
- Deleting the last events and moving the head back is seen by the signed heads anchored outside the database
  (the log and the published /audit/head), which name an event and its hash that must still be in the chain.
- It does not prove that every action was recorded (code that skips audit.record leaves no trace), and someone
  holding both the database and the key can rewrite everything after the newest anchor kept elsewhere.

Only columns that never change are hashed: copies of the actor's id and name and of the application's reference,
taken when the event is written. The two foreign keys are DO_NOTHING without a database constraint, so deleting a
user or a draft application leaves the event's row exactly as it was (SET_NULL would rewrite it); they are kept
only for convenient joins and may point at a row that no longer exists.
"""

import hashlib
import hmac
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AppendOnlyModel(models.Model):
    """A row that is written once: updates and deletes through the ORM are refused."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError(f"{type(self).__name__} rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{type(self).__name__} rows are append-only.")


def chain_key() -> bytes:
    """The HMAC key of the chain: AUDIT_CHAIN_KEY, or one derived from SECRET_KEY when that is unset."""
    configured = settings.AUDIT_CHAIN_KEY
    if configured:
        return configured.encode()
    return hashlib.sha256(b"microcred audit chain\x00" + settings.SECRET_KEY.encode()).digest()


def chain_digest(values: dict, key: bytes | None = None) -> str:
    """The keyed hash of one event's never-changing values (those of AuditEvent.hashed_values)."""
    payload = json.dumps(values, sort_keys=True, separators=(",", ":"), default=str)
    return hmac.new(key or chain_key(), payload.encode(), hashlib.sha256).hexdigest()


class AuditEvent(AppendOnlyModel):
    """Who did what to which object, when; tampering with any row breaks the chain after it."""

    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_name = models.CharField(_("who (as recorded)"), max_length=255, blank=True)
    # What happened, in plain English as stored; the words people read are the domain's (accreditation's Verb).
    verb = models.CharField(_("what"), max_length=60)
    target_type = models.CharField(_("object type"), max_length=100)
    target_id = models.CharField(_("object id"), max_length=64)
    target_repr = models.CharField(_("object"), max_length=255)
    application = models.ForeignKey(
        "accreditation.Application",
        models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("application"),
    )
    application_reference = models.CharField(_("application (as recorded)"), max_length=20, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        # The tables keep the names they had in the accreditation app, where the chain lived before.
        db_table = "accreditation_auditevent"
        ordering = ["pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or '-'} {self.verb} {self.target_repr}"

    def hashed_values(self) -> dict:
        return {
            "prev": self.prev_hash,
            "at": self.at.isoformat(),
            "actor": self.actor_id,
            "actor_name": self.actor_name,
            "verb": self.verb,
            "target": [self.target_type, self.target_id, self.target_repr],
            "application": self.application_reference,
            "data": self.data,
        }

    def compute_hash(self) -> str:
        return chain_digest(self.hashed_values())


class AuditHead(models.Model):
    """A single row holding the hash of the latest event; locking it serialises writers of the chain."""

    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        db_table = "accreditation_audithead"
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return self.last_hash
