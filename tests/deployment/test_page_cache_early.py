"""The page cache answers a repeated anonymous GET before the session, authentication, CSRF, locale and the rest of
the middleware run, and stays what a reader would get from the whole stack: the same page in their language, the
fragment htmx asks for kept apart, the rate limits and the API's throttles still counted, a revalidation answered
with 304, the API's JSON and browsable HTML kept apart, and nothing kept for someone signed in."""

import json

import pytest
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from accreditation.models import RegisterEvent, Role
from accreditation.services.register import change_entry_status
from tests.factories import MembershipFactory, UserFactory, make_register_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def inner_middleware_calls(monkeypatch):
    """How often the session and authentication middleware were asked to run."""
    calls = []
    session_request = SessionMiddleware.process_request
    authentication_request = AuthenticationMiddleware.process_request

    def session(self, request):
        calls.append("session")
        return session_request(self, request)

    def authentication(self, request):
        calls.append("authentication")
        return authentication_request(self, request)

    monkeypatch.setattr(SessionMiddleware, "process_request", session)
    monkeypatch.setattr(AuthenticationMiddleware, "process_request", authentication)
    return calls


def test_a_repeated_anonymous_page_is_answered_before_the_session_and_authentication_run(
    client, inner_middleware_calls, django_assert_num_queries
):
    entry = make_register_entry()
    url = f"/register/providers/{entry.provider_id}/"
    first = client.get(url)
    assert first.status_code == 200 and entry.provider.legal_name in first.content.decode()
    assert "public" in first["Cache-Control"]
    assert inner_middleware_calls == ["session", "authentication"]
    with django_assert_num_queries(0):
        again = client.get(url)
    assert inner_middleware_calls == ["session", "authentication"]  # not run again
    assert again.content == first.content
    # What the whole stack set is kept: the language, what the page varies on, and the headers further out.
    assert again["Content-Language"] == first["Content-Language"] == "en"
    assert again["Vary"] == first["Vary"]
    assert "Content-Security-Policy" in again and again["X-Frame-Options"] == first["X-Frame-Options"]


def test_each_language_gets_its_own_page(client):
    entry = make_register_entry()
    url = f"/register/providers/{entry.provider_id}/"
    english = client.get(url)
    german = client.get(url, headers={"Accept-Language": "de"})
    assert english["Content-Language"] == "en" and german["Content-Language"] == "de"
    assert german.content != english.content and 'lang="de"' in german.content.decode()
    # Again from the cache, each in its own language; a language cookie counts as LocaleMiddleware counts it.
    assert client.get(url, headers={"Accept-Language": "de"}).content == german.content
    assert client.get(url).content == english.content
    client.cookies["django_language"] = "fr"
    french = client.get(url, headers={"Accept-Language": "de"})
    assert french["Content-Language"] == "fr" and 'lang="fr"' in french.content.decode()
    assert client.get(url, headers={"Accept-Language": "de"}).content == french.content


def test_a_language_chosen_by_the_link_is_served_in_that_language_and_remembered(client):
    entry = make_register_entry()
    url = f"/register/providers/{entry.provider_id}/"
    client.get(url)  # the English page is in the cache
    greek = client.get(url, {"lang": "el"})
    assert greek["Content-Language"] == "el" and 'lang="el"' in greek.content.decode()
    assert greek.cookies["django_language"].value == "el"  # a page that sets a cookie is not kept
    again = client.get(url)  # the cookie now says Greek
    assert again["Content-Language"] == "el"


def test_a_revalidation_of_a_cached_page_is_answered_304(client):
    entry = make_register_entry()
    url = f"/register/providers/{entry.provider_id}/"
    first = client.get(url)
    client.get(url)
    etag = first["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_the_rate_limit_counts_pages_served_from_the_cache(client, settings):
    entry = make_register_entry()
    settings.RATELIMIT_ENABLE = True
    settings.RATE_LIMITS = {"register:provider": {"rate": "3/m"}}
    url = f"/register/providers/{entry.provider_id}/"
    statuses = [client.get(url).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


@pytest.fixture
def api_rates():
    original = (AnonRateThrottle.THROTTLE_RATES, UserRateThrottle.THROTTLE_RATES)
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/minute", "user": "3/minute"}
    AnonRateThrottle.THROTTLE_RATES = UserRateThrottle.THROTTLE_RATES = rates
    yield
    AnonRateThrottle.THROTTLE_RATES, UserRateThrottle.THROTTLE_RATES = original


def test_the_api_is_cached_and_still_throttled(client, api_rates, django_assert_num_queries):
    entry = make_register_entry()
    first = client.get("/api/v1/entries/")
    assert first.status_code == 200
    assert [row["certificate_id"] for row in first.json()["results"]] == [entry.certificate_id]
    with django_assert_num_queries(0):
        second = client.get("/api/v1/entries/")
    assert second.content == first.content
    third = client.get("/api/v1/entries/")
    limited = client.get("/api/v1/entries/")
    assert third.status_code == 200 and limited.status_code == 429
    assert int(limited["Retry-After"]) >= 1 and "throttled" in json.loads(limited.content)["detail"]


def test_the_api_json_and_its_browsable_page_are_kept_apart(client):
    make_register_entry()
    as_json = client.get("/api/v1/providers/", headers={"Accept": "application/json"})
    as_html = client.get("/api/v1/providers/", headers={"Accept": "text/html"})
    assert as_json["Content-Type"].startswith("application/json")
    assert as_html["Content-Type"].startswith("text/html")
    assert client.get("/api/v1/providers/", headers={"Accept": "application/json"}).content == as_json.content
    again = client.get("/api/v1/providers/", headers={"Accept": "text/html"})
    assert again["Content-Type"].startswith("text/html")


def test_a_change_to_the_register_reaches_the_cached_api(client):
    entry = make_register_entry()
    assert client.get(f"/api/v1/entries/{entry.certificate_id}/").json()["status"] == "active"
    officer = UserFactory(username="api_officer")
    MembershipFactory(user=officer, role=Role.OFFICER, authority=entry.authority)
    change_entry_status(entry=entry, change=RegisterEvent.Kind.SUSPENDED, reason="A complaint", by=officer)
    assert client.get(f"/api/v1/entries/{entry.certificate_id}/").json()["status"] == "suspended"


def test_a_signed_in_person_is_never_served_the_anonymous_page(client, authority_officer):
    entry = make_register_entry()
    url = f"/register/providers/{entry.provider_id}/"
    anonymous = client.get(url)
    client.get(url)
    client.force_login(authority_officer)
    signed_in = client.get(url)
    assert signed_in.content != anonymous.content and authority_officer.username in signed_in.content.decode()
    assert "no-store" in signed_in["Cache-Control"]
