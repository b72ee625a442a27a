"""What a parsed credential claims: issuer, micro-credential and issue date, read by field name from the shapes of
ELM 3 (European Digital Credentials), Open Badges 3.0 and plain W3C credentials."""

import contextlib
import re

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from .credential_input import ELM_CONTEXT_PREFIX, OB3_CONTEXT_PREFIX, VC_CONTEXTS, Claimed, Unreadable

EQF_URI = re.compile(r"data\.europa\.eu/snb/eqf/([1-8])\b")
ISCED_URI = re.compile(r"isced-f/(\d{2,4})\b")
IDENTIFIER_SCHEMES = {"erasmus": "erasmus_code", "pic": "pic", "eter": "eter_id", "deqar": "deqar_id"}


def _list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def texts(value) -> list[str]:
    """Strings of a value that may be a string, a language map, {"@value": ...} or a list of those."""
    found = []
    for item in _list(value)[:20]:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            if isinstance(item.get("@value"), str):
                found.append(item["@value"])
            else:
                found.extend(text for text in item.values() if isinstance(text, str))
    return [" ".join(text.split())[:300] for text in found if text.strip()]


def _walk(value):
    """Every (key, value) pair under a value, without recursion (the input's size is already bounded)."""
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            for key, child in current.items():
                yield key, child
                stack.append(child)
        elif isinstance(current, list):
            for child in current:
                yield None, child  # list members are values too (ELM's hasClaim is a list of claims)
                stack.append(child)


def _format(credential: dict, contexts: list[str], types: list[str], transport: str) -> str:
    if any(context.startswith(ELM_CONTEXT_PREFIX) for context in contexts) or "EuropeanDigitalCredential" in types:
        return "elm"
    if any(context.startswith(OB3_CONTEXT_PREFIX) for context in contexts) or {
        "OpenBadgeCredential",
        "AchievementCredential",
    } & set(types):
        return "ob3"
    return "vc+jwt" if transport == "vc+jwt" else "vc"


def _issuer(claimed: Claimed, issuer) -> None:
    if isinstance(issuer, str):
        claimed.issuer_ids.append(issuer[:300])
        return
    if not isinstance(issuer, dict):
        return
    if isinstance(issuer.get("id"), str):
        claimed.issuer_ids.append(issuer["id"][:300])
    for key in ("legalName", "name", "altLabel", "prefLabel"):
        claimed.issuer_names.extend(texts(issuer.get(key)))
    for key in ("homepage", "url"):
        for page in _list(issuer.get(key)):
            url = page.get("contentURL") or page.get("id") if isinstance(page, dict) else page
            if isinstance(url, str):
                claimed.websites.append(url[:300])
    for key in ("registration", "identifier", "otherIdentifier", "eidasLegalIdentifier", "vatIdentifier"):
        for identifier in _list(issuer.get(key)):
            if not isinstance(identifier, dict):
                continue
            value = identifier.get("notation") or identifier.get("identifier")
            if not isinstance(value, str):
                continue
            scheme = " ".join(
                texts(identifier.get("schemeName"))
                + texts(identifier.get("identifierType"))
                + [str(identifier.get("schemeId", ""))]
            ).lower()
            name = next((field for word, field in IDENTIFIER_SCHEMES.items() if word in scheme), "national_id")
            claimed.identifiers.setdefault(name, value.strip()[:100])


def _titles(subject) -> list[str]:
    """Titles of the achievements: ELM claims and their specifications, Open Badges achievements."""
    found = []
    for node in [subject, *(value for _key, value in _walk(subject))]:
        if not isinstance(node, dict):
            continue
        for inner in _list(node.get("specifiedBy")) + _list(node.get("achievement")):
            if isinstance(inner, dict):
                found += texts(inner.get("title")) + texts(inner.get("name"))
        found += texts(node.get("title"))
    return list(dict.fromkeys(found))[:10]


def _eqf_alignment(value) -> int | None:
    for alignment in _list(value):
        if not isinstance(alignment, dict):
            continue
        framework = " ".join(texts(alignment.get("targetFramework")) + texts(alignment.get("targetName"))).lower()
        code = str(alignment.get("targetCode", "")).strip()
        if ("eqf" in framework or "european qualifications framework" in framework) and code in list("12345678"):
            return int(code)
    return None


def _micro_credential(claimed: Claimed, subject) -> None:
    claimed.titles = _titles(subject)
    for key, value in _walk(subject):
        if isinstance(value, str):
            if claimed.eqf_level is None and (match := EQF_URI.search(value)):
                claimed.eqf_level = int(match.group(1))
            if claimed.field is None and (match := ISCED_URI.search(value)):
                claimed.field = match.group(1)
        if key == "eqfLevel" and claimed.eqf_level is None and str(value).strip() in list("12345678"):
            claimed.eqf_level = int(str(value).strip())
        if key == "alignment" and claimed.eqf_level is None:
            claimed.eqf_level = _eqf_alignment(value)
        if key in {"creditsAvailable", "point", "ECTSCreditPoints"} and claimed.ects is None:
            raw = value[0] if isinstance(value, list) and value else value
            with contextlib.suppress(ValueError):
                claimed.ects = float(str(raw))


def _issue_date(claimed: Claimed, credential: dict) -> None:
    for key in ("issued", "validFrom", "issuanceDate", "awardedDate"):
        value = credential.get(key)
        if not isinstance(value, str):
            continue
        moment = parse_datetime(value) if "T" in value else None
        try:
            day = moment.date() if moment else parse_date(value[:10])
        except ValueError:
            day = None
        if day is not None:
            claimed.issued_on = day
            return
        claimed.not_checked.append(_("Its date %(value)s could not be read.") % {"value": value[:40]})


def claims(credential: dict, transport: str, notes: list[str]) -> Claimed:
    contexts = [context for context in _list(credential.get("@context")) if isinstance(context, str)]
    types = [kind for kind in _list(credential.get("type")) if isinstance(kind, str)]
    if "VerifiableCredential" not in types and "credentialSubject" not in credential:
        raise Unreadable(_("This JSON is not a verifiable credential (no credential type, no credential subject)."))
    claimed = Claimed(format=_format(credential, contexts, types, transport), not_checked=list(notes))
    unknown = [
        c for c in contexts if c not in VC_CONTEXTS and not c.startswith((ELM_CONTEXT_PREFIX, OB3_CONTEXT_PREFIX))
    ]
    if unknown:
        claimed.not_checked.append(
            _("Contexts not known here were not fetched and their terms were not used: %(contexts)s.")
            % {"contexts": ", ".join(context[:100] for context in unknown[:5])}
        )
    if "proof" in credential:
        claimed.not_checked.append(_("The credential's embedded proof was not verified."))
    _issuer(claimed, credential.get("issuer"))
    _micro_credential(claimed, credential.get("credentialSubject"))
    _issue_date(claimed, credential)
    claimed.not_checked.append(_("Whether the credential was revoked by its issuer was not checked."))
    return claimed
