"""Conflicts of interest between a reviewer and the provider under review.

Detected: the reviewer works for the provider now (their employer, or their stated organisation is the provider's
legal name); they are a member of the provider's staff in this system; they worked for the provider within the
cooling-off period (settings.ACCREDITATION["CONFLICT_COOLING_OFF_YEARS"], 3 by default; employment that ended
exactly that many years ago no longer counts). Declared: anything the reviewer wrote when answering the invitation.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from accreditation.models import Application, Membership, Role

from .models import EmploymentRecord, PanelMember, ReviewerProfile


@dataclass(frozen=True)
class Conflict:
    kind: str  # "same_organisation" | "provider_member" | "recent_employment" | "declared"
    detail: str


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _conflicts(profile, provider, *, is_member: bool, employment: Iterable, declared: str, cutoff) -> list[Conflict]:
    found = []
    if profile.employer_id == provider.pk or (
        profile.organisation and profile.organisation.strip().casefold() == provider.legal_name.strip().casefold()
    ):
        found.append(Conflict("same_organisation", _("works for %(provider)s") % {"provider": provider}))
    if is_member:
        found.append(Conflict("provider_member", _("is on the staff of %(provider)s") % {"provider": provider}))
    for record in employment:
        if record.ended_on is None or record.ended_on > cutoff:
            found.append(
                Conflict(
                    "recent_employment",
                    _("worked for %(provider)s until %(until)s")
                    % {"provider": provider, "until": record.ended_on or _("now")},
                )
            )
    if declared.strip():
        found.append(Conflict("declared", _("declared: %(text)s") % {"text": declared.strip()}))
    return found


def detect_conflicts_bulk(
    profiles: Iterable[ReviewerProfile],
    application: Application,
    *,
    today: datetime.date | None = None,
    cooling_off_years: int | None = None,
) -> dict[int, list[Conflict]]:
    """Conflicts of many reviewers at once (three queries whatever their number), keyed by user id."""
    profiles = list(profiles)
    user_ids = [profile.user_id for profile in profiles]
    provider = application.provider
    years = cooling_off_years if cooling_off_years is not None else settings.ACCREDITATION["CONFLICT_COOLING_OFF_YEARS"]
    cutoff = _years_before(today or timezone.localdate(), years)
    members = set(
        Membership.objects.filter(user_id__in=user_ids, provider=provider, role=Role.PROVIDER_STAFF).values_list(
            "user_id", flat=True
        )
    )
    employment = defaultdict(list)
    for record in EmploymentRecord.objects.filter(profile__in=profiles, provider=provider):
        employment[record.profile_id].append(record)
    declared = defaultdict(str)
    for user_id, text in (
        PanelMember.objects.filter(panel__application=application, reviewer_id__in=user_ids)
        .exclude(conflict_declared="")
        .values_list("reviewer_id", "conflict_declared")
    ):
        declared[user_id] = f"{declared[user_id]} {text}".strip()
    return {
        profile.user_id: _conflicts(
            profile,
            provider,
            is_member=profile.user_id in members,
            employment=employment[profile.pk],
            declared=declared[profile.user_id],
            cutoff=cutoff,
        )
        for profile in profiles
    }


def detect_conflicts(
    *,
    profile: ReviewerProfile,
    application: Application,
    today: datetime.date | None = None,
    cooling_off_years: int | None = None,
) -> list[Conflict]:
    return detect_conflicts_bulk([profile], application, today=today, cooling_off_years=cooling_off_years)[
        profile.user_id
    ]
