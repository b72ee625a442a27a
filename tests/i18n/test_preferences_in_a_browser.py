"""In a real browser: a French coordinator opens their preferences from the page header, chooses German and
Berlin's zone with the keyboard-usable form; the page passes axe-core and fits a 375 px screen in both languages."""

import pytest

from accreditation.models import PersonalPreference
from tests.browser import SCREENSHOTS, assert_accessible, login
from tests.factories import AgencyFactory, MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def fits(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{page.url} is {overflow}px wider than a {width}px screen"


def test_choosing_the_language_of_ones_e_mails(page):
    agency = AgencyFactory(name="Haut Conseil de l’évaluation", acronym="HCE", country="FR")
    camille = UserFactory(username="camille", first_name="Camille", last_name="Martin")
    MembershipFactory(user=camille, role="coordinator", agency=agency)
    login(page, camille)
    page.click("header a:has-text('Your preferences')")
    assert page.locator("h1").inner_text() == "Your preferences"
    assert "Automatic (now: français)" in page.inner_text("#id_language")
    assert_accessible(page)
    for width in (1280, 375):
        fits(page, width)
        page.screenshot(path=str(SCREENSHOTS / f"preferences-en-{width}.png"), full_page=True)
    page.select_option("#id_language", "de")
    page.select_option("#id_time_zone", "Europe/Berlin")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Ihre Einstellungen sind gespeichert.")
    assert page.get_attribute("html", "lang") == "de"
    assert_accessible(page)
    for width in (1280, 375):
        fits(page, width)
        page.screenshot(path=str(SCREENSHOTS / f"preferences-de-{width}.png"), full_page=True)
    preference = PersonalPreference.objects.get(user=camille)
    assert (preference.language, preference.time_zone) == ("de", "Europe/Berlin")
