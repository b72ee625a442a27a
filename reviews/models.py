"""Reviewers, panels and their work: judgements per standard, alignment verdicts per micro-credential, and
the coordinator's consolidation of them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accreditation.models import Agency, Application, MicroCredentialVersion, Provider
from accreditation.validators import no_control_characters
from frameworks.models import FieldOfStudy, ScaleValue, Standard


class Recommendation(models.TextChoices):
    ACCREDIT = "accredit", _("Accredit")
    ACCREDIT_WITH_CONDITIONS = "accredit_with_conditions", _("Accredit with conditions")
    REFUSE = "refuse", _("Refuse")


class ReviewerProfile(models.Model):
    """An expert in an agency's pool: what they know, which languages they work in, where they come from."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="reviewer_profile", verbose_name=_("person")
    )
    fields = models.ManyToManyField(FieldOfStudy, blank=True, related_name="+", verbose_name=_("expertise"))
    languages = models.CharField(
        _("working languages"), max_length=100, blank=True, help_text=_("Two-letter codes, e.g. en,fr.")
    )
    countries = models.CharField(
        _("countries known"), max_length=100, blank=True, help_text=_("Two-letter codes, e.g. IE,MT.")
    )
    is_student = models.BooleanField(_("student reviewer"), default=False)
    can_chair = models.BooleanField(_("can chair a panel"), default=False)
    organisation = models.CharField(
        _("current employer"), max_length=255, blank=True, validators=[no_control_characters]
    )
    employer = models.ForeignKey(
        Provider,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employed by (provider)"),
    )

    class Meta:
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def language_codes(self) -> list[str]:
        return [c.strip() for c in self.languages.split(",") if c.strip()]


class EmploymentRecord(models.Model):
    """Past work of a reviewer for a provider, used to detect conflicts within the cooling-off period."""

    profile = models.ForeignKey(ReviewerProfile, models.CASCADE, related_name="employment", verbose_name=_("reviewer"))
    provider = models.ForeignKey(Provider, models.CASCADE, related_name="+", verbose_name=_("provider"))
    role = models.CharField(_("role"), max_length=200, blank=True, validators=[no_control_characters])
    ended_on = models.DateField(_("ended on"), null=True, blank=True, help_text=_("Empty if still employed."))

    class Meta:
        verbose_name = _("employment record")
        verbose_name_plural = _("employment records")

    def __str__(self) -> str:
        return f"{self.profile} at {self.provider}"


class Panel(models.Model):
    """The expert panel of one application."""

    application = models.OneToOneField(Application, models.CASCADE, related_name="panel", verbose_name=_("application"))
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="panels", verbose_name=_("agency"))
    created_at = models.DateTimeField(_("composed"), auto_now_add=True)
    site_visit_on = models.DateField(_("site visit date"), null=True, blank=True)
    site_visit_mode = models.CharField(
        _("site visit mode"),
        max_length=10,
        blank=True,
        choices=[("onsite", _("On site")), ("online", _("Online"))],
    )
    site_visit_notes = models.TextField(_("site visit notes"), blank=True, validators=[no_control_characters])

    class Meta:
        verbose_name = _("panel")
        verbose_name_plural = _("panels")

    def __str__(self) -> str:
        return str(self.application)


class PanelMemberQuerySet(models.QuerySet):
    def current(self) -> "PanelMemberQuerySet":
        return self.exclude(status__in=[PanelMember.Status.DECLINED, PanelMember.Status.REMOVED])

    # The rules live in reviews/access.py (imported here, not at the top: it imports these models).
    def visible_to(self, user) -> "PanelMemberQuerySet":
        """Seats the user may see (see `access.panel_members_visible_to`)."""
        from .access import panel_members_visible_to

        return panel_members_visible_to(user, self)

    def manageable_by(self, user) -> "PanelMemberQuerySet":
        """Seats a coordinator may chase or replace (see `access.panel_members_manageable_by`)."""
        from .access import panel_members_manageable_by

        return panel_members_manageable_by(user, self)


