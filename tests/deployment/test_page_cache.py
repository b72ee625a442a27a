"""Public pages cached until the register changes: a repeated anonymous search costs no query, any change to the
register shows on the next request, and nothing personal is ever cached or served from the cache."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from accreditation.models import RegisterEntry, RegisterEvent, Role
from accreditation.page_cache import VERSION_KEY
from tests.factories import MembershipFactory, UserFactory, make_register_entry

pytestmark = pytest.mark.django_db


def test_a_repeated_anonymous_search_is_served_from_the_cache_without_a_query(client, django_assert_num_queries):
    entry = make_register_entry()
    search = {"q": entry.provider.legal_name.split()[0]}
    first = client.get("/register/", search)
    assert entry.provider.legal_name in first.content.decode()
    assert "no-cache" in first["Cache-Control"]  # its counts are still being fetched: not kept
    client.get("/register/counts/", search)
    counted = client.get("/register/", search)
    assert "public" in counted["Cache-Control"]
    with django_assert_num_queries(0):
        again = client.get("/register/", search)
    assert again.content == counted.content and entry.provider.legal_name in again.content.decode()


def test_a_change_to_the_register_shows_on_the_next_request(client):
    entry = make_register_entry()
    url = f"/register/providers/{entry.provider_id}/"
    assert "Suspended" not in client.get(url).content.decode()
    from accreditation.services.register import change_entry_status

    officer = UserFactory(username="deciding_officer")
    MembershipFactory(user=officer, role=Role.OFFICER, authority=entry.authority)
    change_entry_status(
        entry=entry, change=RegisterEvent.Kind.SUSPENDED, reason="Investigation of a complaint", by=officer
    )
    assert "Investigation of a complaint" in client.get(url).content.decode()


def test_a_change_made_elsewhere_shows_once_the_version_is_read_again(client):
    """Another process's change reaches this one's cache when the version is next read from the database
    (every REGISTER_VERSION_SECONDS): simulated here by a write that sends no signal and the version expiring."""
    entry = make_register_entry()
    url = f"/register/providers/{entry.provider_id}/"
    before = client.get(url).content.decode()
    RegisterEntry.objects.filter(pk=entry.pk).update(
        status="withdrawn", status_reason="Closed by its owner", updated_at=timezone.now()
    )
    assert client.get(url).content.decode() == before
    cache.delete(VERSION_KEY)
    assert "Closed by its owner" in client.get(url).content.decode()


def test_signed_in_people_never_get_or_fill_the_cache(client, authority_officer):
    make_register_entry()
    anonymous = client.get("/register/").content.decode()
    client.force_login(authority_officer)
    signed_in = client.get("/register/").content.decode()
    assert signed_in != anonymous and authority_officer.username in signed_in
    client.logout()
    assert client.get("/register/").content.decode() == anonymous


def test_the_cache_can_be_turned_off(client, settings, django_assert_max_num_queries):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    make_register_entry()
    client.get("/register/")
    response = client.get("/register/")
    assert "public" not in response.get("Cache-Control", "")


def test_the_fragment_htmx_asks_for_and_the_whole_page_are_kept_apart(client):
    entry = make_register_entry()
    search = {"q": entry.provider.legal_name.split()[0]}
    page = client.get("/register/counts/", search).content.decode()
    fragment = client.get("/register/counts/", search, headers={"HX-Request": "true"}).content.decode()
    assert "<html" in page and "<html" not in fragment
    assert "<html" in client.get("/register/counts/", search).content.decode()
    assert "<html" not in client.get("/register/counts/", search, headers={"HX-Request": "true"}).content.decode()
