"""E-mails at each hand-over, sent only once the transaction that caused them has committed."""

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from config.i18n import local_date
from config.site import site_url

from .preferences import language_of

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """The link as the recipient must open it: on the address of the request that caused the e-mail, or the
    configured one (config.site)."""
    return f"{site_url()}{path}"


Text = str | Callable[[], str]


def in_language(language: str, text: Text) -> str:
    """The text as written in the language: a callable (usually a lambda around gettext and its %-formatting) is
    called under that language, so that every part of it, the values' labels too, is translated."""
    with translation.override(language):
        return str(text()) if callable(text) else str(text)


def notify(*, users: Iterable, subject: Text, message: Text, link: str = "") -> None:
    """Queue one e-mail per recipient with an address, sent after commit; a failing mail server is logged, never
    undoes the work. Each recipient reads it in their own language (accreditation.preferences.language_of), when
    subject and message are given as callables, e.g. ``subject=lambda: _("Application %(ref)s sent back") % ...``;
    a plain string is sent as it is."""
    people = {user.email: user for user in users if user is not None and user.email}
    if not people:
        return
    by_language: dict[str, list[str]] = defaultdict(list)
    for address in sorted(people):
        by_language[language_of(people[address])].append(address)
    letters = []
    for language, addresses in by_language.items():
        with translation.override(language):
            body = render_to_string(
                "accreditation/email/notification.txt",
                {"message": in_language(language, message), "link": absolute_url(link) if link else ""},
            )
        letters.append((in_language(language, subject), body, addresses))

    def send() -> None:
        for subject_text, body, addresses in letters:
            for address in addresses:
                try:
                    send_mail(subject_text, body, settings.DEFAULT_FROM_EMAIL, [address])
                except Exception:  # the mail server must not break the workflow
                    logger.exception("Could not send %r to %s", subject_text, address)

    transaction.on_commit(send)


def notify_entry_status_changed(*, event) -> None:
    """Tell the provider's staff that their register entry was suspended, reinstated or withdrawn, and why."""
    from django.urls import reverse
    from django.utils.translation import gettext as _
    from django.utils.translation import gettext_lazy

    from .models import Membership, RegisterEvent, Role

    entry = event.entry
    provider = entry.provider
    subjects = {
        RegisterEvent.Kind.SUSPENDED: gettext_lazy("Your register entry %(certificate)s is suspended"),
        RegisterEvent.Kind.REINSTATED: gettext_lazy("The suspension of your register entry %(certificate)s is lifted"),
        RegisterEvent.Kind.WITHDRAWN: gettext_lazy("Your register entry %(certificate)s is withdrawn"),
    }
    if event.kind not in subjects:
        return
    staff = Membership.objects.filter(provider=provider, role=Role.PROVIDER_STAFF).select_related("user")
    notify(
        users=[membership.user for membership in staff],
        subject=lambda: str(subjects[event.kind]) % {"certificate": entry.certificate_id},
        message=lambda: (
            _(
                "The national authority changed the register entry of %(provider)s on %(date)s: %(change)s. "
                "Reason: %(reason)s"
            )
            % {
                "provider": provider.legal_name,
                "date": local_date(event.effective_on),
                "change": event.get_kind_display().lower(),
                "reason": event.reason,
            }
        ),
        link=reverse("register:provider", args=[provider.pk]),
    )
