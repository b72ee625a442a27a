"""Background jobs: long work (imports, large exports) runs outside the request and reports its progress."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def job_file_path(instance: "Job", filename: str) -> str:
    return f"jobs/{instance.kind}/{instance.token}-{filename[-60:]}"


class Job(models.Model):
    class Kind(models.TextChoices):
        CATALOGUE_IMPORT = "catalogue_import", _("Catalogue import")
        REGISTER_EXPORT = "register_export", _("Register download")
        CERTIFICATE_REISSUE = "certificate_reissue", _("Reissue of certificates")
        APPLICATIONS_EXPORT = "applications_export", _("Applications download")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")
        # A checked catalogue goes on, once its author confirms it, to these two.
        IMPORTING = "importing", _("Importing")
        IMPORTED = "imported", _("Imported")

    ACTIVE = (Status.QUEUED, Status.RUNNING, Status.IMPORTING)

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveIntegerField(_("items done"), default=0)
    total = models.PositiveIntegerField(_("items in all"), default=0)
    message = models.TextField(_("message"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    source = models.FileField(_("uploaded file"), upload_to=job_file_path, blank=True)
    provider = models.ForeignKey(
        "accreditation.Provider", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("provider")
    )
    authority = models.ForeignKey(
        "accreditation.Authority", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("authority")
    )
    agency = models.ForeignKey(
        "accreditation.Agency", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("agency")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    # Public jobs (downloads of the register) are reached by this unguessable token instead of an account.
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    output = models.FileField(_("result file"), upload_to=job_file_path, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        # The table keeps the name it had in the reports app, where jobs lived before (no data moved).
        db_table = "reports_job"
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        """Still queued or working: its page keeps polling."""
        return self.status in self.ACTIVE

    @property
    def seems_stuck(self) -> bool:
        """Still active an hour after it started: the process running it may have stopped (a restart)."""
        return self.is_active and self.created_at < timezone.now() - timedelta(hours=1)

    @property
    def percent(self) -> int:
        return int(100 * self.progress / self.total) if self.total else 0
