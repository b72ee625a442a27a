from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "accreditation.security"
    label = "security"
    verbose_name = _("Security")

    def ready(self) -> None:
        from . import auth_events, checks  # noqa: F401 - registers the deployment checks

        auth_events.connect()
