"""A micro-credential's title, learning outcomes and further information in several languages (issue 15): typed
by the provider's staff in the catalogue form, frozen with the version, shown to a reader in their language (the
original otherwise, marked with its language), found by search in any language, and carried with language tags
by the ELM outputs; the CSV, XLSX and the certificate keep the original."""

import json
from io import BytesIO

import pytest
from django.utils import translation
from lxml import html
from pypdf import PdfReader
from rdflib import Literal, Namespace
from rdflib.namespace import DCTERMS

from accreditation.documents import certificate_data
from accreditation.models import MicroCredential
from reports.pdf.documents import build_certificate
from tests.factories import ProviderFactory, make_register_entry

from .elm_checks import assert_conforms, assert_valid_xml

pytestmark = pytest.mark.django_db
NS = {"a": "http://data.europa.eu/snb/model/application-profile/ams-constraints/"}
ELM = Namespace("http://data.europa.eu/snb/model/elm/")
OUTCOMES = "Analyse public data sets\nPresent the findings to a lay audience"
FRENCH = {
    "title": "Analyse de données ouvertes",
    "learning_outcomes": "Analyser des jeux de données publics\nPrésenter les résultats à un public non spécialiste",
    "further_information": "Cours du soir.",
}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def typed(**values) -> dict:
    data = {
        "title": "Open data analysis",
        "awarding_body": "Atlantic College",
        "country": "IE",
        "learning_outcomes": OUTCOMES,
        "workload_hours": "50",
        "ects": "2",
        "assessment_type": "project",
        "participation_form": "online",
        "quality_assurance": "Internal approval",
        "languages": "en",
        "translation-count": "2",
    }
    data.update(values)
    return data


@pytest.fixture
def entry():
    return make_register_entry(
        provider=ProviderFactory(legal_name="Polyglot College"),
        specifications=[
            {"title": "Open data analysis", "learning_outcomes": OUTCOMES, "translations": {"fr": FRENCH}},
            {"title": "Safety at work"},
        ],
    )


def test_staff_add_a_translation_and_a_bad_row_keeps_what_was_typed(client, provider_staff, provider):
    client.force_login(provider_staff)
    url = f"/provider/catalogue/new/?provider={provider.pk}"
    response = client.post(url, typed(**{"translation-0-title": "Analyse de données ouvertes"}))
    page = html.fromstring(response.content)
    assert response.status_code == 200
    assert "Choose the language of this translation." in page.text_content()
    assert page.get_element_by_id("id_translation-0-title").value == "Analyse de données ouvertes"
    assert not MicroCredential.objects.filter(provider=provider).exists()

    data = typed(**{f"translation-0-{name}": text for name, text in FRENCH.items()}, **{"translation-0-language": "fr"})
    response = client.post(url, data)
    assert response.status_code == 302
    credential = MicroCredential.objects.get(provider=provider)
    assert credential.translations == {"fr": FRENCH}
    page = html.fromstring(client.get(response.url).content)
    assert page.get_element_by_id("id_translation-0-language").value == "fr"
    assert page.get_element_by_id("id_translation-1-title").value in (None, "")  # a row to add another

    edit = client.post(response.url, typed(**{"translation-0-language": "fr", "translation-count": "1"}))
    assert edit.status_code == 302  # a row cleared of its texts removes the translation
    credential.refresh_from_db()
    assert credential.translations == {}


def test_translated_outcomes_give_one_line_per_original_outcome(client, provider_staff, provider):
    client.force_login(provider_staff)
    data = typed(
        **{"translation-0-language": "fr", "translation-0-title": "Analyse", "translation-0-learning_outcomes": "Un"}
    )
    response = client.post(f"/provider/catalogue/new/?provider={provider.pk}", data)
    assert "The learning outcomes in fr have 1 lines, the original 2" in response.content.decode()
    data = typed(**{"translation-0-language": "en", "translation-0-title": "Same language"})
    response = client.post(f"/provider/catalogue/new/?provider={provider.pk}", data)
    assert "The texts are already in en" in response.content.decode()
    assert not MicroCredential.objects.filter(provider=provider).exists()


