"""Reading a learner's credential that a verifier pasted or uploaded: a European Digital Credential (ELM 3
JSON-LD), an Open Badges 3.0 credential, or a VC as JWT. Hostile input is refused with a message: too large, too
deep, not JSON, wrong types. JSON-LD is never expanded and no context is ever fetched: the fields are read by their
names in the contexts known here, and any other context is reported as not used."""

import base64
import binascii
import dataclasses
import datetime
import json
import re

from django.utils.translation import gettext as _

MAX_BYTES = 512 * 1024
MAX_DEPTH = 40
MAX_NODES = 50_000
JWT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")

VC_CONTEXTS = {"https://www.w3.org/ns/credentials/v2", "https://www.w3.org/2018/credentials/v1"}
ELM_CONTEXT_PREFIX = "http://data.europa.eu/snb/model/context/"
OB3_CONTEXT_PREFIX = "https://purl.imsglobal.org/spec/ob/v3p0/context"


class Unreadable(ValueError):
    """The input is not a credential this check can read; the message says why."""


@dataclasses.dataclass
class Claimed:
    """What a credential says of its issuer, its micro-credential and its date (nothing of it verified)."""

    format: str
    issuer_ids: list[str] = dataclasses.field(default_factory=list)  # DIDs, URLs, identifiers
    issuer_names: list[str] = dataclasses.field(default_factory=list)
    identifiers: dict[str, str] = dataclasses.field(default_factory=dict)  # erasmus_code, pic, eter_id, ...
    websites: list[str] = dataclasses.field(default_factory=list)
    titles: list[str] = dataclasses.field(default_factory=list)
    eqf_level: int | None = None
    ects: float | None = None
    field: str | None = None  # an ISCED-F code
    issued_on: datetime.date | None = None
    not_checked: list[str] = dataclasses.field(default_factory=list)


def _check_shape(value) -> None:
    """Refuse documents nested deeper than MAX_DEPTH or with more than MAX_NODES values (walked without
    recursion, so the walk itself cannot be exhausted)."""
    stack, nodes = [(value, 1)], 0
    while stack:
        current, depth = stack.pop()
        nodes += 1
        if depth > MAX_DEPTH:
            raise Unreadable(_("The document is nested more than %(depth)s levels deep.") % {"depth": MAX_DEPTH})
        if nodes > MAX_NODES:
            raise Unreadable(_("The document has more than %(nodes)s values.") % {"nodes": MAX_NODES})
        children = current.values() if isinstance(current, dict) else current if isinstance(current, list) else ()
        stack.extend((child, depth + 1) for child in children)


def _json(text: str):
    try:
        value = json.loads(text)
    except RecursionError as error:
        raise Unreadable(_("The document is nested too deeply.")) from error
    except ValueError as error:
        raise Unreadable(_("This is not valid JSON (%(error)s).") % {"error": str(error)[:120]}) from error
    _check_shape(value)
    return value


def _b64_json(part: str):
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        return _json(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, Unreadable) as error:
        raise Unreadable(_("This looks like a JWT, but its parts are not base64url-encoded JSON.")) from error


def parse(raw: bytes) -> tuple[dict, str, list[str]]:
    """(credential, format, notes) of raw input, or Unreadable."""
    if len(raw) > MAX_BYTES:
        raise Unreadable(_("The file is larger than %(size)s KB: no credential is.") % {"size": MAX_BYTES // 1024})
    try:
        text = raw.decode("utf-8-sig").strip()
    except UnicodeDecodeError as error:
        raise Unreadable(_("The file is not text (UTF-8): it is not a credential.")) from error
    if not text:
        raise Unreadable(_("Nothing was given: paste a credential or choose a file."))
    notes = []
    if JWT.match(text):
        header, payload = _b64_json(text.split(".")[0]), _b64_json(text.split(".")[1])
        if not isinstance(header, dict) or not isinstance(payload, dict):
            raise Unreadable(_("This JWT's header or payload is not a JSON object."))
        notes.append(
            _(
                "The JWT's signature was not verified: the issuer's key is not known to the register and keys are "
                "never fetched from elsewhere."
            )
        )
        credential = payload.get("vc") if isinstance(payload.get("vc"), dict) else payload
        if "iss" in payload and isinstance(payload["iss"], str) and "issuer" not in credential:
            credential = {**credential, "issuer": payload["iss"]}
        if "nbf" in payload and isinstance(payload["nbf"], int | float) and "validFrom" not in credential:
            moment = datetime.datetime.fromtimestamp(payload["nbf"], datetime.UTC)
            credential = {**credential, "issuanceDate": moment.isoformat()}
        return credential, "vc+jwt", notes
    if not text.startswith("{"):
        raise Unreadable(_("This is neither a JSON credential nor a JWT."))
    credential = _json(text)
    if not isinstance(credential, dict):
        raise Unreadable(_("The JSON is not an object: it is not a credential."))
    return credential, "json", notes
