"""The Atom feed (RFC 4287) and the JSON list of events: every change, identified by IRIs, with an author and an
update time, and text that a feed reader shows as text."""

import datetime
import json

import pytest
from django.utils import timezone
from lxml import etree

from accreditation.models import RegisterEvent, Role
from accreditation.services.register import change_entry_status
from tests.factories import MembershipFactory, make_register_entry

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = '<script>alert("feed")</script> & <b>bold</b>'


@pytest.fixture
def changed():
    """One entry published then suspended, lifted and withdrawn; a second only published."""
    entry = make_register_entry()
    officer = MembershipFactory(role=Role.OFFICER, authority=entry.authority).user
    change_entry_status(entry=entry, change="suspended", reason=HOSTILE, by=officer)
    change_entry_status(entry=entry, change="reinstated", reason="Complaint closed", by=officer)
    change_entry_status(entry=entry, change="withdrawn", reason="Provider closed", by=officer)
    make_register_entry()
    return entry


def feed(client, **headers):
    response = client.get("/register/feed.atom", **headers)
    assert response["Content-Type"].startswith("application/atom+xml")
    return etree.fromstring(response.content)


def is_iri(value: str) -> bool:
    scheme, _, rest = value.partition(":")
    return bool(scheme) and scheme[0].isalpha() and bool(rest) and " " not in value


def test_the_feed_has_what_rfc_4287_requires_of_a_feed_and_of_each_entry(client, changed):
    root = feed(client)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{required}")) == 1, required
    assert is_iri(root.findtext(f"{ATOM}id"))
    assert root.find(f"{ATOM}author/{ATOM}name").text  # a feed-level author covers every entry
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith("/register/feed.atom")
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 5
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids) and all(is_iri(value) for value in ids)
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{required}")) == 1, required
        assert entry.find(f"{ATOM}author/{ATOM}name").text
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http://testserver/")
        datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))


def test_the_feed_includes_suspensions_lifts_and_withdrawals(client, changed):
    kinds = [entry.find(f"{ATOM}category").get("term") for entry in feed(client).findall(f"{ATOM}entry")]
    assert sorted(kinds) == ["published", "published", "reinstated", "suspended", "withdrawn"]


def test_entry_ids_are_the_entry_uri_with_the_event_and_do_not_follow_the_host(client, changed, settings):
    settings.REGISTER_URI_BASE = "https://id.example.eu"
    ids = {entry.findtext(f"{ATOM}id") for entry in feed(client, HTTP_HOST="localhost:8765").findall(f"{ATOM}entry")}
    expected = {
        f"https://id.example.eu/register/entries/{event.entry_id}/#event-{event.pk}"
        for event in RegisterEvent.objects.all()
    }
    assert ids == expected


def test_an_officers_markup_in_a_reason_is_text_in_a_feed_reader(client, changed):
    suspended = next(
        entry
        for entry in feed(client).findall(f"{ATOM}entry")
        if entry.find(f"{ATOM}category").get("term") == "suspended"
    )
    summary = suspended.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # What a reader renders as HTML: the markup comes out escaped, so it shows as the characters typed.
    assert "<script>" not in summary.text and "<b>" not in summary.text
    assert "&lt;script&gt;alert(&quot;feed&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in summary.text


def test_events_list_every_change_oldest_first_with_the_status_of_today(client, changed):
    data = json.loads(client.get("/register/events.json").content)
    kinds = [event["kind"] for event in data["events"] if event["entry"]["certificate_id"] == changed.certificate_id]
    assert kinds == ["published", "suspended", "reinstated", "withdrawn"]
    assert {
        event["status_today"] for event in data["events"] if event["entry"]["certificate_id"] == changed.certificate_id
    } == {"withdrawn"}
    assert data["next"] is None


def test_events_since_a_moment_and_paged_so_a_poller_misses_nothing(client, changed):
    RegisterEvent.objects.filter(kind="published").update(recorded_at=timezone.now() - datetime.timedelta(days=3))
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    recent = json.loads(client.get("/register/events.json", {"since": since}).content)["events"]
    assert [event["kind"] for event in recent] == ["suspended", "reinstated", "withdrawn"]
    first = json.loads(client.get("/register/events.json", {"limit": 2}).content)
    second = json.loads(client.get(first["next"]).content)
    third = json.loads(client.get(second["next"]).content)
    seen = [event["id"] for page in (first, second, third) for event in page["events"]]
    assert seen == sorted(RegisterEvent.objects.values_list("pk", flat=True))
    assert third["next"] is None


@pytest.mark.parametrize(
    "query", [{"since": "yesterday"}, {"since": "2026-13-45"}, {"after": "x"}, {"after": "9" * 40}, {"limit": "0"}]
)
def test_bad_event_parameters_are_a_clear_400(client, changed, query):
    response = client.get("/register/events.json", query)
    assert response.status_code == 400
    assert json.loads(response.content)["error"]
