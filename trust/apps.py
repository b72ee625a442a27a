from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrustConfig(AppConfig):
    name = "trust"
    verbose_name = _("Verifiable trust")

    def ready(self):
        from accreditation import documents

        from . import checks  # noqa: F401 - registers the deployment check of the signing key
        from .seals import seal_pdf
        from .views.published import register_representations

        register_representations()
        # Every document the accreditation app issues is sealed (it sits below this app, so it is given the seal).
        documents.set_sealer(seal_pdf)