class PanelMember(models.Model):
    """A reviewer's seat on a panel, from invitation to submitted review or departure."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        STUDENT = "student", _("Student member")

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REMOVED = "removed", _("Replaced or removed")

    panel = models.ForeignKey(Panel, models.CASCADE, related_name="members", verbose_name=_("panel"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="panel_seats", verbose_name=_("reviewer")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.INVITED)
    suggestion_reasons = models.JSONField(_("why suggested"), default=list, blank=True)
    conflict_override = models.TextField(
        _("justification for a detected conflict"),
        blank=True,
        help_text=_("Required to appoint a reviewer with a detected conflict of interest."),
        validators=[no_control_characters],
    )
    conflict_declared = models.TextField(
        _("conflict declared by the reviewer"), blank=True, validators=[no_control_characters]
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)

    objects = PanelMemberQuerySet.as_manager()

    class Meta:
        ordering = ["panel", "role", "invited_at"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "reviewer"],
                condition=Q(status__in=["invited", "accepted"]),
                name="reviewer_seated_once_per_panel",
                violation_error_message=_("This reviewer is already on the panel."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} ({self.get_role_display()})"


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReviewQuerySet":
        """Reviews the user may see (see `access.reviews_visible_to`)."""
        from .access import reviews_visible_to

        return reviews_visible_to(user, self)

    def submitted(self) -> "ReviewQuerySet":
        return self.filter(submitted_at__isnull=False)


class Review(models.Model):
    """One panel member's review of the application."""

    member = models.OneToOneField(PanelMember, models.CASCADE, related_name="review", verbose_name=_("panel member"))
    recommendation = models.CharField(_("recommendation"), max_length=30, choices=Recommendation.choices, blank=True)
    summary = models.TextField(_("overall assessment"), blank=True, validators=[no_control_characters])
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.member} — {self.member.panel}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Judgement(models.Model):
    """A reviewer's judgement of one standard on the set's scale."""

    review = models.ForeignKey(Review, models.CASCADE, related_name="judgements", verbose_name=_("review"))
    standard = models.ForeignKey(Standard, models.PROTECT, related_name="+", verbose_name=_("standard"))
    value = models.ForeignKey(ScaleValue, models.PROTECT, related_name="+", verbose_name=_("judgement"))
    rationale = models.TextField(_("rationale"), blank=True, validators=[no_control_characters])
    evidence = models.CharField(
        _("evidence references"), max_length=500, blank=True, validators=[no_control_characters]
    )

    class Meta:
        ordering = ["review", "standard__standard_set", "standard__ordinal"]
        verbose_name = _("judgement")
        verbose_name_plural = _("judgements")
        constraints = [models.UniqueConstraint(fields=["review", "standard"], name="one_judgement_per_standard")]

    def __str__(self) -> str:
        return f"{self.standard.code}: {self.value}"


class AlignmentVerdict(models.Model):
    """A reviewer's verdict on one micro-credential's declared level and workload."""

    review = models.ForeignKey(Review, models.CASCADE, related_name="verdicts", verbose_name=_("review"))
    version = models.ForeignKey(
        MicroCredentialVersion, models.PROTECT, related_name="+", verbose_name=_("micro-credential")
    )
    level_confirmed = models.BooleanField(_("declared level confirmed"))
    workload_confirmed = models.BooleanField(_("workload confirmed"))
    reason = models.TextField(_("reason"), blank=True, validators=[no_control_characters])

    class Meta:
        verbose_name = _("alignment verdict")
        verbose_name_plural = _("alignment verdicts")
        constraints = [models.UniqueConstraint(fields=["review", "version"], name="one_verdict_per_credential")]

    def __str__(self) -> str:
        return f"{self.version}: {'disputed' if self.disputed else 'confirmed'}"

    @property
    def disputed(self) -> bool:
        return not (self.level_confirmed and self.workload_confirmed)


class Consolidation(models.Model):
    """The coordinator's consolidation of the panel's reviews: the panel's recommendation to the authority."""

    panel = models.OneToOneField(Panel, models.CASCADE, related_name="consolidation", verbose_name=_("panel"))
    recommendation = models.CharField(
        _("panel recommendation"), max_length=30, choices=Recommendation.choices, blank=True
    )
    conditions = models.TextField(
        _("recommended conditions"), blank=True, help_text=_("One per line."), validators=[no_control_characters]
    )
    summary = models.TextField(_("summary of findings"), blank=True, validators=[no_control_characters])
    updated_at = models.DateTimeField(_("saved"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("consolidation")
        verbose_name_plural = _("consolidations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(recommendation="accredit_with_conditions") | ~Q(conditions=""),
                name="conditional_recommendation_lists_conditions",
                violation_error_message=_("List the conditions the panel recommends."),
            )
        ]

    def __str__(self) -> str:
        return str(self.panel)


class ConsolidatedJudgement(models.Model):
    """The panel's agreed judgement of one standard."""

    consolidation = models.ForeignKey(
        Consolidation, models.CASCADE, related_name="judgements", verbose_name=_("consolidation")
    )
    standard = models.ForeignKey(Standard, models.PROTECT, related_name="+", verbose_name=_("standard"))
    value = models.ForeignKey(ScaleValue, models.PROTECT, related_name="+", verbose_name=_("judgement"))
    rationale = models.TextField(_("rationale"), blank=True, validators=[no_control_characters])

    class Meta:
        ordering = ["consolidation", "standard__standard_set", "standard__ordinal"]
        verbose_name = _("consolidated judgement")
        verbose_name_plural = _("consolidated judgements")
        constraints = [models.UniqueConstraint(fields=["consolidation", "standard"], name="one_consolidated_judgement")]

    def __str__(self) -> str:
        return f"{self.standard.code}: {self.value}"
