"""A signed-in person chooses the language of their e-mails and their time zone on their preferences page; a wrong
value is refused with a message and nothing is saved."""

import pytest

from accreditation.models import PersonalPreference
from tests.factories import AgencyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_coordinator():
    agency = AgencyFactory(name="Haut Conseil", acronym="HC", country="FR")
    user = UserFactory(username="camille", email="camille@example.org")
    MembershipFactory(user=user, role="coordinator", agency=agency)
    return user


def test_the_page_says_what_automatic_means_for_this_person(client, french_coordinator):
    client.force_login(french_coordinator)
    page = client.get("/accounts/preferences/").content.decode()
    assert "Automatic (now: français)" in page
    assert "Automatic (now: Europe/Paris)" in page
    assert 'href="/accounts/preferences/"' in page  # linked from every page's header


def test_choosing_a_language_and_a_zone_saves_them_and_switches_the_pages(client, french_coordinator):
    client.force_login(french_coordinator)
    response = client.post("/accounts/preferences/", {"language": "de", "time_zone": "Europe/Berlin"})
    assert response.status_code == 302
    preference = PersonalPreference.objects.get(user=french_coordinator)
    assert (preference.language, preference.time_zone) == ("de", "Europe/Berlin")
    assert response.cookies["django_language"].value == "de"
    page = client.get("/accounts/preferences/").content.decode()
    assert "Ihre Einstellungen sind gespeichert." in page


def test_back_to_automatic(client, french_coordinator):
    PersonalPreference.objects.create(user=french_coordinator, language="pl", time_zone="Europe/Warsaw")
    client.force_login(french_coordinator)
    client.post("/accounts/preferences/", {"language": "", "time_zone": ""})
    preference = PersonalPreference.objects.get(user=french_coordinator)
    assert (preference.language, preference.time_zone) == ("", "")


def test_an_unknown_zone_or_language_is_refused_and_nothing_saved(client, french_coordinator):
    client.force_login(french_coordinator)
    response = client.post("/accounts/preferences/", {"language": "xx", "time_zone": "Mars/Olympus"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice. xx is not one of the available choices." in page
    assert "Select a valid choice. Mars/Olympus is not one of the available choices." in page
    assert not PersonalPreference.objects.filter(user=french_coordinator).exists()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/accounts/preferences/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
