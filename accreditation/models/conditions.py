"""The follow-up of an accreditation's conditions, the scheduled suspensions of register entries, and the
reminders sent before an entry expires (issue 13)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..validators import no_control_characters
from .applications import EvidenceDocument
from .register import RegisterEntry, RegisterEvent


class ConditionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ConditionQuerySet":
        """Conditions of the applications the user may see (see `access.conditions_visible_to`)."""
        from ..access import conditions_visible_to

        return conditions_visible_to(user, self)


class Condition(models.Model):
    """One condition of a decision with conditions: what the provider must do, by when, and how far it is.
    Its state changes only through accreditation.services.conditions."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        REPORTED = "reported", _("Reported")
        MET = "met", _("Met")
        NOT_MET = "not_met", _("Not met")

    OPEN_STATES = (State.OPEN, State.REPORTED)

    entry = models.ForeignKey(
        RegisterEntry, models.PROTECT, related_name="condition_items", verbose_name=_("register entry")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("condition"), validators=[no_control_characters])
    due_on = models.DateField(_("due on"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    # After the coordinator asked for more information, the provider may answer until this day even when it is
    # later than the due date.
    reply_by = models.DateField(_("answer requested by"), null=True, blank=True)
    # The authority's decision on a condition not met: extended, suspended or withdrawn (empty until then).
    authority_decision = models.CharField(_("authority's decision"), max_length=10, blank=True)
    reminded_on = models.DateField(_("reminder sent on"), null=True, blank=True)
    # The day it was found met or not met (the outcome's date, for the statistics).
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    process = models.OneToOneField(
        "viewflow.Process", models.SET_NULL, null=True, blank=True, related_name="condition", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ConditionQuerySet.as_manager()

    class Meta:
        ordering = ["entry", "number"]
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        constraints = [models.UniqueConstraint(fields=["entry", "number"], name="condition_number_unique")]
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self) -> str:
        return f"{self.entry.certificate_id} #{self.number}"

    @property
    def report_deadline(self) -> datetime.date:
        """The last day a report is accepted: the due date, or a later day the coordinator gave for an answer."""
        return max(self.due_on, self.reply_by or self.due_on)

    @property
    def is_overdue(self) -> bool:
        return self.state == self.State.OPEN and self.report_deadline < timezone.localdate()


class ConditionReport(models.Model):
    """The provider's report on one condition, with evidence, and the coordinator's assessment of it."""

    class Assessment(models.TextChoices):
        MET = "met", _("Met")
        NOT_MET = "not_met", _("Not met")
        MORE_INFORMATION = "more_info", _("More information needed")

    condition = models.ForeignKey(Condition, models.PROTECT, related_name="reports", verbose_name=_("condition"))
    text = models.TextField(_("report"), validators=[no_control_characters])
    documents = models.ManyToManyField(EvidenceDocument, blank=True, related_name="+", verbose_name=_("evidence"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("reported by")
    )
    submitted_at = models.DateTimeField(_("reported"), auto_now_add=True)
    assessment = models.CharField(_("assessment"), max_length=10, choices=Assessment.choices, blank=True)
    assessment_note = models.TextField(_("reasons"), blank=True, validators=[no_control_characters])
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("assessed by")
    )
    assessed_at = models.DateTimeField(_("assessed"), null=True, blank=True)

    class Meta:
        ordering = ["condition", "submitted_at", "pk"]
        verbose_name = _("report on a condition")
        verbose_name_plural = _("reports on conditions")
        constraints = [
            # One report waits for assessment at a time: a second submission at once cannot slip in.
            models.UniqueConstraint(
                fields=["condition"], condition=Q(assessment=""), name="one_unassessed_report_per_condition"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.condition}: {self.submitted_at:%Y-%m-%d}"


class SuspensionQuerySet(models.QuerySet):
    def due_to_start(self, on: datetime.date) -> "SuspensionQuerySet":
        return self.filter(starts_on__lte=on, started=None, cancelled_at=None)

    def due_to_end(self, on: datetime.date) -> "SuspensionQuerySet":
        return self.filter(ends_on__lte=on, lifted=None, cancelled_at=None).exclude(started=None)


class Suspension(models.Model):
    """A suspension the authority decided, from a start date (today or later) and, optionally, until an end
    date: the timers start and lift it on those days, each through a RegisterEvent."""

    entry = models.ForeignKey(RegisterEntry, models.PROTECT, related_name="suspensions", verbose_name=_("entry"))
    starts_on = models.DateField(_("suspended from"))
    ends_on = models.DateField(_("suspended until"), null=True, blank=True)
    reason = models.TextField(_("reason"), validators=[no_control_characters])
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    started = models.OneToOneField(
        RegisterEvent, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("start")
    )
    lifted = models.OneToOneField(
        RegisterEvent, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("end")
    )
    # A planned suspension that never started because the entry was lifted, withdrawn or expired first.
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        ordering = ["entry", "starts_on"]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")),
                name="suspension_ends_after_it_starts",
                violation_error_message=_("The suspension must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry.certificate_id}: {self.starts_on}-{self.ends_on or ''}"


class ExpiryReminder(models.Model):
    """One reminder that an entry expires within so many months: written once per entry and threshold, so that
    each goes out once however often the timers run."""

    entry = models.ForeignKey(RegisterEntry, models.CASCADE, related_name="expiry_reminders", verbose_name=_("entry"))
    months = models.PositiveSmallIntegerField(_("months before expiry"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    # False for a threshold already passed when a later one was reached first (e.g. an entry published with
    # four months left gets the 3-month reminder only).
    sent = models.BooleanField(_("sent"), default=True)

    class Meta:
        ordering = ["entry", "-months"]
        verbose_name = _("expiry reminder")
        verbose_name_plural = _("expiry reminders")
        constraints = [models.UniqueConstraint(fields=["entry", "months"], name="expiry_reminder_once")]

    def __str__(self) -> str:
        return f"{self.entry.certificate_id}: {self.months}"
