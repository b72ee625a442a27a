"""Deployment checks (`manage.py check --deploy`) for what Django's own do not know about this project."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def check_security_settings(app_configs, **kwargs) -> list[checks.CheckMessage]:
    messages = []
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache")) and not settings.EMBEDDED_DEMO:
        messages.append(
            checks.Warning(
                "Rate limits, password-reset limits and sign-in lockout counts live in a per-process cache.",
                hint="Set REDIS_URL so that every web process shares the same counts.",
                id="security.W101",
            )
        )
    if not settings.AUDIT_CHAIN_KEY:
        messages.append(
            checks.Warning(
                "AUDIT_CHAIN_KEY is not set: the audit chain's key is derived from SECRET_KEY.",
                hint="Set AUDIT_CHAIN_KEY (kept outside the database), so that rotating SECRET_KEY keeps the chain.",
                id="security.W102",
            )
        )
    if not settings.SITE_URL.startswith("https://"):
        messages.append(
            checks.Warning(
                "SITE_URL is not an https:// address.",
                hint="Serve the site over HTTPS and set SITE_URL to its https:// address.",
                id="security.W103",
            )
        )
    return messages
