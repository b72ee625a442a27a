"""In a real browser: the register, a provider page and the verification page in German, Greek, Bulgarian and
Irish, and the provider workspace in French. Each page names its language, passes axe-core (WCAG 2.1 AA), shows
none of the English texts its catalogue translates, and keeps long words inside a 375 px wide screen."""

import re

import polib
import pytest
from django.utils import translation

from tests.browser import SCREENSHOTS, assert_accessible, login
from tests.factories import ProviderFactory, make_register_entry

from .conftest import catalogues

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PLACEHOLDER_OR_TAG = re.compile(r"%\(\w+\)s|%s|<[^>]+>")


def english_fragments(language: str) -> set[str]:
    """Literal runs of at least two words from every public msgid the language translates differently."""
    fragments = set()
    # Country and language names also occur inside data kept in English (framework titles, for instance).
    names = set(catalogues.reference_names(language))
    for entry in polib.pofile(str(catalogues.catalogue_path(language))):
        if not catalogues.is_public(entry.occurrences) or not entry.msgstr or entry.msgstr == entry.msgid:
            continue
        if entry.msgid in names:
            continue
        for piece in PLACEHOLDER_OR_TAG.split(entry.msgid):
            piece = piece.strip(" .,:;()")
            if len(piece) >= 10 and " " in piece:
                fragments.add(piece)
    return fragments


def assert_in_language(page, language: str, fragments: set[str]) -> None:
    assert page.get_attribute("html", "lang") == language
    text = page.inner_text("body")
    left = sorted(fragment for fragment in fragments if fragment in text)
    assert not left, f"English left on {page.url} in {language}: {left[:5]}"
    assert_accessible(page)


def assert_fits(page, width: int = 375) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{page.url} is {overflow}px wider than a {width}px screen"


@pytest.fixture
def entry():
    make_register_entry(provider=ProviderFactory(legal_name="Valletta Skills Centre", country="MT"))
    return make_register_entry(provider=ProviderFactory(legal_name="Galway Digital Academy", country="IE"))


@pytest.mark.parametrize("language", ["de", "el", "bg", "ga"])
def test_public_pages_in_a_language(page, entry, language):
    fragments = english_fragments(language)
    page.goto(f"/register/?lang={language}")
    assert_in_language(page, language, fragments)
    # The choice sticks: the next pages come in the same language without the parameter.
    page.goto("/register/?country=IE&sort=provider")
    page.wait_for_selector("#h-facets")
    assert_in_language(page, language, fragments)
    page.goto(f"/register/providers/{entry.provider.pk}/")
    assert_in_language(page, language, fragments)
    assert entry.certificate_id in page.inner_text("main")
    page.goto(f"/register/verify/{entry.certificate_id}/")
    assert_in_language(page, language, fragments)
    assert "Galway Digital Academy" in page.inner_text("main")
    page.goto("/frameworks/?framework=IE-NFQ&level=7")
    assert_in_language(page, language, fragments)
    for url in ("/register/", f"/register/providers/{entry.provider.pk}/", f"/register/verify/{entry.certificate_id}/"):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(url)
        assert_fits(page)
    page.screenshot(path=str(SCREENSHOTS / f"verify-{language}-375.png"), full_page=True)


def test_switching_language_from_the_page_with_the_keyboard(page, entry):
    page.goto(f"/register/providers/{entry.provider.pk}/?via=switcher")
    page.focus("#language-switcher-select")
    page.select_option("#language-switcher-select", "el")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_attribute("html", "lang") == "el"
    assert page.url.endswith(f"/register/providers/{entry.provider.pk}/?via=switcher")
    with translation.override("el"):
        assert translation.gettext("Trusted provider register") in page.title()


def test_the_provider_workspace_in_french(page, provider_staff, provider):
    page.goto("/?lang=fr")
    login(page, provider_staff)
    page.goto("/provider/")
    assert page.get_attribute("html", "lang") == "fr"
    with translation.override("fr"):
        assert translation.gettext("Provider workspace") in page.inner_text("header")
    assert_in_language(page, "fr", english_fragments("fr"))
    assert_fits(page)
    page.screenshot(path=str(SCREENSHOTS / "provider-workspace-fr-375.png"), full_page=True)
