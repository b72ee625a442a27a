"""The register as a Europass accreditation document (ELM, AMS schema 3.3.1), written entry by entry.

Each entry comes with its public state (accreditation.models.register.entry_state: status, end date, decision
date, last change) and the URIs of the register, so that the XML says what the register's pages say:
a withdrawn accreditation expires on its withdrawal date and has the status withdrawn; a suspended one has the
status suspended and a note giving the period; an expired one is past its expiryDate. `issued` is the date of the
decision, `valid` the start of validity, `modified` the entry's last change.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from .countries import ALPHA3
from .text import clean_text

NAMESPACES = (
    'xmlns="http://data.europa.eu/snb/model/application-profile/ams-constraints/" '
    'xmlns:skos="http://www.w3.org/2004/02/skos/core#" '
    'xmlns:dc="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)
# ELM accreditation types: institutional quality assurance, or programme quality assurance when the scope is a
# list of micro-credentials. These, and the EQF, ISCED-F, country and language values below, are checked against
# the code lists of the AMS schema (../shared/reference/ams-xsd/cv/) by the XSD validation of every export test.
TYPE_INSTITUTIONAL = "http://data.europa.eu/snb/accreditation/bb4618238e"
TYPE_PROGRAMME = "http://data.europa.eu/snb/accreditation/820101cba6"
COUNTRY = "http://publications.europa.eu/resource/authority/country/"
ATU = "http://publications.europa.eu/resource/authority/atu/"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
# Countries the EU's administrative-territorial-unit table (the AMS jurisdiction vocabulary) does not hold: an
# authority of one of them gets no limitJurisdiction.
OUTSIDE_ATU = {"ISL", "LIE", "NOR", "CHE", "ALB", "BIH", "MNE", "MKD", "SRB", "TUR", "UKR", "MDA", "GEO"}
DECISION_LABELS = {
    "accredit": "Accredited",
    "accredit_with_conditions": "Accredited with conditions",
    "refuse": "Refused",
}


@dataclass(frozen=True)
class Organisation:
    uri: str
    name: str
    country: str
    homepage: str = ""
    identifiers: tuple[tuple[str, str], ...] = ()  # (scheme name, value)


@dataclass(frozen=True)
class Accreditation:
    """One register entry as the ELM export needs it (built by the view from the entry and entry_state())."""

    uri: str
    certificate_id: str
    institutional: bool
    title: str
    provider: Organisation
    agency: Organisation
    authority: Organisation
    status: str
    outcome: str
    issued: str  # ISO date-time of the decision
    valid_from: str  # ISO date
    ends_on: str  # ISO date: the end of validity, or the withdrawal date
    modified: str  # ISO date-time
    landing_page: str
    decision_uri: str
    eqf_levels: tuple[int, ...] = ()
    fields: tuple[str, ...] = ()  # ISCED-F codes
    scope_titles: tuple[str, ...] = ()
    # The scope's titles in each language a translation gives ((language, titles), the original where an item has
    # no translation into it); English included when one of them is translated into English.
    scope_titles_by_language: tuple[tuple[str, tuple[str, ...]], ...] = ()
    notes: tuple[str, ...] = ()
    report_url: str = ""
    jurisdiction: str = ""  # the authority's country (alpha-2)
    extra_identifiers: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def _text(value: str) -> str:
    return escape(clean_text(value))


def _literal(tag: str, text: str, language: str = "en") -> str:
    return f"<{tag} language={quoteattr(language)}>{_text(text)}</{tag}>"


def _identifier(scheme: str, value: str) -> str:
    notation = f"<skos:notation>{_text(value)}</skos:notation>"
    return f"<identifier>{notation}<schemeName>{_text(scheme)}</schemeName></identifier>"


def _note(text: str) -> str:
    return f"<additionalNote>{_literal('noteLiteral', text)}</additionalNote>"


def _organisation(org: Organisation) -> tuple[str, str]:
    location_id = f"{org.uri}#location"
    page = f"<homepage><contentUrl>{_text(org.homepage)}</contentUrl></homepage>" if org.homepage else ""
    identifiers = "".join(_identifier(scheme, value) for scheme, value in org.identifiers)
    country = f"{COUNTRY}{ALPHA3.get(org.country, 'ZZZ')}"
    return (
        f"<organisation id={quoteattr(org.uri)}>{_literal('legalName', org.name)}{identifiers}{page}"
        f"<location idref={quoteattr(location_id)}/></organisation>"
    ), f"<location id={quoteattr(location_id)}><address><countryCode uri={quoteattr(country)}/></address></location>"


def scope_descriptions(item: Accreditation) -> dict[str, str]:
    """The accredited micro-credentials' titles, one description per language (AMS allows one per language)."""
    if not item.scope_titles:
        return {}
    by_language = dict(item.scope_titles_by_language)
    descriptions = {"en": "Micro-credentials: " + "; ".join(by_language.pop("en", item.scope_titles))}
    descriptions |= {language: "; ".join(titles) for language, titles in by_language.items()}
    return descriptions


