"""A person's language and time zone: what they chose, else what their organisation's country suggests, else the
site's defaults. E-mails are written in the language; workspace pages show times in the zone, named."""

from __future__ import annotations

import zoneinfo
from functools import cache

from babel.core import get_global
from babel.languages import get_official_languages
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _

from frameworks.vocabularies import Country

# Where CLDR lists a country's zones in an order that puts another first (Cyprus: Famagusta before Nicosia).
CAPITAL_ZONES = {"CY": "Asia/Nicosia"}


def language_for_country(country: str) -> str:
    """The first official language of the country (CLDR) that the site offers, else the site's default."""
    offered = {code for code, _name in settings.LANGUAGES}
    for language in get_official_languages(country or "", de_facto=True):
        if language in offered:
            return language
    return settings.LANGUAGE_CODE


def zone_for_country(country: str) -> str:
    """The country's main time zone (the capital's where CLDR lists several), else the site's."""
    if country in CAPITAL_ZONES:
        return CAPITAL_ZONES[country]
    zones = get_global("territory_zones").get(country or "", [])
    european = [zone for zone in zones if zone.startswith("Europe/")]
    return (european or zones or [settings.TIME_ZONE])[0]


@cache
def zone_choices() -> list[tuple[str, str]]:
    """The zones of the register's countries and the site's own, as a form offers them."""
    zones = {zone_for_country(code) for code in Country.values} | {settings.TIME_ZONE, "UTC"}
    return [(zone, zone.replace("_", " ")) for zone in sorted(zones)]


def validate_time_zone(value: str) -> None:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(zone)s is not a time zone name such as Europe/Paris."), params={"zone": value})


def _organisation(user):
    """The organisation of the person's oldest role: their provider, agency or authority."""
    membership = user.memberships.select_related("provider", "agency", "authority").order_by("created_at", "pk").first()
    if membership is None:
        return None
    return membership.provider or membership.agency or membership.authority


def _preference(user):
    try:
        return user.preference
    except ObjectDoesNotExist:
        return None


def default_language_of(user) -> str:
    """The language a person gets when they chose none: their organisation's country's, else the site's."""
    organisation = _organisation(user)
    if organisation is not None:
        return language_for_country(organisation.country)
    return settings.LANGUAGE_CODE


def default_time_zone_of(user) -> str:
    """The zone a person gets when they chose none: their organisation's own, else its country's, else the site's."""
    organisation = _organisation(user)
    if organisation is not None:
        return getattr(organisation, "time_zone", "") or zone_for_country(organisation.country)
    return settings.TIME_ZONE


def language_of(user) -> str:
    """The language to write to this person in."""
    preference = _preference(user)
    return (preference.language if preference is not None else "") or default_language_of(user)


def time_zone_of(user) -> str:
    """The zone to show this person times in."""
    preference = _preference(user)
    return (preference.time_zone if preference is not None else "") or default_time_zone_of(user)
