"""One entry driven through accreditation, suspension, lifting, withdrawal and expiry: at each step every output
(register page, verification page, CSV, XLSX, JSON, ELM XML, ELM JSON-LD, DEQAR, API, feed) tells the status the
register page tells. The CSV, XLSX, JSON and feed are read by content (the certificate id's row or record), not
by their layout."""

import csv
import datetime
import io
import json

import pytest
from django.core.cache import cache
from lxml import etree, html
from openpyxl import load_workbook

from accreditation.models import Membership, RegisterEntry, RegisterEvent, Role
from accreditation.models.register import EntryStatus
from accreditation.services.register import change_entry_status
from tests.factories import ProviderFactory, UserFactory, make_register_entry

from .elm_checks import assert_conforms, assert_valid_xml

pytestmark = pytest.mark.django_db
NS = {"a": "http://data.europa.eu/snb/model/application-profile/ams-constraints/"}
LABELS = {s.value: str(s.label).lower() for s in EntryStatus}


def body(response) -> bytes:
    assert response.status_code == 200, response
    return b"".join(response.streaming_content) if response.streaming else response.content


def _says(cells, status: str) -> bool:
    """A row or record tells the status by its code or its label."""
    words = {str(cell).strip().lower() for cell in cells if cell is not None}
    return status in words or LABELS[status] in words


def _records(value):
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _records(item)
    elif isinstance(value, list):
        for item in value:
            yield from _records(item)


def register_page(client, entry) -> str:
    page = html.fromstring(body(client.get(f"/register/providers/{entry.provider_id}/")))
    badge = page.xpath(f"//section[@id='entry-{entry.certificate_id}']//h2/span[contains(@class, 'status')]")[0]
    return next(c.removeprefix("status-") for c in badge.get("class").split() if c.startswith("status-"))


def outputs(client, entry) -> dict[str, str]:
    """The status each output gives the entry."""
    told = {}
    verify = html.fromstring(body(client.get(f"/register/verify/{entry.certificate_id}/")))
    verdict = verify.xpath("//p[contains(@class, 'verdict')]")[0].get("class")
    told["verify"] = next(c.removeprefix("status-") for c in verdict.split() if c.startswith("status-"))
    told["verify"] = "active" if told["verify"] == "valid" else told["verify"]
    rows = list(csv.reader(io.StringIO(body(client.get("/register/export.csv")).decode("utf-8-sig"))))
    told["csv"] = {s for s in LABELS for r in rows if entry.certificate_id in r and _says(r, s)}
    sheet = load_workbook(io.BytesIO(body(client.get("/register/export.xlsx"))), read_only=True).worksheets[0]
    told["xlsx"] = {
        s for s in LABELS for r in sheet.iter_rows(values_only=True) if entry.certificate_id in r and _says(r, s)
    }
    records = [
        r
        for r in _records(json.loads(body(client.get("/register/export.json"))))
        if r.get("certificate_id") == entry.certificate_id
    ]
    told["json"] = {s for s in LABELS for r in records if _says([r.get("status")], s)}
    document = assert_valid_xml(body(client.get("/register/export/elm.xml")))
    told["elm_xml"] = {
        a.findtext("a:status", namespaces=NS)
        for a in document.iterfind(".//a:accreditation", NS)
        if a.findtext("a:identifier/{http://www.w3.org/2004/02/skos/core#}notation", namespaces=NS)
        == entry.certificate_id
    }
    jsonld = json.loads(body(client.get("/register/export/elm.jsonld")))
    assert_conforms(jsonld)
    told["elm_jsonld"] = {
        n["status"]
        for n in jsonld["@graph"]
        if n["@type"] == "Accreditation" and n["identifier"][0]["notation"] == entry.certificate_id
    }
    api = json.loads(body(client.get(f"/api/v1/entries/{entry.certificate_id}/")))
    told["api"] = {api["status"], api["state"]["status"]}
    for name in ("csv", "xlsx", "json", "elm_xml", "elm_jsonld", "api"):
        assert len(told[name]) == 1, (name, told[name])
        told[name] = told[name].pop()
    return told


