"""Issue 10's closing check: every download of the demo register, after its entries have been suspended,
withdrawn and expired, passes what its consumer checks (the AMS XSD, the AMS SHACL shapes, DEQAR v2's rules as the
local stand-in enforces them, RFC 4287's required elements, openpyxl's read-only mode) and tells each entry's
status as the register page does."""

import csv
import datetime
import io
import json

import pytest
from lxml import etree
from openpyxl import load_workbook

from accreditation.models import Agency, Provider, RegisterEntry
from accreditation.models.register import entry_state
from process.demo import load_demo

from .deqar_v2 import Registry, validate
from .elm_checks import assert_conforms, assert_valid_xml

# serialized_rollback: a transactional test before this one may have emptied the permissions the panel grants.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
NS = {"a": "http://data.europa.eu/snb/model/application-profile/ams-constraints/"}
ATOM = "{http://www.w3.org/2005/Atom}"


def body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def _expire(entry: RegisterEntry) -> None:
    """Move an active entry's validity into the past, as years going by would."""
    shift = datetime.timedelta(days=(entry.valid_until - entry.valid_from).days + 10)
    RegisterEntry.objects.filter(pk=entry.pk).update(
        valid_from=entry.valid_from - shift,
        valid_until=entry.valid_until - shift,
        published_on=entry.valid_from - shift,
    )
    for event in entry.events.all():
        type(event).objects.filter(pk=event.pk).update(
            effective_on=event.effective_on - shift,
            valid_from=event.valid_from - shift,
            valid_until=event.valid_until - shift,
        )


def _registry() -> Registry:
    """The stand-in DEQAR knows the demo's agencies, their activities and every identifier of its providers."""
    registry = Registry(agencies=set(), activities={})
    for agency in Agency.objects.all():
        registry.agencies |= {value for value in (agency.deqar_id, agency.acronym) if value}
        for value, kind in ((agency.deqar_activities_programme, 1), (agency.deqar_activities_institutional, 2)):
            registry.activities |= {activity: kind for activity in value.split(",") if activity}
    for provider in Provider.objects.all():
        for value in (provider.deqar_id, provider.eter_id, provider.erasmus_code, provider.pic, provider.national_id):
            if value:
                registry.institutions[value] = provider.type != Provider.Type.UNIVERSITY
    return registry


def test_every_download_of_the_demo_register_passes_its_consumers_checks(reference_data, client):
    load_demo()
    entries = {e.provider.legal_name: e for e in RegisterEntry.objects.select_related("provider")}
    _expire(entries["Kilkenny Craft and Design School"])
    status = {e.certificate_id: entry_state(e).status for e in RegisterEntry.objects.all()}
    assert {"active", "suspended", "withdrawn", "expired"} <= set(status.values())

    xml = assert_valid_xml(body(client.get("/register/export/elm.xml")))
    told = {}
    for item in xml.iterfind(".//a:accreditation", NS):
        certificate = next(
            n.findtext("{http://www.w3.org/2004/02/skos/core#}notation")
            for n in item.iterfind("a:identifier", NS)
            if n.findtext("a:schemeName", namespaces=NS) == "Register certificate id"
        )
        told[certificate] = item.findtext("a:status", namespaces=NS)
    assert told == status

    graph = assert_conforms(json.loads(body(client.get("/register/export/elm.jsonld"))))
    assert len(set(graph.subjects())) > len(status)

    # The operator configures each agency for DEQAR in the administration (README): its activity ids.
    Agency.objects.update(deqar_activities_programme="182", deqar_activities_institutional="181")
    registry = _registry()
    reports = json.loads(body(client.get("/register/export/deqar.json")))
    assert {r["local_identifier"] for r in reports} >= {e.application.reference for e in entries.values()} - {
        w["local_identifier"]
        for w in json.loads(body(client.get("/register/export/deqar-warnings.json")))
        if not w["sendable"]
    }
    assert reports
    for report in reports:
        assert validate(report, registry) == [], report

    feed = etree.fromstring(body(client.get("/register/feed.atom")))
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    for entry in feed.iterfind(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}id").startswith("http") and entry.findtext(f"{ATOM}updated")

    workbook = load_workbook(io.BytesIO(body(client.get("/register/export.xlsx"))), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    certificate, state = rows[0].index("Certificate id"), rows[0].index("Status")
    assert {row[certificate]: row[state] for row in rows[1:]} == status  # one row per micro-credential, alike

    table = list(csv.DictReader(io.StringIO(body(client.get("/register/export.csv")).decode("utf-8-sig"))))
    assert {row["Certificate id"]: row["Status"] for row in table} == status
    records = json.loads(body(client.get("/register/export.json")))
    records = records["entries"] if isinstance(records, dict) else records
    assert {r["certificate_id"]: r["status"] for r in records} == status
