from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessConfig(AppConfig):
    name = "process"
    verbose_name = _("Procedures")

    def ready(self):
        # The identity-change flow plugs its start into accreditation.services.identity (a lower layer).
        from . import identity_change  # noqa: F401

        # The conditions follow-up plugs its starts into accreditation.services.conditions and accreditation.timers.
        from . import conditions  # noqa: F401
