"""ELM accreditation XML (AMS 3.3.1 XSD) and ELM 3 JSON-LD (AMS SHACL shapes), for entries of every status and
hostile text, and the per-country dataset the QDR polls."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone
from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from accreditation.models import RegisterEntry, RegisterEvent
from accreditation.models.register import EntryStatus
from tests.factories import ProviderFactory, make_register_entry

from .elm_checks import assert_conforms, assert_valid_xml

pytestmark = pytest.mark.django_db
NS = {"a": "http://data.europa.eu/snb/model/application-profile/ams-constraints/"}
ELM = Namespace("http://data.europa.eu/snb/model/elm/")
TODAY = timezone.localdate()
HOSTILE = 'Ünïcødé <b>&amp; "quotes" ]]> \x0b\x01 end'


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def change(entry, kind, status, on):
    RegisterEvent.objects.create(
        entry=entry,
        kind=kind,
        status=status,
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
        effective_on=on,
        reason="test",
    )
    RegisterEntry.objects.filter(pk=entry.pk).update(status=status)


@pytest.fixture
def entries():
    hostile = ProviderFactory(
        legal_name=HOSTILE,
        pic="123456789",
        eter_id="IE0042",
        national_id="IE-77",
        erasmus_code="IRL CORK01",
        deqar_id="DEQARINST0042",
    )
    active = make_register_entry(
        provider=hostile,
        conditions=HOSTILE,
        specifications=[{"title": HOSTILE, "ects": Decimal("2.5")}, {"participation_form": "online"}],
    )
    suspended = make_register_entry()
    change(suspended, "suspended", EntryStatus.SUSPENDED, TODAY - datetime.timedelta(days=2))
    withdrawn = make_register_entry()
    change(withdrawn, "withdrawn", EntryStatus.WITHDRAWN, TODAY - datetime.timedelta(days=5))
    expired = make_register_entry(valid_from=TODAY - datetime.timedelta(days=800), years=2)
    institutional = make_register_entry(credentials=0)
    RegisterEntry.objects.filter(pk=institutional.pk).update(institutional=True, scope_eqf_min=5, scope_eqf_max=7)
    return {
        "active": active,
        "suspended": suspended,
        "withdrawn": withdrawn,
        "expired": expired,
        "institutional": institutional,
    }


def _accreditations(document):
    return {
        a.findtext("a:identifier/skos:notation", namespaces={**NS, "skos": str(SKOS)}): a
        for a in document.findall("a:accreditationReferences/a:accreditation", NS)
    }


def test_elm_xml_is_valid_and_tells_each_status_as_the_register_does(client, entries):
    document = assert_valid_xml(body(client.get("/register/export/elm.xml")))
    accreditations = _accreditations(document)
    assert len(accreditations) == 5
    by = {name: accreditations[entry.certificate_id] for name, entry in entries.items()}
    assert {name: a.findtext("a:status", namespaces=NS) for name, a in by.items()} == {
        "active": "active",
        "suspended": "suspended",
        "withdrawn": "withdrawn",
        "expired": "expired",
        "institutional": "active",
    }
    withdrawn_on = (TODAY - datetime.timedelta(days=5)).isoformat()
    assert by["withdrawn"].findtext("a:expiryDate", namespaces=NS).startswith(withdrawn_on)
    note = by["suspended"].findtext("a:additionalNote/a:noteLiteral", namespaces=NS)
    assert "Suspended since " + (TODAY - datetime.timedelta(days=2)).isoformat() in note
    assert by["expired"].findtext("a:expiryDate", namespaces=NS) < TODAY.isoformat()
    entry = entries["active"]
    issued = by["active"].findtext("a:issued", namespaces=NS)
    assert issued.startswith(entry.decision.decided_at.date().isoformat())
    assert by["active"].find("a:publisher", NS).get("idref").endswith(f"/register/authorities/{entry.authority_id}/")
    assert by["active"].find("a:accreditingAgent", NS).get("idref").endswith(f"/register/agencies/{entry.agency_id}/")
    assert by["active"].find("a:limitJurisdiction", NS).get("uri").endswith("/atu/IRL")
    assert by["active"].find("a:decision", NS) is not None
    assert (
        by["active"]
        .findtext("a:landingPage/a:contentUrl", namespaces=NS)
        .endswith(f"/register/verify/{entry.certificate_id}/")
    )
    assert by["active"].findtext("a:modified", namespaces=NS)
    levels = [e.get("uri")[-1] for e in by["institutional"].findall("a:limitEQFLevel", NS)]
    assert levels == ["5", "6", "7"]
    provider = document.find(
        f"a:agentReferences/a:organisation[@id='{by['active'].find('a:organisation', NS).get('idref')}']", NS
    )
    schemes = {
        i.findtext("a:schemeName", namespaces=NS): i.findtext("skos:notation", namespaces={"skos": str(SKOS)})
        for i in provider.findall("a:identifier", NS)
    }
    assert schemes == {
        "DEQAR id": "DEQARINST0042",
        "ETER id": "IE0042",
        "PIC": "123456789",
        "Erasmus code": "IRL CORK01",
        "National identifier": "IE-77",
    }
    assert provider.findtext("a:legalName", namespaces=NS) == HOSTILE.replace("\x0b", "").replace("\x01", "")


def test_every_download_filters_by_status(client, entries):
    for status in ("active", "suspended", "withdrawn", "expired"):
        document = assert_valid_xml(body(client.get("/register/export/elm.xml", {"status": status})))
        assert {a.findtext("a:status", namespaces=NS) for a in _accreditations(document).values()} == {status}
        graph = json.loads(body(client.get("/register/export/elm.jsonld", {"status": status})))["@graph"]
        assert {n["status"] for n in graph if n["@type"] == "Accreditation"} == {status}
        fresh = RegisterEntry.objects.filter(pk__in=[e.pk for e in entries.values()])
        wanted = {e.certificate_id for e in fresh if e.effective_status_on() == status}
        csv_text = body(client.get("/register/export.csv", {"status": status})).decode("utf-8-sig")
        json_text = body(client.get("/register/export.json", {"status": status})).decode()
        for text in (csv_text, json_text):
            assert {e.certificate_id for e in entries.values() if e.certificate_id in text} == wanted


def test_elm_jsonld_conforms_to_the_ams_shapes(client, entries):
    document = json.loads(body(client.get("/register/export/elm.jsonld")))
    graph = assert_conforms(document)
    accreditations = set(graph.subjects(RDF.type, ELM.Accreditation))
    assert len(accreditations) == 5
    entry = next(a for a in accreditations if str(a).endswith(f"/register/entries/{entries['withdrawn'].pk}/"))
    assert str(graph.value(entry, ELM.status)) == "withdrawn"
    assert str(graph.value(entry, ELM.expiryDate)).startswith((TODAY - datetime.timedelta(days=5)).isoformat())
    assert graph.value(entry, DCTERMS.modified) is not None
    assert graph.value(entry, DCTERMS.publisher) is not None
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        assert graph.value(concept, SKOS.inScheme) is not None, concept


def test_each_accredited_micro_credential_is_a_qualification_with_the_eu_standards_elements(client, entries):
    document = json.loads(body(client.get("/register/export/elm.jsonld")))
    graph = assert_conforms(document)  # the shapes apply to its concepts, notes and web resources
    qualifications = set(graph.subjects(RDF.type, ELM.Qualification))
    assert len(qualifications) == 2 + 2 * 3  # two hostile-text ones, three entries of two defaults
    hostile = next(q for q in qualifications if any("Ünïcødé" in str(t) for t in graph.objects(q, DCTERMS.title)))
    outcomes = list(graph.objects(hostile, ELM.learningOutcome))
    assert len(outcomes) == 3
    credit = graph.value(hostile, ELM.creditPoint)
    assert str(graph.value(credit, ELM.point)) == "2.5"
    assert graph.value(credit, ELM.framework) == URIRef("http://data.europa.eu/snb/education-credit/6fcec5c5af")
    assert graph.value(hostile, ELM.volumeOfLearning).toPython() == datetime.timedelta(hours=125)
    assert graph.value(hostile, ELM.EQFLevel) == URIRef("http://data.europa.eu/snb/eqf/6")
    assert graph.value(hostile, ELM.ISCEDFCode) is not None
    assert graph.value(hostile, DCTERMS.language) is not None
    online = next(q for q in qualifications if graph.value(q, ELM.mode))
    assert graph.value(online, ELM.mode) == URIRef("http://data.europa.eu/snb/learning-assessment/920fbb3cbe")


def test_the_country_dataset_revalidates_with_304(client, entries):
    first = client.get("/register/export/elm/ie.jsonld")
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert len([n for n in json.loads(body(first))["@graph"] if n["@type"] == "Accreditation"]) == 5
    again = client.get("/register/export/elm/IE.jsonld", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    change(entries["active"], "suspended", EntryStatus.SUSPENDED, TODAY)
    changed = client.get("/register/export/elm/IE.jsonld", headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert client.get("/register/export/elm/XX.jsonld").status_code == 404
    malta = json.loads(body(client.get("/register/export/elm/MT.jsonld")))
    assert malta["@graph"] == []


def test_downloads_take_modified_since(client, entries):
    later = timezone.now() + datetime.timedelta(seconds=1)
    assert (
        _accreditations(
            assert_valid_xml(body(client.get("/register/export/elm.xml", {"modified_since": later.isoformat()})))
        )
        == {}
    )
    change(entries["expired"], "withdrawn", EntryStatus.WITHDRAWN, TODAY)
    RegisterEvent.objects.filter(entry=entries["expired"]).update(recorded_at=later + datetime.timedelta(seconds=5))
    document = assert_valid_xml(body(client.get("/register/export/elm.xml", {"modified_since": later.isoformat()})))
    assert list(_accreditations(document)) == [entries["expired"].certificate_id]
    assert client.get("/register/export/elm.jsonld", {"modified_since": "soon"}).status_code == 400


def test_an_entrys_uri_answers_elm_json_ld_and_xml_by_content_negotiation(client, entries):
    entry = entries["withdrawn"]
    document = json.loads(body(client.get(f"/register/entries/{entry.pk}/", headers={"accept": "application/ld+json"})))
    graph = assert_conforms(document)
    accreditation = next(graph.subjects(RDF.type, ELM.Accreditation))
    assert str(accreditation).endswith(f"/register/entries/{entry.pk}/")
    assert str(graph.value(accreditation, ELM.status)) == "withdrawn"
    xml = assert_valid_xml(body(client.get(f"/register/entries/{entry.pk}/", headers={"accept": "application/xml"})))
    assert [a.findtext("a:status", namespaces=NS) for a in _accreditations(xml).values()] == ["withdrawn"]
    item = entry.scope_items.first()
    response = client.get(f"/register/micro-credentials/{item.pk}/", headers={"accept": "application/ld+json"})
    qualification = json.loads(body(response))["@graph"][0]
    assert qualification["@type"] == "Qualification" and qualification["title"]
    assert_conforms(json.loads(body(response)))
