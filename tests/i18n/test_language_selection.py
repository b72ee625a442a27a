"""Which language a page is in: Accept-Language on a first visit, the switcher's choice remembered in a cookie,
`?lang=` for a shared link, English by default, the same URLs in every language, `<html lang dir>` right."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/register/", "/register/verify/", "/frameworks/", "/accounts/login/", "/accounts/password_reset/"]


def html_lang(response) -> tuple[str, str]:
    match = re.search(r'<html lang="([^"]+)" dir="([^"]+)">', response.content.decode())
    assert match, "the page has no <html lang dir>"
    return match.group(1), match.group(2)


def test_a_client_that_asks_for_nothing_gets_english(client):
    response = client.get("/register/")
    assert html_lang(response) == ("en", "ltr")
    assert response.headers["Content-Language"] == "en"
    assert "Skip to main content" in response.content.decode()


@pytest.mark.parametrize(
    ("header", "expected"),
    [("de", "de"), ("fr-BE,fr;q=0.9,en;q=0.5", "fr"), ("ga", "ga"), ("mt", "mt"), ("el-GR", "el"), ("ja", "en")],
)
def test_accept_language_chooses_the_language_of_a_first_visit(client, header, expected):
    response = client.get("/register/", headers={"accept-language": header})
    assert html_lang(response) == (expected, "ltr")
    assert response.headers["Content-Language"] == expected


def test_the_switcher_is_on_every_public_page_with_each_language_named_in_itself(client):
    for url in PUBLIC_PAGES:
        page = client.get(url).content.decode()
        form = re.search(
            r'<form class="language-switcher" method="post" action="/i18n/setlang/">(.*?)</form>',
            page,
            re.S,
        )
        assert form, url
        options = re.findall(r'<option lang="([a-z]{2})" value="\1"(?: selected)?>([^<]+)</option>', form.group(1))
        assert options == list(settings.LANGUAGES), url
        assert '<label for="language-switcher-select">' in form.group(1)
        assert 'type="submit"' in form.group(1)  # works from the keyboard and without JavaScript


def test_choosing_a_language_is_remembered(client):
    response = client.post("/i18n/setlang/", {"language": "pl", "next": "/register/?q=data"})
    assert response.status_code == 302 and response["Location"] == "/register/?q=data"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pl"
    # The cookie outweighs the browser's Accept-Language on later visits.
    later = client.get("/frameworks/", headers={"accept-language": "de"})
    assert html_lang(later)[0] == "pl"


def test_a_shared_link_carries_its_language_and_the_choice_sticks(client):
    response = client.get("/register/?lang=el&q=data", headers={"accept-language": "fr"})
    assert html_lang(response)[0] == "el"
    assert response.headers["Content-Language"] == "el"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "el"
    # The switcher on that page returns to it without the parameter, which would undo the reader's new choice.
    assert 'name="next" value="/register/?q=data"' in response.content.decode()
    assert html_lang(client.get("/frameworks/"))[0] == "el"


@pytest.mark.parametrize("value", ["xx", "", "de-AT-x-long-garbage-value", "<script>", "EN"])
def test_an_unknown_lang_parameter_is_ignored(client, value):
    response = client.get("/register/", {"lang": value})
    assert response.status_code == 200
    assert html_lang(response)[0] == "en"


def test_urls_have_no_language_prefix(client):
    assert client.get("/de/register/").status_code == 404
    assert html_lang(client.get("/register/", headers={"accept-language": "de"}))[0] == "de"
