from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "accreditation"
    verbose_name = _("Accreditation")

    def ready(self):
        from jobs import access as jobs_access

        from . import access, lookups
        from .page_cache import connect_receivers

        connect_receivers()
        lookups.register()
        jobs_access.set_visibility_rule(access.jobs_visible_to)
