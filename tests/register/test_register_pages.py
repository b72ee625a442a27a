"""The public register: search, filters, provider pages, the past, verification, the feed."""

import datetime

import pytest
from django.utils import timezone
from lxml import html

from accreditation.models import Application
from accreditation.models.register import EntryStatus
from accreditation.services.register import change_entry_status
from tests.factories import ApplicationFactory, MicroCredentialFactory, ProviderFactory, make_register_entry

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def entries():
    return {
        "irish": make_register_entry(provider=ProviderFactory(legal_name="Galway Digital Academy", country="IE")),
        "maltese": make_register_entry(
            provider=ProviderFactory(legal_name="Valletta Skills Centre", country="MT", type="vet")
        ),
        "expired": make_register_entry(
            provider=ProviderFactory(legal_name="Old School of Trades", country="IE"),
            valid_from=TODAY - datetime.timedelta(days=3 * 365),
            years=2,
        ),
        "suspended": make_register_entry(
            provider=ProviderFactory(legal_name="Paused Institute"), status=EntryStatus.SUSPENDED
        ),
    }


def test_search_by_provider_name_and_by_micro_credential_title(client, entries):
    body = client.get("/register/", {"q": "valletta"}).content.decode()
    assert "Valletta Skills Centre" in body and "Galway Digital Academy" not in body
    title = entries["irish"].scope_items.first().title
    body = client.get("/register/", {"q": title}).content.decode()
    assert "Galway Digital Academy" in body


def test_search_in_learning_outcomes(client, entries):
    body = client.get("/register/", {"q": "reproducible"}).content.decode()
    assert "4 provider entries" in body  # every factory specification has this outcome


def test_filters_and_counts(client, entries):
    body = client.get("/register/", {"country": "MT"}).content.decode()
    assert "1 provider entry" in body and "Valletta Skills Centre" in body
    body = client.get("/register/", {"status": "expired"}).content.decode()
    assert "Old School of Trades" in body and "Galway Digital Academy" not in body
    body = client.get("/register/", {"status": "active"}).content.decode()
    assert "2 provider entries" in body
    body = client.get("/register/counts/").content.decode()
    assert "Ireland</a> (3)" in body and "Malta</a> (1)" in body
    assert "Suspended</a> (1)" in body and "Expired</a> (1)" in body


def test_valid_on_a_past_date(client, entries):
    long_ago = (TODAY - datetime.timedelta(days=2 * 365)).isoformat()
    body = client.get("/register/", {"valid_on": long_ago}).content.decode()
    assert "Old School of Trades" in body and "Galway Digital Academy" not in body


@pytest.mark.parametrize(
    "params",
    [
        {"country": "XX"},
        {"eqf_level": "9"},
        {"valid_on": "2025-13-45"},
        {"ects_min": "lots"},
        {"status": "deleted"},
        {"q": "x" * 5000},
    ],
)
def test_bad_filters_get_a_clear_400(client, entries, params):
    response = client.get("/register/", params)
    assert response.status_code == 400
    assert "Some filters could not be used" in response.content.decode()


@pytest.mark.parametrize(
    "params", [{"page": "999999999999"}, {"page": "-1"}, {"q": "'; DROP TABLE x; --"}, {"q": "<script>"}]
)
def test_hostile_input_is_harmless(client, entries, params):
    response = client.get("/register/", params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1].replace('value="&lt;script&gt;"', "")


def test_search_query_count_does_not_grow_with_data(client, django_assert_max_num_queries):
    make_register_entry()
    with django_assert_max_num_queries(20) as baseline:
        client.get("/register/", {"country": "IE"})
    for _ in range(8):
        make_register_entry(credentials=3)
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        body = client.get("/register/", {"country": "IE"}).content.decode()
    assert "9 provider entries" in body


def test_drafts_and_internal_data_never_appear(client, entries, provider):
    secret = MicroCredentialFactory(provider=provider, title="Unpublished Secret Course")
    draft = ApplicationFactory(provider=provider, summary="Internal note: weak assessment")
    draft.micro_credentials.add(secret)
    for url in (
        "/register/",
        "/register/export.csv",
        "/register/export.json",
        "/api/v1/entries/",
        "/api/v1/providers/",
    ):
        response = client.get(url, {"q": ""} if url == "/register/" else {})
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode()
        assert "Unpublished Secret Course" not in text and "Internal note" not in text, url
        assert provider.legal_name not in text, url
    assert client.get(f"/register/providers/{provider.pk}/").status_code == 404
    assert Application.objects.filter(provider=provider).exists()


def test_provider_page_shows_scope_decision_and_history(client, entries):
    entry = entries["irish"]
    body = client.get(f"/register/providers/{entry.provider_id}/").content.decode()
    assert entry.certificate_id in body
    for item in entry.scope_items.all():
        assert item.title in body
    assert "EQF 6" in body and "Project or assignment" in body and "Online" in body
    assert entry.agency.name in body and entry.authority.name in body
    assert "Published" in body


