from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessConfig(AppConfig):
    name = "process"
    verbose_name = _("Procedures")

    def ready(self):
        # Each flow plugs its start into the lower layer that asks for it: the accreditation flow into
        # accreditation.services.process, the identity change into accreditation.services.identity, the conditions
        # follow-up into accreditation.services.conditions and accreditation.timers.
        from . import conditions, flows, identity_change  # noqa: F401