def _accreditation(item: Accreditation) -> str:
    parts = [
        f"<accreditation id={quoteattr(item.uri)}>",
        _identifier("Register certificate id", item.certificate_id),
        *(_identifier(scheme, value) for scheme, value in item.extra_identifiers),
        f'<type uri="{TYPE_INSTITUTIONAL if item.institutional else TYPE_PROGRAMME}"/>',
        _literal("title", item.title),
    ]
    parts += [_literal("description", text, language) for language, text in scope_descriptions(item).items()]
    parts.append(
        f"<decision uri={quoteattr(item.decision_uri)}>"
        f"{_literal('skos:prefLabel', DECISION_LABELS.get(item.outcome, item.outcome))}"
        f"<skos:notation>{_text(item.outcome)}</skos:notation></decision>"
    )
    if item.report_url:
        parts.append(
            f'<report>{_literal("title", "Review report")}<language uri="{LANGUAGE}ENG"/>'
            f"<contentUrl>{_text(item.report_url)}</contentUrl></report>"
        )
    parts.append(f"<organisation idref={quoteattr(item.provider.uri)}/>")
    parts += [f'<limitField uri="http://data.europa.eu/snb/isced-f/{code}"/>' for code in item.fields]
    parts += [f'<limitEQFLevel uri="http://data.europa.eu/snb/eqf/{level}"/>' for level in item.eqf_levels]
    alpha3 = ALPHA3.get(item.jurisdiction)
    if alpha3 and alpha3 not in OUTSIDE_ATU:
        parts.append(f'<limitJurisdiction uri="{ATU}{alpha3}"/>')
    parts += [
        f"<accreditingAgent idref={quoteattr(item.agency.uri)}/>",
        f"<issued>{item.issued}</issued>",
        f"<expiryDate>{item.ends_on}T23:59:59Z</expiryDate>",
        f"<valid>{item.valid_from}T00:00:00Z</valid>",
        *(_note(note) for note in item.notes),
        f"<landingPage><contentUrl>{_text(item.landing_page)}</contentUrl></landingPage>",
        f"<status>{_text(item.status)}</status>",
        f"<modified>{item.modified}</modified>",
        f"<publisher idref={quoteattr(item.authority.uri)}/>",
        "</accreditation>",
    ]
    return "".join(parts)


def elm_chunks(accreditations: Iterable[Accreditation]) -> Iterator[str]:
    """Accreditations first, then the organisations and locations they refer to (each written once)."""
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<Accreditations {NAMESPACES} xsdVersion="3.3.1">'
    organisations: dict[str, Organisation] = {}
    any_entry = False
    for item in accreditations:
        if not any_entry:
            yield "<accreditationReferences>"
            any_entry = True
        for org in (item.provider, item.agency, item.authority):
            organisations.setdefault(org.uri, org)
        yield _accreditation(item)
    if any_entry:
        yield "</accreditationReferences>"
        written = [_organisation(org) for org in organisations.values()]
        yield "<agentReferences>" + "".join(org for org, _location in written) + "</agentReferences>"
        yield "<locationReferences>" + "".join(location for _org, location in written) + "</locationReferences>"
    yield "</Accreditations>\n"
