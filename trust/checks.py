"""`manage.py check --deploy` says when no signing key is configured: documents could not be sealed then."""

from django.conf import settings
from django.core import checks

from . import keys


@checks.register(checks.Tags.security, deploy=True)
def signing_key_configured(app_configs, **kwargs):
    if any(key.signed_until is None for key in keys.all_keys()) or settings.SIGNING_KEY_AUTOCREATE:
        return []
    return [
        checks.Warning(
            f"No signing key in SIGNING_KEY_DIR ({settings.SIGNING_KEY_DIR}): documents cannot be sealed, "
            "entries, downloads and the trust list cannot be signed.",
            hint="Run `manage.py ensure_signing_key` (demo) or point SIGNING_KEY_DIR at the operator's keys.",
            id="trust.W001",
        )
    ]
