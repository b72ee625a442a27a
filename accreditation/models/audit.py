"""The words of the audit trail: what happened, as stored and as people read it. The chain itself (the append-only
events, their keyed hashes, what the chain proves and what it does not) lives in `base.models`; its models are
re-exported here, where the domain has always imported them from."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from base.models import GENESIS_HASH, AuditEvent, AuditHead, chain_digest, chain_key

__all__ = ["GENESIS_HASH", "AuditEvent", "AuditHead", "Verb", "chain_digest", "chain_key"]


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
    REQUESTED_IDENTITY_CHANGE = "requested an identity change", _("requested a change of the provider's identity")
    APPROVED_IDENTITY_CHANGE = "approved an identity change", _("approved a change of the provider's identity")
    REFUSED_IDENTITY_CHANGE = "refused an identity change", _("refused a change of the provider's identity")
    ENTRY_SUSPENDED = "register entry suspended", _("suspended the register entry")
    ENTRY_REINSTATED = "register entry reinstated", _("lifted the suspension of the register entry")
    ENTRY_WITHDRAWN = "register entry withdrawn", _("withdrew the register entry")
    ADMIN_ADDED = "added in the administration", _("added in the administration")
    ADMIN_CHANGED = "changed in the administration", _("changed in the administration")
    ADMIN_DELETED = "deleted in the administration", _("deleted in the administration")
