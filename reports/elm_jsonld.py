"""The register as ELM 3 JSON-LD: each entry an elm:Accreditation of the AMS application profile, and each
accredited micro-credential an elm:Qualification carrying the EU standard's elements (Council Recommendation
2022/C 243/02, Annex I), streamed node by node.

The document names the European Digital Credentials context by its official URL and is never fetched here.
Every vocabulary value is a skos:Concept with the scheme it belongs to, as the Commission's own examples do;
the organisations are written inside each accreditation (the same URI, so a reader merges them), which keeps
the stream free of a table of every organisation seen. Values the context maps wrongly or not at all (dc:issued
is `dateIssued`; dc:modified is declared an IRI there) are written in expanded form with their datatype.
"""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from .countries import ALPHA3
from .elm import (
    ATU,
    COUNTRY,
    DECISION_LABELS,
    LANGUAGE,
    OUTSIDE_ATU,
    TYPE_INSTITUTIONAL,
    Accreditation,
    Organisation,
    scope_descriptions,
)
from .text import clean_text

CONTEXT = "http://data.europa.eu/snb/model/context/edc-ap"
SNB = "http://data.europa.eu/snb/"
SCHEMES = {
    "eqf": f"{SNB}eqf/25831c2",
    "isced-f": f"{SNB}isced-f/25831c2",
    "accreditation": f"{SNB}accreditation/25831c2",
    "learning-assessment": f"{SNB}learning-assessment/25831c2",
    "education-credit": f"{SNB}education-credit/25831c2",
    "country": "http://publications.europa.eu/resource/authority/country",
    "atu": "http://publications.europa.eu/resource/authority/atu",
    "language": "http://publications.europa.eu/resource/authority/language",
}
# Vocabulary values and where they were checked. The schemes (education-credit, learning-assessment,
# learning-activity: .../25831c2) are declared in the Commission's own AMS sample (../shared/reference/
# ams-sample.xml); the concepts below are not in the reference folder, which holds no copy of these two
# vocabularies: they are the identifiers the EU Vocabularies list for them ("European Credit Transfer System";
# the "Mode of learning and assessment" list: Online, Presential, Blended, Workbased, Project based, Research-Lab
# based, Hybrid), as several independent ELM implementations publish them alike. Not verified against the EU
# Vocabularies themselves, which cannot be reached from here.
ECTS = f"{SNB}education-credit/6fcec5c5af"
MODES = {
    "online": (f"{SNB}learning-assessment/920fbb3cbe", "Online"),
    "onsite": (f"{SNB}learning-assessment/9191af2ed9", "Presential"),
    # "Blended", not "Hybrid" (c_3a90b26d), which the earlier export used: a later, separate concept of the list.
    "blended": (f"{SNB}learning-assessment/e92d221e4d", "Blended"),
    "work_based": (f"{SNB}learning-assessment/729f3bed4b", "Workbased"),
}
# Volunteering is no mode of learning and assessment in the EU list: it is a type of learning activity
# (learning-activity/59eaf34fab, "volunteering"), which ELM gives learning activities, not qualifications. A
# volunteering micro-credential therefore has no `mode`; a note says "Form of participation: Volunteering".
VOLUNTEERING = "volunteer"
# ISO 639-1 codes of the EU's official languages and their code in the EU's language authority table.
LANGUAGES = {
    "bg": "BUL", "cs": "CES", "da": "DAN", "de": "DEU", "el": "ELL", "en": "ENG", "es": "SPA", "et": "EST",
    "fi": "FIN", "fr": "FRA", "ga": "GLE", "hr": "HRV", "hu": "HUN", "it": "ITA", "lt": "LIT", "lv": "LAV",
    "mt": "MLT", "nl": "NLD", "pl": "POL", "pt": "POR", "ro": "RON", "sk": "SLK", "sl": "SLV", "sv": "SWE",
}  # fmt: skip


@dataclass(frozen=True)
class Specification:
    """One accredited micro-credential with the EU standard's elements."""

    uri: str
    title: str
    languages: tuple[str, ...]  # ISO 639-1
    learning_outcomes: tuple[str, ...]
    awarding_bodies: tuple[str, ...] = ()
    issuer_countries: tuple[str, ...] = ()  # ISO 3166 alpha-2, the first issuer's first
    # Texts in other languages than the original (the first of `languages`): (language, title, outcomes, further
    # information); outcomes are one per original outcome, in its order, or none.
    translations: tuple[tuple[str, str, tuple[str, ...], str], ...] = ()
    further_information: str = ""
    ects: Decimal | None = None
    workload_hours: int | None = None
    eqf_level: int | None = None
    nqf_level_uri: str = ""
    nqf_level_label: str = ""
    field_code: str = ""
    mode: str = ""
    assessment: str = ""
    entry_requirements: str = ""
    supervision: str = ""
    grading: str = ""
    stackability: str = ""
    quality_assurance: str = ""
    accreditation_uri: str = ""


