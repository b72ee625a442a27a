"""Applications for accreditation, their evidence, the exchanges with the provider, and the decision."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from frameworks.models import EqfLevel, FieldOfStudy, StandardSet

from ..validators import no_control_characters
from .credentials import MicroCredential, MicroCredentialVersion
from .organisations import Agency, Authority, Provider


class ApplicationQuerySet(models.QuerySet):
    # The rules live in accreditation/access.py (imported here, not at the top: it imports these models).
    def visible_to(self, user) -> "ApplicationQuerySet":
        """Applications the user may see (see `access.applications_visible_to`)."""
        from ..access import applications_visible_to

        return applications_visible_to(user, self)

    def awaiting_decision(self) -> "ApplicationQuerySet":
        return self.filter(status=Application.Status.DECISION)


class Application(models.Model):
    """A provider's request for accreditation. A draft is edited freely; submitting starts the flow, and from
    then on only the flow changes its status."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCREENING = "screening", _("Screening")
        INFORMATION_REQUESTED = "information_requested", _("Information requested")
        PANEL = "panel", _("Panel being composed")
        SITE_VISIT = "site_visit", _("Site visit")
        REVIEW = "review", _("Under review")
        CONSOLIDATION = "consolidation", _("Consolidation")
        COMMENTS = "comments", _("Draft report with the provider for comments")
        FINALISING = "finalising", _("Final report in preparation")
        DECISION = "decision", _("Awaiting decision")
        ACCREDITED = "accredited", _("Accredited")
        ACCREDITED_WITH_CONDITIONS = "accredited_with_conditions", _("Accredited with conditions")
        REFUSED = "refused", _("Refused")
        INELIGIBLE = "ineligible", _("Rejected as ineligible")
        WITHDRAWN = "withdrawn", _("Withdrawn by the provider")

    CLOSED_STATUSES = (
        Status.ACCREDITED,
        Status.ACCREDITED_WITH_CONDITIONS,
        Status.REFUSED,
        Status.INELIGIBLE,
        Status.WITHDRAWN,
    )

    class Scope(models.TextChoices):
        CREDENTIALS = "credentials", _("Selected micro-credentials")
        INSTITUTIONAL = "institutional", _("Institutional (limited by EQF levels and fields)")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    provider = models.ForeignKey(Provider, models.PROTECT, related_name="applications", verbose_name=_("provider"))
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="applications", verbose_name=_("QA agency"))
    authority = models.ForeignKey(
        Authority, models.PROTECT, related_name="applications", verbose_name=_("national authority")
    )
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.CREDENTIALS)
    micro_credentials = models.ManyToManyField(
        MicroCredential, blank=True, related_name="applications", verbose_name=_("micro-credentials")
    )
    submitted_versions = models.ManyToManyField(
        MicroCredentialVersion,
        blank=True,
        related_name="applications",
        verbose_name=_("micro-credential versions as submitted"),
    )
    scope_eqf_min = models.PositiveSmallIntegerField(
        _("lowest EQF level"), choices=EqfLevel.choices, null=True, blank=True
    )
    scope_eqf_max = models.PositiveSmallIntegerField(
        _("highest EQF level"), choices=EqfLevel.choices, null=True, blank=True
    )
    scope_fields = models.ManyToManyField(
        FieldOfStudy, blank=True, related_name="+", verbose_name=_("fields of education (ISCED-F)")
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("What you apply for, and anything the agency should know."),
        validators=[no_control_characters],
    )
    standard_sets = models.ManyToManyField(
        StandardSet, blank=True, related_name="applications", verbose_name=_("standard sets")
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.DRAFT)
    process = models.OneToOneField(
        "viewflow.Process",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("process"),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("QA coordinator"),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("authority officer"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    ineligibility_reasons = models.TextField(
        _("reasons for ineligibility"), blank=True, validators=[no_control_characters]
    )
    comment_deadline = models.DateTimeField(_("comments due"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        permissions = [("review_application", _("Can review the application as a panel member"))]
        indexes = [models.Index(fields=["status", "agency"]), models.Index(fields=["status", "authority"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope_eqf_min__isnull=True)
                | Q(scope_eqf_max__isnull=True)
                | Q(scope_eqf_min__lte=models.F("scope_eqf_max")),
                name="application_eqf_range_ordered",
                violation_error_message=_("The lowest EQF level cannot be above the highest."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.provider}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED_STATUSES


class ApplicationUserObjectPermission(UserObjectPermissionBase):
    """Guardian's direct foreign-key permission table for applications (indexed joins, no text casts)."""

    content_object = models.ForeignKey(Application, models.CASCADE)


class ApplicationGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Application, models.CASCADE)


def evidence_path(instance: "EvidenceDocument", filename: str) -> str:
    # The stored name never reuses the uploaded name: the original is kept in a column for display.
    return f"evidence/{instance.application_id}/{instance.sha256[:16]}-{instance.kind}"


class EvidenceDocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "EvidenceDocumentQuerySet":
        """Evidence of the applications the user may see."""
        from ..access import evidence_visible_to

        return evidence_visible_to(user, self)


class EvidenceDocument(models.Model):
    """A file the provider attaches to an application: self-evaluation report, annexes, responses."""

    class Kind(models.TextChoices):
        SELF_EVALUATION = "self_evaluation", _("Self-evaluation report")
        ANNEX = "annex", _("Annex")
        RESPONSE = "response", _("Response to an information request")
        CONDITION = "condition", _("Report on a condition")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        ODT = "odt", "ODT"
        XLSX = "xlsx", "XLSX"

    application = models.ForeignKey(Application, models.CASCADE, related_name="evidence", verbose_name=_("application"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255, validators=[no_control_characters])
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255, validators=[no_control_characters])
    format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = EvidenceDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["application", "kind", "uploaded_at"]
        verbose_name = _("evidence document")
        verbose_name_plural = _("evidence documents")

    def __str__(self) -> str:
        return self.title


class InformationRequest(models.Model):
    """The coordinator's request for more information, and the provider's answer."""

    application = models.ForeignKey(
        Application, models.CASCADE, related_name="information_requests", verbose_name=_("application")
    )
    message = models.TextField(_("what is needed"), validators=[no_control_characters])
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    response = models.TextField(_("response"), blank=True, validators=[no_control_characters])
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["application", "requested_at"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")

    def __str__(self) -> str:
        return f"{self.application.reference}: {self.message[:40]}"


class DraftReportComment(models.Model):
    """The provider's comments on the draft review report, made within the comment period."""

    application = models.ForeignKey(
        Application, models.CASCADE, related_name="report_comments", verbose_name=_("application")
    )
    text = models.TextField(_("comments"), validators=[no_control_characters])
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["application", "created_at"]
        verbose_name = _("comment on the draft report")
        verbose_name_plural = _("comments on the draft report")

    def __str__(self) -> str:
        return f"{self.application.reference}: {self.text[:40]}"


class DecisionQuerySet(models.QuerySet):
    def final(self) -> "DecisionQuerySet":
        return self.exclude(outcome=Decision.Outcome.SEND_BACK)


class Decision(models.Model):
    """The authority's decision on an application. A send-back is recorded too, but only one final decision
    exists per application."""

    class Outcome(models.TextChoices):
        ACCREDIT = "accredit", _("Accredit")
        ACCREDIT_WITH_CONDITIONS = "accredit_with_conditions", _("Accredit with conditions")
        REFUSE = "refuse", _("Refuse")
        SEND_BACK = "send_back", _("Send back to the agency")

    POSITIVE = (Outcome.ACCREDIT, Outcome.ACCREDIT_WITH_CONDITIONS)

    application = models.ForeignKey(
        Application, models.PROTECT, related_name="decisions", verbose_name=_("application")
    )
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    conditions = models.TextField(
        _("conditions"), blank=True, help_text=_("One condition per line."), validators=[no_control_characters]
    )
    rationale = models.TextField(_("reasons"), validators=[no_control_characters])
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    authority = models.ForeignKey(Authority, models.PROTECT, related_name="decisions", verbose_name=_("authority"))
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["application", "decided_at"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=~Q(outcome="send_back"),
                name="one_final_decision_per_application",
                violation_error_message=_("This application already has a final decision."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome__in=["accredit", "accredit_with_conditions"])
                | Q(
                    valid_from__isnull=False,
                    valid_until__isnull=False,
                    valid_until__gt=models.F("valid_from"),
                ),
                name="positive_decision_has_validity",
                violation_error_message=_("An accreditation needs a validity period that ends after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome="accredit_with_conditions") | ~Q(conditions=""),
                name="conditional_decision_lists_conditions",
                violation_error_message=_("List the conditions of a conditional accreditation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.reference}: {self.get_outcome_display()}"

    @property
    def is_positive(self) -> bool:
        return self.outcome in self.POSITIVE

    @property
    def condition_lines(self) -> list[str]:
        return [line.strip() for line in self.conditions.splitlines() if line.strip()]


def issued_document_path(instance: "IssuedDocument", filename: str) -> str:
    return f"issued/{instance.application_id}/{instance.kind}-v{instance.version}.pdf"


class IssuedDocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "IssuedDocumentQuerySet":
        """Documents the user may read: the draft report only to those preparing it."""
        from ..access import documents_visible_to

        return documents_visible_to(user, self)


class IssuedDocument(models.Model):
    """A document the system produced (review report, decision letter, certificate). Once issued it never
    changes; producing it again makes a new version."""

    class Kind(models.TextChoices):
        DRAFT_REPORT = "draft_report", _("Draft review report")
        FINAL_REPORT = "final_report", _("Review report")
        DECISION_LETTER = "decision_letter", _("Decision letter")
        CERTIFICATE = "certificate", _("Accreditation certificate")

    PUBLIC_KINDS = (Kind.FINAL_REPORT, Kind.DECISION_LETTER, Kind.CERTIFICATE)

    application = models.ForeignKey(
        Application, models.PROTECT, related_name="documents", verbose_name=_("application")
    )
    decision = models.ForeignKey(
        Decision, models.PROTECT, null=True, blank=True, related_name="documents", verbose_name=_("decision")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=issued_document_path, max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["application", "kind", "-version"]
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        constraints = [
            models.UniqueConstraint(fields=["application", "kind", "version"], name="issued_document_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version} ({self.application.reference})"
