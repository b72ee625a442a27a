from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and data files")

    def ready(self):
        # Job runners register themselves on import.
        from . import catalogue_jobs, certificate_jobs, export_jobs, register_jobs  # noqa: F401
