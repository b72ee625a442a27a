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

from .register import AppendOnlyModel

GENESIS_HASH = "0" * 64


class Verb(models.TextChoices):
    """What happened, as stored (plain English, kept for existing events) and as people read it."""

    ACCEPTED_INVITATION = "accepted the invitation", _("accepted the invitation")
    DECLINED_INVITATION = "declined the invitation", _("declined the invitation")
    ADDED_MICRO_CREDENTIAL = "added a micro-credential", _("added a micro-credential")
    UPDATED_MICRO_CREDENTIAL = "updated a micro-credential", _("updated a micro-credential")
    ANSWERED_INFORMATION_REQUEST = "answered the information request", _("answered the information request")
    ATTACHED_EVIDENCE = "attached evidence", _("attached evidence")
    CHASED_REVIEWER = "chased a reviewer", _("sent a reminder to a reviewer")
    COMMENTED_DRAFT_REPORT = "commented on the draft report", _("commented on the draft report")
    CONSOLIDATED = "consolidated the reviews", _("consolidated the reviews")
    CREATED_DRAFT = "created a draft application", _("created the draft application")
    DELETED_DRAFT = "deleted a draft application", _("deleted the draft application")
    WITHDREW_APPLICATION = "withdrew the application", _("withdrew the application")
    DECIDED = "decided", _("decided")
    EDITED_DRAFT = "edited the draft application", _("edited the draft application")
    FINALISED_REPORT = "finalised the review report", _("finalised the review report")
    IMPORTED_CATALOGUE = "imported a catalogue", _("imported a catalogue")
    INVITED_REVIEWER = "invited a reviewer", _("invited a reviewer")
    ISSUED_DOCUMENT = "issued document", _("issued a document")
    MOVED = "moved", _("moved to the next step")
    PUBLISHED = "published to the register", _("published to the register")
    REASSIGNED_TASK = "reassigned a task", _("reassigned a task")
    RECORDED_SITE_VISIT = "recorded the site visit", _("recorded the site visit")
    REMOVED_EVIDENCE = "removed evidence", _("removed evidence")
    REPLACED_REVIEWER = "replaced a reviewer", _("replaced a reviewer")
    SCREENED = "screened", _("screened the application")
    SENT_REMINDER = "sent a reminder", _("sent a deadline reminder")
    STARTED_PROCESS = "started the accreditation process", _("started the accreditation process")
    SUBMITTED_REVIEW = "submitted a review", _("submitted a review")
    SUBMITTED = "submitted", _("submitted the application")
    UPDATED_PROVIDER_PROFILE = "updated the provider profile", _("updated the provider profile")
    UPDATED_REVIEWER_PROFILE = "updated the reviewer profile", _("updated the reviewer profile")
    ENTRY_SUSPENDED = "register entry suspended", _("suspended the register entry")
    ENTRY_REINSTATED = "register entry reinstated", _("lifted the suspension of the register entry")
    ENTRY_WITHDRAWN = "register entry withdrawn", _("withdrew the register entry")
    ADMIN_ADDED = "added in the administration", _("added in the administration")
    ADMIN_CHANGED = "changed in the administration", _("changed in the administration")
    ADMIN_DELETED = "deleted in the administration", _("deleted in the administration")


def chain_key() -> bytes:
    """The HMAC key of the chain: AUDIT_CHAIN_KEY, or one derived from SECRET_KEY when that is unset."""
    configured = getattr(settings, "AUDIT_CHAIN_KEY", "")
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
    verb = models.CharField(_("what"), max_length=60, choices=Verb.choices)
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
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return self.last_hash
