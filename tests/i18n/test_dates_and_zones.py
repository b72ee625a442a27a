"""Dates for people are written as the reader's language writes them (CLDR: order, month form, notation), machine
values stay ISO; a signed-in person's times are in their agency's (or their own) time zone, and the zone is named."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from accreditation.models import AuditEvent, PersonalPreference
from tests.factories import make_register_entry

pytestmark = pytest.mark.django_db

VALID_FROM = datetime.date(2026, 3, 5)


@pytest.fixture
def entry(provider):
    return make_register_entry(provider=provider, valid_from=VALID_FROM)


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "5 March 2026"),
        ("de", "5. März 2026"),
        ("fr", "5 mars 2026"),
        ("pl", "5 marca 2026"),  # the genitive
        ("el", "5 Μαρτίου 2026"),
        ("hu", "2026. március 5."),  # year first
        ("lt", "2026 m. kovo 5 d."),
        ("it", "5 marzo 2026"),  # a month's name is not capitalised in Italian
        ("bg", "5 март 2026\u202fг."),  # CLDR puts a narrow no-break space before the year's mark
    ],
)
def test_the_provider_page_writes_the_validity_the_readers_way(client, entry, language, written):
    page = client.get(f"/register/providers/{entry.provider_id}/?lang={language}").content.decode()
    assert written in page


def test_the_register_search_uses_the_short_form_of_the_language(client, entry):
    english = client.get("/register/?lang=en").content.decode()
    assert "valid 5 Mar 2026" in english
    german = client.get("/register/?lang=de").content.decode()
    assert "05.03.2026" in german and "5 Mar 2026" not in german


def test_machine_values_stay_iso(client, entry, authority_officer):
    client.force_login(authority_officer)
    entry.authority = authority_officer.memberships.get().authority
    entry.save()
    page = client.get("/authority/?lang=fr").content.decode()
    until = entry.valid_until
    assert f'datetime="{until.isoformat()}"' in page


def history_times(page: str) -> str:
    return page[page.index('id="h-history"') :]


def test_the_agencys_staff_read_times_in_the_agencys_zone_named(client, driver, coordinator, agency):
    agency.time_zone = "Europe/Helsinki"
    agency.save()
    driver.screen(coordinator)
    event = AuditEvent.objects.filter(application=driver.application).order_by("-pk").first()
    helsinki = timezone.localtime(event.at, zoneinfo.ZoneInfo("Europe/Helsinki"))
    client.force_login(coordinator)
    page = history_times(client.get(f"/applications/{driver.application.pk}/?lang=en").content.decode())
    assert f"{helsinki:%H:%M} {helsinki:%Z}" in page
    assert helsinki.tzname() in ("EET", "EEST")


def test_a_persons_own_zone_wins_over_the_agencys(client, driver, coordinator, agency):
    agency.time_zone = "Europe/Helsinki"
    agency.save()
    PersonalPreference.objects.create(user=coordinator, time_zone="Europe/Lisbon")
    driver.screen(coordinator)
    event = AuditEvent.objects.filter(application=driver.application).order_by("-pk").first()
    lisbon = timezone.localtime(event.at, zoneinfo.ZoneInfo("Europe/Lisbon"))
    client.force_login(coordinator)
    page = history_times(client.get(f"/applications/{driver.application.pk}/?lang=en").content.decode())
    assert f"{lisbon:%H:%M} {lisbon:%Z}" in page


def test_without_a_zone_of_its_own_the_agency_has_its_countrys(client, driver, coordinator, agency):
    agency.country = "FI"
    agency.save()
    driver.screen(coordinator)
    event = AuditEvent.objects.filter(application=driver.application).order_by("-pk").first()
    helsinki = timezone.localtime(event.at, zoneinfo.ZoneInfo("Europe/Helsinki"))
    client.force_login(coordinator)
    page = history_times(client.get(f"/applications/{driver.application.pk}/?lang=fi").content.decode())
    assert f"{helsinki.hour}.{helsinki:%M} {helsinki:%Z}" in page  # Finnish writes 9.05 and 14.30


def test_an_agency_zone_that_does_not_exist_is_refused(agency):
    from django.core.exceptions import ValidationError

    agency.time_zone = "Europe/Atlantis"
    with pytest.raises(ValidationError, match="is not a time zone name"):
        agency.full_clean()