def _text(value: str) -> str:
    return clean_text(value)


def concept(uri: str, scheme: str, label: str = "", notation: str = "") -> dict:
    node = {"@id": uri, "@type": "Concept", "inScheme": {"@id": SCHEMES.get(scheme, scheme), "@type": "ConceptScheme"}}
    if label:
        node["prefLabel"] = {"en": _text(label)}
    if notation:
        node["notation"] = notation
    return node


def _datetime(value: str) -> dict:
    return {"@value": value, "@type": "xsd:dateTime"}


def _note(text: str, language: str = "en") -> dict:
    return {"@type": "Note", "noteLiteral": {language: _text(text)}}


def _web(url: str, title: str = "") -> dict:
    node = {"@type": "WebResource", "contentURL": url}
    if title:
        node["title"] = {"en": title}
    return node


def country(code: str) -> dict:
    return concept(f"{COUNTRY}{ALPHA3.get(code, 'ZZZ')}", "country", notation=ALPHA3.get(code, "ZZZ"))


def organisation(org: Organisation) -> dict:
    node = {
        "@id": org.uri,
        "@type": "Organisation",
        "legalName": {"en": _text(org.name)},
        "location": [
            {
                "@id": f"{org.uri}#location",
                "@type": "Location",
                "address": [{"@id": f"{org.uri}#address", "@type": "Address", "countryCode": country(org.country)}],
            }
        ],
    }
    if org.identifiers:
        node["identifier"] = [
            {"@type": "Identifier", "notation": _text(value), "schemeName": scheme} for scheme, value in org.identifiers
        ]
    if org.homepage:
        node["homepage"] = [_web(org.homepage)]
    return node


def accreditation(item: Accreditation) -> dict:
    node = {
        "@id": item.uri,
        "@type": "Accreditation",
        "identifier": [
            {"@type": "Identifier", "notation": item.certificate_id, "schemeName": "Register certificate id"}
        ],
        "dcType": concept(
            TYPE_INSTITUTIONAL if item.institutional else "http://data.europa.eu/snb/accreditation/820101cba6",
            "accreditation",
            "Institutional quality assurance" if item.institutional else "Programme quality assurance",
        ),
        "title": {"en": _text(item.title)},
        "decision": concept(
            item.decision_uri,
            f"{item.uri}#decision-outcomes",
            DECISION_LABELS.get(item.outcome, item.outcome),
            item.outcome,
        ),
        "organisation": [organisation(item.provider)],
        "accreditingAgent": organisation(item.agency),
        "publisher": organisation(item.authority),
        "dateIssued": item.issued,
        "valid": f"{item.valid_from}T00:00:00Z",
        "expiryDate": f"{item.ends_on}T23:59:59Z",
        "status": item.status,
        "dc:modified": _datetime(item.modified),
        "landingPage": [_web(item.landing_page)],
    }
    if item.scope_titles:
        node["description"] = {language: _text(text) for language, text in scope_descriptions(item).items()}
    if item.report_url:
        node["report"] = {
            "@type": "WebResource",
            "title": {"en": "Review report"},
            "language": concept(f"{LANGUAGE}ENG", "language", "English", "ENG"),
            "contentURL": item.report_url,
        }
    if item.fields:
        node["limitField"] = [concept(f"{SNB}isced-f/{code}", "isced-f", notation=code) for code in item.fields]
    if item.eqf_levels:
        node["limitEQFLevel"] = [concept(f"{SNB}eqf/{n}", "eqf", f"EQF level {n}", str(n)) for n in item.eqf_levels]
    alpha3 = ALPHA3.get(item.jurisdiction)
    if alpha3 and alpha3 not in OUTSIDE_ATU:
        node["limitJurisdiction"] = [concept(f"{ATU}{alpha3}", "atu", notation=alpha3)]
    if item.notes:
        node["additionalNote"] = [_note(note) for note in item.notes]
    return node


def _bodies_with_countries(spec: Specification) -> list[tuple[str, str]]:
    """Each awarding body with its country, where the two lists say it: as many countries as bodies (the i-th
    body in the i-th country), or one country for every body. Otherwise the pairing is unknown: none is given
    (the notes still name every body and every country)."""
    bodies, countries = spec.awarding_bodies, spec.issuer_countries
    if not bodies or not countries:
        return []
    if len(countries) == len(bodies):
        return list(zip(bodies, countries, strict=True))
    if len(countries) == 1:
        return [(body, countries[0]) for body in bodies]
    return []


