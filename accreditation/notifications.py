"""E-mails at each hand-over, sent only once the transaction that caused them has committed."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from config.site import site_url

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """The link as the recipient must open it: on the address of the request that caused the e-mail, or the
    configured one (config.site)."""
    return f"{site_url()}{path}"


def notify(*, users: Iterable, subject: str, message: str, link: str = "") -> None:
    """Queue one e-mail per recipient with an address, sent after commit; a failing mail server is logged, never
    undoes the work."""
    recipients = sorted({user.email for user in users if user is not None and user.email})
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "accreditation/email/notification.txt",
            {"message": message, "link": absolute_url(link) if link else ""},
        )
        subject = str(subject)

    def send() -> None:
        for address in recipients:
            try:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
            except Exception:  # the mail server must not break the workflow
                logger.exception("Could not send %r to %s", subject, address)

    transaction.on_commit(send)
