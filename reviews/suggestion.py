"""The suggested panel for an application: who covers its fields and languages, with a chair and (where the
agency requires one) a student member, without conflicts, spreading the load. `suggest_panel` is pure; the two
readers below gather its inputs from the database in a constant number of queries."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from accreditation.models import Application, Membership, Role

from .conflicts import detect_conflicts_bulk
from .models import PanelMember, ReviewerProfile


@dataclass(frozen=True)
class Candidate:
    user_id: int
    name: str
    fields: frozenset[str]
    languages: frozenset[str]
    countries: frozenset[str]
    is_student: bool
    can_chair: bool
    load: int
    conflicts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Need:
    fields: frozenset[str]
    languages: frozenset[str]
    country: str
    size: int
    student_required: bool


@dataclass(frozen=True)
class Suggested:
    user_id: int
    name: str
    role: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Suggestion:
    members: tuple[Suggested, ...]
    uncovered_fields: frozenset[str]
    uncovered_languages: frozenset[str]
    excluded: tuple[tuple[str, str], ...]


def covers(expertise: frozenset[str], field: str) -> bool:
    """A narrow need (061) is covered by 061 or its broad field 06; a broad need (06) by 06 or any 06x."""
    return any(code == field or code == field[:2] or (len(field) == 2 and code[:2] == field) for code in expertise)


def _covered(candidate: Candidate, fields: frozenset[str]) -> frozenset[str]:
    return frozenset(f for f in fields if covers(candidate.fields, f))


def _rank(candidate: Candidate, fields: frozenset[str], languages: frozenset[str]):
    # More new fields, then more new languages, then less load; name and id make ties deterministic.
    return (
        -len(_covered(candidate, fields)),
        -len(candidate.languages & languages),
        candidate.load,
        candidate.name,
        candidate.user_id,
    )


def _reasons(candidate: Candidate, role: str, fields, languages, need: Need) -> tuple[str, ...]:
    reasons = []
    if role == PanelMember.Role.CHAIR:
        reasons.append(_("can chair a panel"))
    if role == PanelMember.Role.STUDENT:
        reasons.append(_("student reviewer"))
    for field in sorted(_covered(candidate, fields)):
        reasons.append(_("covers field %(field)s") % {"field": field})
    for language in sorted(candidate.languages & languages):
        reasons.append(_("works in %(language)s") % {"language": language})
    if need.country and need.country in candidate.countries:
        reasons.append(_("knows %(country)s") % {"country": need.country})
    reasons.append(_("open reviews: %(load)s") % {"load": candidate.load})
    return tuple(reasons)


def suggest_panel(need: Need, candidates: Sequence[Candidate]) -> Suggestion:
    excluded = tuple((c.name, "; ".join(c.conflicts)) for c in sorted(candidates, key=lambda c: c.name) if c.conflicts)
    pool = [c for c in candidates if not c.conflicts]
    fields, languages = set(need.fields), set(need.languages)
    chosen: list[Suggested] = []

    def take(candidate: Candidate, role: str) -> None:
        chosen.append(
            Suggested(candidate.user_id, candidate.name, role, _reasons(candidate, role, fields, languages, need))
        )
        pool.remove(candidate)
        fields.difference_update(_covered(candidate, frozenset(fields)))
        languages.difference_update(candidate.languages)

    def best(eligible) -> Candidate | None:
        eligible = list(eligible)
        return min(eligible, key=lambda c: _rank(c, frozenset(fields), frozenset(languages))) if eligible else None

    chair = best(c for c in pool if c.can_chair and not c.is_student)
    if chair is not None and need.size >= 1:
        take(chair, PanelMember.Role.CHAIR)
    if need.student_required and len(chosen) < need.size:
        student = best(c for c in pool if c.is_student)
        if student is not None:
            take(student, PanelMember.Role.STUDENT)
    while len(chosen) < need.size:
        member = best(c for c in pool if not c.is_student)
        if member is None:
            break
        take(member, PanelMember.Role.MEMBER)
    return Suggestion(tuple(chosen), frozenset(fields), frozenset(languages), excluded)


def _codes(text: str, upper: bool = False) -> frozenset[str]:
    codes = (c.strip() for c in text.split(","))
    return frozenset(c.upper() if upper else c.lower() for c in codes if c)


def need_for(application: Application) -> Need:
    """What the application's panel must cover: the fields and languages of its scope."""
    versions = application.submitted_versions.all() if not application.is_draft else application.micro_credentials.all()
    fields, languages = set(), set()
    for field_code, language_codes in versions.values_list("field__code", "languages"):
        if field_code:
            fields.add(field_code)
        languages.update(_codes(language_codes))
    fields.update(application.scope_fields.values_list("code", flat=True))
    agency = application.agency
    return Need(
        fields=frozenset(fields),
        languages=frozenset(languages),
        country=application.provider.country,
        size=agency.panel_size,
        student_required=agency.student_member_required,
    )


def candidates_for(application: Application) -> list[Candidate]:
    """The agency's reviewer pool with their expertise, open load and detected conflicts."""
    pool = Membership.objects.filter(agency=application.agency, role=Role.REVIEWER).values_list("user_id", flat=True)
    open_seats = Q(
        user__panel_seats__status__in=[PanelMember.Status.INVITED, PanelMember.Status.ACCEPTED],
        user__panel_seats__panel__application__closed_at__isnull=True,
    )
    profiles = list(
        ReviewerProfile.objects.filter(user_id__in=pool)
        .select_related("user")
        .prefetch_related("fields")
        .annotate(load=Count("user__panel_seats", filter=open_seats, distinct=True))
        .order_by("user__last_name", "user__first_name", "user_id")
    )
    conflicts = detect_conflicts_bulk(profiles, application)
    return [
        Candidate(
            user_id=profile.user_id,
            name=profile.user.get_full_name() or profile.user.get_username(),
            fields=frozenset(field.code for field in profile.fields.all()),
            languages=_codes(profile.languages),
            countries=_codes(profile.countries, upper=True),
            is_student=profile.is_student,
            can_chair=profile.can_chair,
            load=profile.load,
            conflicts=tuple(conflict.detail for conflict in conflicts[profile.user_id]),
        )
        for profile in profiles
    ]
