"""What was sent to EQAR's DEQAR for each decision, and what DEQAR answered."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .applications import Decision


class DeqarSubmission(models.Model):
    """The last submission of one decision's report to DEQAR's Submission API (v2), kept so that a changed
    report is sent again as an update (PUT with DEQAR's report id) and an unchanged one is not sent at all."""

    class State(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted by DEQAR")
        REFUSED = "refused", _("Refused by DEQAR")
        FAILED = "failed", _("Not reached (will be retried)")
        NOT_SENDABLE = "not_sendable", _("Cannot be sent")

    decision = models.OneToOneField(
        Decision, models.PROTECT, related_name="deqar_submission", verbose_name=_("decision")
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    report_id = models.CharField(_("DEQAR report id"), max_length=20, blank=True)
    sent = models.JSONField(_("report last sent"), null=True, blank=True)
    accepted = models.JSONField(_("report last accepted"), null=True, blank=True)
    method = models.CharField(_("HTTP method"), max_length=6, blank=True)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    response = models.JSONField(_("DEQAR's last answer"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("DEQAR submission")
        verbose_name_plural = _("DEQAR submissions")

    def __str__(self) -> str:
        return f"{self.decision}: {self.get_state_display()}"
