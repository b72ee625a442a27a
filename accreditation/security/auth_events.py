"""Authentication events (sign-in, failure, lockout, sign-out, password change, second factor, session expiry) as
one JSON object per line on the "security.auth" logger, for the operator's log collector.

Django and django-axes announce sign-ins and lockouts only through signals, so the receivers below are the one
place these events are written; password changes are caught by the length validator's password_changed hook,
which Django calls whenever a password is saved (change form, reset, admin, set_password and save)."""

import json
import logging

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.utils import timezone

from .clients import client_ip

logger = logging.getLogger("security.auth")


def log_event(event: str, *, request=None, user=None, username: str = "", **details) -> None:
    record = {"event": event, "at": timezone.now().isoformat()}
    if user is not None and getattr(user, "pk", None):
        record.update(user_id=user.pk, username=user.get_username())
    elif username:
        record["username"] = str(username)[:150]
    if request is not None:
        record["ip"] = client_ip(request)
        record["user_agent"] = request.META.get("HTTP_USER_AGENT", "")[:200]
    record.update(details)
    logger.info("%s", event, extra={"security_event": record})


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per line: the event's own fields, or the message for ordinary records."""

    def format(self, record: logging.LogRecord) -> str:
        payload = getattr(record, "security_event", None) or {
            "event": "log",
            "at": timezone.now().isoformat(),
            "message": record.getMessage(),
        }
        return json.dumps({"logger": record.name, "level": record.levelname, **payload}, default=str)


def _logged_in(sender, request, user, **kwargs):
    from . import sessions

    if request is not None and hasattr(request, "session"):
        sessions.start(request.session)
    log_event("login", request=request, user=user)


def _login_failed(sender, credentials, request=None, **kwargs):
    log_event("login_failed", request=request, username=credentials.get("username", ""))


def _logged_out(sender, request, user, **kwargs):
    log_event("logout", request=request, user=user)


def _locked_out(sender, request, username, ip_address, **kwargs):
    log_event("lockout", request=request, username=username or "")


def connect() -> None:
    from axes.signals import user_locked_out

    user_logged_in.connect(_logged_in, dispatch_uid="security.login")
    user_login_failed.connect(_login_failed, dispatch_uid="security.login_failed")
    user_logged_out.connect(_logged_out, dispatch_uid="security.logout")
    user_locked_out.connect(_locked_out, dispatch_uid="security.lockout")


class MinimumLengthLoggingValidator(MinimumLengthValidator):
    """Django's minimum length check, which also logs each password change: Django calls every validator's
    password_changed after a new password is saved."""

    def password_changed(self, password, user=None) -> None:
        log_event("password_changed", user=user)