def test_as_of_a_past_date_answers_what_was_true(client, entries, authority_officer):
    entry = entries["irish"]
    before = (entry.valid_from - datetime.timedelta(days=10)).isoformat()
    body = client.get(f"/register/providers/{entry.provider_id}/", {"as_of": before}).content.decode()
    assert "not on the register" in body
    during = (entry.valid_from + datetime.timedelta(days=5)).isoformat()
    body = client.get(f"/register/providers/{entry.provider_id}/", {"as_of": during}).content.decode()
    assert "accredited" in body
    response = client.get(f"/register/providers/{entry.provider_id}/", {"as_of": "1 March"})
    assert response.status_code == 400 and "YYYY-MM-DD" in response.content.decode()


def verdict_of(body: str) -> str:
    """The verification page's verdict as a reader sees it (the provider's name is isolated in <bdi>)."""
    return html.fromstring(body).xpath('string(//p[contains(@class, "verdict")])').strip()


@pytest.mark.parametrize(("key", "verdict"), [("irish", "Valid"), ("expired", "Expired"), ("suspended", "Suspended")])
def test_verification_is_unambiguous(client, entries, key, verdict):
    entry = entries[key]
    body = client.get(f"/register/verify/{entry.certificate_id}/").content.decode()
    assert verdict_of(body).startswith(f"{verdict}: {entry.provider.legal_name} — ")


def test_unknown_certificate(client, entries):
    response = client.get("/register/verify/MC-NOPE-0000/")
    assert response.status_code == 404
    assert "Unknown: no accreditation with the id MC-NOPE-0000" in response.content.decode()
    response = client.get("/register/verify/", {"certificate_id": " mc-nope-0000 "})
    assert response.url == "/register/verify/MC-NOPE-0000/"


def test_officer_suspends_and_everything_reflects_it_at_once(client, entries, authority_officer):
    entry = entries["irish"]
    entry.authority = authority_officer.memberships.get().authority
    entry.save()
    client.force_login(authority_officer)
    response = client.post(
        f"/register/entries/{entry.pk}/manage/", {"change": "suspended", "reason": "Complaint under investigation"}
    )
    assert response.status_code == 302
    client.logout()
    verdict = verdict_of(client.get(f"/register/verify/{entry.certificate_id}/").content.decode())
    assert verdict.startswith("Suspended: Galway Digital Academy — ")
    page = client.get(f"/register/providers/{entry.provider_id}/").content.decode()
    timeline = html.fromstring(page).xpath('string(//ol[@class="timeline"])')
    assert "Suspended — Complaint under investigation" in timeline
    feed = client.get("/register/feed.atom").content.decode()
    assert "Galway Digital Academy: Suspended" in feed
    assert entry.application.audit_events.filter(verb="register entry suspended").exists()


def test_status_changes_need_a_reason_and_a_valid_transition(client, entries, authority_officer):
    entry = entries["irish"]
    entry.authority = authority_officer.memberships.get().authority
    entry.save()
    client.force_login(authority_officer)
    response = client.post(f"/register/entries/{entry.pk}/manage/", {"change": "withdrawn", "reason": ""})
    assert "This field is required." in response.content.decode()
    response = client.post(f"/register/entries/{entry.pk}/manage/", {"change": "reinstated", "reason": "Why not"})
    assert "Only a suspended entry can have its suspension lifted; this entry is active." in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ACTIVE


def test_only_officers_of_the_entrys_authority_may_change_it(
    client, entries, other_officer, provider_staff, coordinator
):
    entry = entries["irish"]
    for user in (other_officer, provider_staff, coordinator):
        client.force_login(user)
        assert client.get(f"/register/entries/{entry.pk}/manage/").status_code == 403
        assert (
            client.post(f"/register/entries/{entry.pk}/manage/", {"change": "withdrawn", "reason": "x"}).status_code
            == 403
        )
    client.logout()
    assert client.get(f"/register/entries/{entry.pk}/manage/").status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ACTIVE


def test_expired_without_anyone_acting(client):
    entry = make_register_entry(valid_from=TODAY - datetime.timedelta(days=800), years=2)
    assert entry.effective_status == EntryStatus.EXPIRED
    assert entry.status == EntryStatus.ACTIVE


def test_feed_lists_publications(client, entries):
    feed = client.get("/register/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Valletta Skills Centre: Published" in feed.content.decode()


def test_suspension_service_refuses_other_authorities(entries, other_officer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        change_entry_status(entry=entries["irish"], change="suspended", reason="x", by=other_officer)


def test_scope_filters_combine(client, entries):
    body = client.get(
        "/register/",
        {"participation_form": "online", "eqf_level": "6", "field": "06", "ects_min": "5", "ects_max": "5"},
    ).content.decode()
    assert "4 provider entries" in body
    assert "0 provider entries" in client.get("/register/", {"participation_form": "onsite"}).content.decode()
    assert "0 provider entries" in client.get("/register/", {"eqf_level": "7"}).content.decode()
