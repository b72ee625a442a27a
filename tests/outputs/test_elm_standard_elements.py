"""The EU standard's elements that the ELM outputs carry since the Recommendation's reading was widened: the forms
of participation (work-based learning, volunteering) and several awarding bodies and issuer countries, in ELM XML
(valid against AMS 3.3.1) and ELM JSON-LD (conforming to the AMS shapes)."""

import json
from decimal import Decimal

import pytest
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from tests.factories import ProviderFactory, make_register_entry

from .elm_checks import assert_conforms, assert_valid_xml

pytestmark = pytest.mark.django_db
NS = {"a": "http://data.europa.eu/snb/model/application-profile/ams-constraints/"}
ELM = Namespace("http://data.europa.eu/snb/model/elm/")
ROV = Namespace("http://www.w3.org/ns/regorg#")
MODE = "http://data.europa.eu/snb/learning-assessment/"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def entry():
    return make_register_entry(
        provider=ProviderFactory(legal_name="Joint Academy", country="IE"),
        specifications=[
            {
                "title": "Joint data course",
                "awarding_body": "Joint Academy",
                "other_awarding_bodies": "Université de Liège\nHogeschool Utrecht",
                "country": "IE",
                "other_countries": "BE,NL",
                "participation_form": "work_based",
                "ects": Decimal("5"),
            },
            {"title": "Community care", "participation_form": "volunteer"},
            {"title": "Mixed methods", "participation_form": "blended"},
        ],
    )


def _qualification(graph, title):
    return next(
        q
        for q in graph.subjects(RDF.type, ELM.Qualification)
        if graph.value(q, DCTERMS.title) == Literal(title, lang="en")
    )


def test_jsonld_gives_each_form_its_eu_mode_and_every_awarding_body_in_its_country(client, entry):
    graph = assert_conforms(json.loads(body(client.get("/register/export/elm.jsonld"))))
    joint = _qualification(graph, "Joint data course")
    assert graph.value(joint, ELM.mode) == URIRef(MODE + "729f3bed4b")
    assert graph.value(graph.value(joint, ELM.mode), SKOS.inScheme) == URIRef(MODE + "25831c2")
    awarding = graph.value(joint, ELM.awardingOpportunity)
    bodies = {
        str(graph.value(b, ROV.legalName)): str(
            graph.value(graph.value(graph.value(b, ELM.location), ELM.address), ELM.countryCode)
        ).rsplit("/", 1)[1]
        for b in graph.objects(awarding, ELM.awardingBody)
    }
    assert bodies == {"Joint Academy": "IRL", "Université de Liège": "BEL", "Hogeschool Utrecht": "NLD"}
    notes = {str(graph.value(n, ELM.noteLiteral)) for n in graph.objects(joint, ELM.additionalNote)}
    assert "Issuer countries: IE, BE, NL" in notes
    assert graph.value(_qualification(graph, "Mixed methods"), ELM.mode) == URIRef(MODE + "e92d221e4d")
    volunteering = _qualification(graph, "Community care")
    assert graph.value(volunteering, ELM.mode) is None  # no mode in the EU list; said in a note
    notes = {str(graph.value(n, ELM.noteLiteral)) for n in graph.objects(volunteering, ELM.additionalNote)}
    assert "Form of participation: Volunteering" in notes
    ects = graph.value(graph.value(joint, ELM.creditPoint), ELM.framework)
    assert ects == URIRef("http://data.europa.eu/snb/education-credit/6fcec5c5af")


def test_xml_notes_a_joint_micro_credentials_bodies_and_countries(client, entry):
    document = assert_valid_xml(body(client.get("/register/export/elm.xml")))
    notes = [n.text for n in document.iterfind(".//a:additionalNote/a:noteLiteral", NS)]
    assert (
        "Joint data course: awarded by Joint Academy; Université de Liège; Hogeschool Utrecht; "
        "issuer countries IE, BE, NL." in notes
    )
    assert not any(note.startswith("Community care") for note in notes)
