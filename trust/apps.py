from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrustConfig(AppConfig):
    name = "trust"
    verbose_name = _("Verifiable trust")

    def ready(self):
        from . import checks  # noqa: F401 - registers the deployment check of the signing key
        from .views.published import register_representations

        register_representations()
