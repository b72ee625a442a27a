"""JOSE signatures with the operator's current key, and the published keys (JWKS and did:web document)."""

import base64
import datetime
import hashlib
import json
from urllib.parse import quote, urlsplit

from joserfc import jws, jwt

from . import keys
from .addresses import site_url

DIGEST_TYPE = "digest+jws"  # typ of a signature over a download's digest


def operator_did() -> str:
    """did:web of the site address (host and port; a path in SITE_URL is not part of it)."""
    return "did:web:" + quote(urlsplit(site_url()).netloc, safe="")


def sign_jwt(claims: dict, *, typ: str, cty: str | None = None) -> str:
    """A compact JWS (JWT) of the claims, signed by the current key."""
    key = keys.current_key()
    header = {"alg": keys.ALGORITHM, "typ": typ, "kid": key.kid}
    if cty:
        header["cty"] = cty
    return jwt.encode(header, claims, key.signing_jwk())


def digest_claims(content: bytes, *, media_type: str, source: str) -> dict:
    """What a download's signature states: the SHA-256 of its exact bytes, their size, type and origin."""
    return {
        "iss": operator_did(),
        "iat": int(datetime.datetime.now(datetime.UTC).timestamp()),
        "source": source,
        "media_type": media_type,
        "size": len(content),
        "digest": {"alg": "sha-256", "value": base64.b64encode(hashlib.sha256(content).digest()).decode()},
    }


def sign_digest(content: bytes, *, media_type: str, source: str) -> str:
    """A compact JWS over the digest of these bytes, so that a copy can be checked offline against the keys."""
    key = keys.current_key()
    payload = json.dumps(digest_claims(content, media_type=media_type, source=source), sort_keys=True)
    header = {"alg": keys.ALGORITHM, "typ": DIGEST_TYPE, "kid": key.kid, "cty": "json"}
    return jws.serialize_compact(header, payload.encode(), key.signing_jwk())


def jwks() -> dict:
    """Every key that ever signed (current and retired), with the period each signed for."""
    keys.current_key()  # makes the first key when autocreation is on, so the set is never empty then
    return {"keys": [key.public_jwk() for key in keys.all_keys()]}


def did_document() -> dict:
    did = operator_did()
    methods = []
    for jwk in jwks()["keys"]:
        public = {name: jwk[name] for name in ("kty", "crv", "x", "y", "kid", "alg")}
        methods.append({"id": f"{did}#{jwk['kid']}", "type": "JsonWebKey", "controller": did, "publicKeyJwk": public})
    references = [method["id"] for method in methods]
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": references,
        "authentication": references,
    }
