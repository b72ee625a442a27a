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


def notify_entry_status_changed(*, event) -> None:
    """Tell the provider's staff that their register entry was suspended, reinstated or withdrawn, and why."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from .models import Membership, RegisterEvent, Role

    entry = event.entry
    provider = entry.provider
    subjects = {
        RegisterEvent.Kind.SUSPENDED: _("Your register entry %(certificate)s is suspended"),
        RegisterEvent.Kind.REINSTATED: _("The suspension of your register entry %(certificate)s is lifted"),
        RegisterEvent.Kind.WITHDRAWN: _("Your register entry %(certificate)s is withdrawn"),
    }
    if event.kind not in subjects:
        return
    staff = Membership.objects.filter(provider=provider, role=Role.PROVIDER_STAFF).select_related("user")
    notify(
        users=[membership.user for membership in staff],
        subject=subjects[event.kind] % {"certificate": entry.certificate_id},
        message=_(
            "The national authority changed the register entry of %(provider)s on %(date)s: %(change)s. "
            "Reason: %(reason)s"
        )
        % {
            "provider": provider.legal_name,
            "date": event.effective_on.isoformat(),
            "change": event.get_kind_display().lower(),
            "reason": event.reason,
        },
        link=reverse("register:provider", args=[provider.pk]),
    )