def deqar_report(client, entry) -> dict:
    reports = json.loads(body(client.get("/register/export/deqar.json")))
    return next(r for r in reports if r["local_identifier"] == entry.application.reference)


def feed_mentions(client, words: str) -> bool:
    feed = etree.fromstring(body(client.get("/register/feed.atom")))
    titles = [
        t.text or "" for t in feed.iterfind(".//{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title")
    ]
    return any(words in title for title in titles)


def check(client, entry, expected: str) -> None:
    cache.clear()
    assert register_page(client, entry) == expected
    told = outputs(client, entry)
    assert told == dict.fromkeys(told, expected), told


def test_every_output_follows_an_entry_through_its_life(client):
    entry = make_register_entry(provider=ProviderFactory(legal_name="Lifecycle College", erasmus_code="IRL LIFE01"))
    officer = UserFactory()
    Membership.objects.create(user=officer, role=Role.OFFICER, authority=entry.authority)
    agency = entry.agency
    agency.deqar_activities_programme = "182"
    agency.save()

    check(client, entry, EntryStatus.ACTIVE)
    assert deqar_report(client, entry)["valid_to"] == entry.valid_until.isoformat()

    change_entry_status(entry=entry, change=RegisterEvent.Kind.SUSPENDED, reason="Complaint under review", by=officer)
    check(client, entry, EntryStatus.SUSPENDED)
    assert feed_mentions(client, "Suspended")

    change_entry_status(entry=entry, change=RegisterEvent.Kind.REINSTATED, reason="Complaint dismissed", by=officer)
    check(client, entry, EntryStatus.ACTIVE)
    assert feed_mentions(client, "Suspension lifted")

    change_entry_status(entry=entry, change=RegisterEvent.Kind.WITHDRAWN, reason="Provider closed", by=officer)
    check(client, entry, EntryStatus.WITHDRAWN)
    assert feed_mentions(client, "Withdrawn")
    withdrawn_on = RegisterEvent.objects.get(entry=entry, kind="withdrawn").effective_on
    assert deqar_report(client, entry)["valid_to"] == withdrawn_on.isoformat()

    # Years later, past the end of its validity, it is still withdrawn (it was withdrawn before expiry).
    shift = datetime.timedelta(days=(entry.valid_until - entry.valid_from).days + 30)
    RegisterEntry.objects.filter(pk=entry.pk).update(
        valid_from=entry.valid_from - shift,
        valid_until=entry.valid_until - shift,
        published_on=entry.valid_from - shift,
    )
    for event in RegisterEvent.objects.filter(entry=entry):
        RegisterEvent.objects.filter(pk=event.pk).update(effective_on=event.effective_on - shift)
    check(client, entry, EntryStatus.WITHDRAWN)


def test_every_output_says_expired_once_the_validity_ends_even_when_suspended(client):
    today = datetime.date.today()
    entry = make_register_entry(valid_from=today - datetime.timedelta(days=300), years=1)
    officer = UserFactory()
    Membership.objects.create(user=officer, role=Role.OFFICER, authority=entry.authority)
    change_entry_status(entry=entry, change=RegisterEvent.Kind.SUSPENDED, reason="Late report", by=officer)
    # A hundred days later (a suspension can no longer be started past the end, so time is moved instead): the
    # validity ended while the entry was suspended.
    shift = datetime.timedelta(days=100)
    RegisterEntry.objects.filter(pk=entry.pk).update(
        valid_from=entry.valid_from - shift,
        valid_until=entry.valid_until - shift,
        published_on=entry.valid_from - shift,
    )
    for event in RegisterEvent.objects.filter(entry=entry):
        RegisterEvent.objects.filter(pk=event.pk).update(
            effective_on=event.effective_on - shift,
            valid_from=event.valid_from - shift,
            valid_until=event.valid_until - shift,
        )
    entry.refresh_from_db()
    check(client, entry, EntryStatus.EXPIRED)