def awarding_opportunity(spec: Specification, language: str) -> dict | None:
    """The awarding bodies as ELM organisations (named, located in their country) of one awarding opportunity."""
    pairs = _bodies_with_countries(spec)
    if not pairs:
        return None
    bodies = []
    for number, (name, code) in enumerate(pairs, 1):
        uri = f"{spec.uri}#awarding-body-{number}"
        bodies.append(
            {
                "@id": uri,
                "@type": "Organisation",
                "legalName": {language: _text(name)},
                "location": [
                    {
                        "@id": f"{uri}-location",
                        "@type": "Location",
                        "address": [{"@id": f"{uri}-address", "@type": "Address", "countryCode": country(code)}],
                    }
                ],
            }
        )
    return {"@id": f"{spec.uri}#awarding", "@type": "AwardingOpportunity", "awardingBody": bodies}


def qualification(spec: Specification) -> dict:
    """An accredited micro-credential as an ELM qualification (a partial one: it is not a full degree)."""
    language = spec.languages[0] if spec.languages else "en"
    # Every text in every language it has, as language-tagged literals (the context's `@container: @language`).
    titles = {language: _text(spec.title)} | {code: _text(title) for code, title, _o, _f in spec.translations}
    outcomes = [{language: _text(text)} for text in spec.learning_outcomes]
    for code, _title, translated, _further in spec.translations:
        if len(translated) == len(outcomes):
            for texts, text in zip(outcomes, translated, strict=True):
                texts[code] = _text(text)
    node = {
        "@id": spec.uri,
        "@type": "Qualification",
        "title": titles,
        "isPartialQualification": True,
        "language": [
            concept(f"{LANGUAGE}{LANGUAGES[code]}", "language", notation=LANGUAGES[code])
            for code in spec.languages
            if code in LANGUAGES
        ],
        "learningOutcome": [
            {"@id": f"{spec.uri}#outcome-{number}", "@type": "LearningOutcome", "title": texts}
            for number, texts in enumerate(outcomes, 1)
        ],
    }
    descriptions = {language: _text(spec.further_information)} if spec.further_information.strip() else {}
    descriptions |= {code: _text(further) for code, _t, _o, further in spec.translations if further.strip()}
    if descriptions:
        node["description"] = descriptions
    if spec.ects is not None:
        framework = concept(ECTS, "education-credit", "European Credit Transfer System")
        node["creditPoint"] = [{"@type": "CreditPoint", "framework": framework, "point": str(spec.ects)}]
    if spec.workload_hours:
        node["volumeOfLearning"] = f"PT{spec.workload_hours}H"
    if spec.eqf_level:
        node["eqfLevel"] = concept(f"{SNB}eqf/{spec.eqf_level}", "eqf", f"EQF level {spec.eqf_level}")
    if spec.nqf_level_uri:
        scheme = spec.nqf_level_uri.rsplit("/", 1)[0]
        node["nqfLevel"] = [concept(spec.nqf_level_uri, scheme, spec.nqf_level_label)]
    if spec.field_code:
        node["thematicArea"] = [concept(f"{SNB}isced-f/{spec.field_code}", "isced-f", notation=spec.field_code)]
    if spec.mode in MODES:
        uri, label = MODES[spec.mode]
        node["mode"] = [concept(uri, "learning-assessment", label)]
    awarding = awarding_opportunity(spec, language)
    if awarding:
        node["awardingOpportunity"] = [awarding]
    if spec.entry_requirements.strip():
        node["entryRequirement"] = _note(spec.entry_requirements, language)
    notes = [
        (label, value)
        for label, value in (
            ("Awarding bodies", "; ".join(spec.awarding_bodies)),
            ("Issuer countries", ", ".join(spec.issuer_countries)),
            ("Form of participation", "Volunteering" if spec.mode == VOLUNTEERING else ""),
            ("Type of assessment", spec.assessment),
            ("Supervision and identity verification", spec.supervision),
            ("Grading", spec.grading),
            ("Integration and stackability", spec.stackability),
            ("Type of quality assurance", spec.quality_assurance),
        )
        if value
    ]
    if notes:
        node["additionalNote"] = [_note(f"{label}: {value}") for label, value in notes]
    if spec.accreditation_uri:
        node["accreditation"] = [spec.accreditation_uri]
    return node


def jsonld_chunks(items: Iterable[tuple[Accreditation, Iterable[Specification]]]) -> Iterator[str]:
    """{"@context": ..., "@graph": [...]}, written node by node."""
    yield '{"@context": ' + json.dumps(CONTEXT) + ', "@graph": ['
    first = True
    for item, specifications in items:
        for node in (accreditation(item), *(qualification(spec) for spec in specifications)):
            yield ("" if first else ",") + "\n" + json.dumps(node, ensure_ascii=False)
            first = False
    yield "\n]}\n"