def test_register_shows_the_readers_language_and_marks_the_original_otherwise(client, entry):
    french = html.fromstring(client.get(f"/register/providers/{entry.provider_id}/", {"lang": "fr"}).content)
    cells = [td.text_content() for td in french.iterfind(".//tbody/tr/td[1]")]
    assert "Analyse de données ouvertes" in cells
    assert french.xpath('//td/bdi[@lang="en"]/text()') == ["Safety at work"]  # no translation: the original
    german = html.fromstring(client.get(f"/register/providers/{entry.provider_id}/", {"lang": "de"}).content)
    assert sorted(german.xpath('//td/bdi[@lang="en"]/text()')) == ["Open data analysis", "Safety at work"]
    card = html.fromstring(client.get("/register/", {"lang": "fr"}).content)
    assert "Analyse de données ouvertes" in card.text_content()


def test_search_finds_a_micro_credential_by_its_translated_title(client, entry):
    page = client.get("/register/", {"q": "données ouvertes"}).content.decode()
    assert "Polyglot College" in page
    assert "Polyglot College" not in client.get("/register/", {"q": "données fermées"}).content.decode()


def test_elm_outputs_carry_every_language_with_its_tag(client, entry):
    graph = assert_conforms(json.loads(body(client.get("/register/export/elm.jsonld"))))
    titles = set(graph.objects(None, DCTERMS.title))
    assert {Literal("Open data analysis", lang="en"), Literal("Analyse de données ouvertes", lang="fr")} <= titles
    qualification = next(graph.subjects(DCTERMS.title, Literal("Analyse de données ouvertes", lang="fr")))
    outcomes = [set(graph.objects(o, DCTERMS.title)) for o in graph.objects(qualification, ELM.learningOutcome)]
    assert {
        Literal("Analyse public data sets", lang="en"),
        Literal("Analyser des jeux de données publics", lang="fr"),
    } in outcomes
    assert Literal("Cours du soir.", lang="fr") in set(graph.objects(qualification, DCTERMS.description))

    document = assert_valid_xml(body(client.get("/register/export/elm.xml")))
    descriptions = {d.get("language"): d.text for d in document.iterfind(".//a:accreditation/a:description", NS)}
    assert descriptions["fr"] == "Analyse de données ouvertes; Safety at work"
    assert descriptions["en"] == "Micro-credentials: Open data analysis; Safety at work"


def test_json_gives_each_title_with_its_translations_by_language(client, entry):
    document = json.loads(body(client.get("/register/export.json")))
    records = document["entries"] if isinstance(document, dict) else document
    scope = next(r for r in records if r["provider"]["legal_name"] == "Polyglot College")["scope"]
    by_title = {item["title"]: item["translations"] for item in scope}
    assert by_title["Open data analysis"]["fr"]["title"] == "Analyse de données ouvertes"
    assert by_title["Safety at work"] == {}


def test_the_api_gives_each_title_with_its_translations(client, entry):
    listing = client.get("/api/v1/entries/", {"q": "Polyglot"}).json()
    results = listing["results"] if isinstance(listing, dict) else listing
    record = next(r for r in results if r["certificate_id"] == entry.certificate_id)
    by_title = {item["title"]: item["translations"] for item in record["scope"]}
    assert by_title == {"Open data analysis": {"fr": FRENCH}, "Safety at work": {}}


def test_csv_and_xlsx_keep_the_original_titles(client, entry):
    csv = body(client.get("/register/export.csv")).decode("utf-8-sig")
    assert "Open data analysis" in csv and "Analyse de données ouvertes" not in csv


def test_the_certificate_prints_the_original_titles_whatever_the_language(entry):
    with translation.override("fr"):
        pdf = build_certificate(certificate_data(entry))
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "Open data analysis" in text
    assert "Analyse de données ouvertes" not in text
