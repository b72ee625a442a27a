"""Reminders before a register entry expires: to the provider's staff and the agency's coordinators, at each of
EXPIRY_REMINDER_MONTHS (12, 6 and 3 by default), each sent once."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ExpiryReminder, Membership, RegisterEntry, Role
from ..models.register import EntryStatus
from ..notifications import notify
from .conditions import add_months


def reminder_due(entry: RegisterEntry, today: datetime.date) -> int | None:
    """The smallest threshold (in months) the entry has reached, or None when it expires later than the largest
    one or has already expired."""
    if entry.valid_until < today:
        return None
    reached = [
        m for m in settings.ACCREDITATION["EXPIRY_REMINDER_MONTHS"] if add_months(entry.valid_until, -m) <= today
    ]
    return min(reached) if reached else None


def send_expiry_reminders(today: datetime.date | None = None) -> int:
    """Send the reminders due today; returns how many went out. Idempotent: a reminder is a row unique per
    entry and threshold, written in the transaction that queues its e-mails, so a second run (or two at once)
    sends nothing again. Thresholds already passed when a smaller one is reached are recorded as skipped."""
    today = today or timezone.localdate()
    months = settings.ACCREDITATION["EXPIRY_REMINDER_MONTHS"]
    if not months:
        return 0
    horizon = add_months(today, max(months))
    candidates = (
        RegisterEntry.objects.filter(valid_until__gte=today, valid_until__lte=horizon)
        .filter(Q(status=EntryStatus.ACTIVE) | Q(status=EntryStatus.SUSPENDED))
        .select_related("provider", "application__coordinator")
    )
    sent = 0
    for entry in candidates:
        threshold = reminder_due(entry, today)
        if threshold is None or entry.expiry_reminders.filter(months__lte=threshold).exists():
            continue
        try:
            with transaction.atomic():
                ExpiryReminder.objects.create(entry=entry, months=threshold)
                for skipped in (m for m in months if m > threshold):
                    ExpiryReminder.objects.get_or_create(entry=entry, months=skipped, defaults={"sent": False})
                _notify(entry)
        except IntegrityError:  # another run sent it at the same moment
            continue
        sent += 1
    return sent


def _notify(entry: RegisterEntry) -> None:
    staff = [m.user for m in Membership.objects.filter(provider=entry.provider_id, role=Role.PROVIDER_STAFF)]
    coordinators = (
        [entry.application.coordinator]
        if entry.application.coordinator
        else [m.user for m in Membership.objects.filter(agency=entry.agency_id, role=Role.COORDINATOR)]
    )
    notify(
        users=staff + coordinators,
        subject=lambda: (
            _("The accreditation of %(provider)s expires on %(date)s")
            % {"provider": entry.provider.legal_name, "date": entry.valid_until.isoformat()}
        ),
        message=lambda: (
            _(
                "The register entry %(certificate)s of %(provider)s is valid until %(date)s. Apply for renewal in time "
                "for the agency's review and the authority's decision."
            )
            % {
                "certificate": entry.certificate_id,
                "provider": entry.provider.legal_name,
                "date": entry.valid_until.isoformat(),
            }
        ),
        link=reverse("register:provider", args=[entry.provider_id]),
    )


def expiring_entries_for(user, today: datetime.date | None = None):
    """Entries of the person's providers or agencies with a reminder sent and not yet expired: what "My tasks"
    shows as expiring, soonest first."""
    today = today or timezone.localdate()
    if not user.is_authenticated:
        return RegisterEntry.objects.none()
    return (
        RegisterEntry.objects.filter(valid_until__gte=today, expiry_reminders__sent=True)
        .filter(status__in=[EntryStatus.ACTIVE, EntryStatus.SUSPENDED])
        .filter(
            Q(provider__in=Membership.objects.providers_of(user)) | Q(agency__in=Membership.objects.agencies_of(user))
        )
        .select_related("provider")
        .distinct()
        .order_by("valid_until")
    )
