"""The register as a Europass accreditation document (ELM, AMS schema 3.3.1), written entry by entry."""

from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

from frameworks.vocabularies import ALPHA3

NAMESPACES = (
    'xmlns="http://data.europa.eu/snb/model/application-profile/ams-constraints/" '
    'xmlns:skos="http://www.w3.org/2004/02/skos/core#" '
    'xmlns:dc="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)
# ELM accreditation types: institutional quality assurance, or programme quality assurance when the scope is a
# list of micro-credentials.
TYPE_INSTITUTIONAL = "http://data.europa.eu/snb/accreditation/bb4618238e"
TYPE_PROGRAMME = "http://data.europa.eu/snb/accreditation/820101cba6"


def _literal(tag: str, text: str, language: str = "en") -> str:
    return f"<{tag} language={quoteattr(language)}>{escape(text)}</{tag}>"


def _organisation(org_id: str, name: str, country: str, homepage: str) -> str:
    country_uri = f"http://publications.europa.eu/resource/authority/country/{ALPHA3.get(country, 'ZZZ')}"
    page = f"<homepage><contentUrl>{escape(homepage)}</contentUrl></homepage>" if homepage else ""
    return (
        f"<organisation id={quoteattr(org_id)}>{_literal('legalName', name)}{page}"
        f'<location idref="{org_id}/location"/></organisation>'
    ), (f'<location id="{org_id}/location"><address><countryCode uri="{country_uri}"/></address></location>')


def _accreditation(entry, site_url: str) -> str:
    provider_id = f"{site_url}/register/providers/{entry.provider_id}/"
    agency_id = f"{site_url}/agencies/{entry.agency_id}/"
    scope = list(entry.scope_items.all())
    title = f"Accreditation of {entry.provider.legal_name} as a trusted provider of micro-credentials"
    parts = [
        f"<accreditation id={quoteattr(f'{site_url}/register/verify/{entry.certificate_id}/')}>",
        f"<identifier><skos:notation>{escape(entry.certificate_id)}</skos:notation></identifier>",
        f'<type uri="{TYPE_INSTITUTIONAL if entry.institutional else TYPE_PROGRAMME}"/>',
        _literal("title", title),
    ]
    if scope:
        parts.append(_literal("description", "Micro-credentials: " + "; ".join(item.title for item in scope)))
    parts.append(f"<organisation idref={quoteattr(provider_id)}/>")
    for code in sorted({item.field.code for item in scope if item.field_id}):
        parts.append(f'<limitField uri="http://data.europa.eu/snb/isced-f/{code}"/>')
    levels = {item.eqf_level for item in scope if item.eqf_level}
    if entry.institutional and entry.scope_eqf_min and entry.scope_eqf_max:
        levels |= set(range(entry.scope_eqf_min, entry.scope_eqf_max + 1))
    for level in sorted(levels):
        parts.append(f'<limitEQFLevel uri="http://data.europa.eu/snb/eqf/{level}"/>')
    parts += [
        f"<accreditingAgent idref={quoteattr(agency_id)}/>",
        f"<issued>{entry.valid_from.isoformat()}T00:00:00Z</issued>",
        f"<expiryDate>{entry.valid_until.isoformat()}T23:59:59</expiryDate>",
        f"<landingPage><contentUrl>{escape(provider_id)}</contentUrl></landingPage>",
        "</accreditation>",
    ]
    return "".join(parts)


def elm_chunks(entries: Iterable, site_url: str) -> Iterator[str]:
    """Accreditations first, then the organisations and locations they refer to (each written once)."""
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<Accreditations {NAMESPACES} xsdVersion="3.3.1">'
    organisations: dict[str, tuple[str, str, str]] = {}
    any_entry = False
    for entry in entries:
        if not any_entry:
            yield "<accreditationReferences>"
            any_entry = True
        organisations[f"{site_url}/register/providers/{entry.provider_id}/"] = (
            entry.provider.legal_name,
            entry.provider.country,
            entry.provider.website,
        )
        organisations[f"{site_url}/agencies/{entry.agency_id}/"] = (
            entry.agency.name,
            entry.agency.country,
            entry.agency.website,
        )
        yield _accreditation(entry, site_url)
    if any_entry:
        yield "</accreditationReferences>"
        written = [_organisation(org_id, *facts) for org_id, facts in organisations.items()]
        yield "<agentReferences>" + "".join(org for org, _location in written) + "</agentReferences>"
        yield "<locationReferences>" + "".join(location for _org, location in written) + "</locationReferences>"
    yield "</Accreditations>\n"
