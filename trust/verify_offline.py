#!/usr/bin/env python3
"""Check, offline, what the register signed, with its published keys and a standard JOSE library (joserfc).

    python trust/verify_offline.py --jwks jwks.json register.csv register.csv.jws   # a download and its signature
    python trust/verify_offline.py --jwks jwks.json credential.jwt                  # a signed entry or trust list

Exit status 0 when the signature verifies (and, for a download, the file's SHA-256 is the signed one), 1 otherwise.
Needs only Python and `pip install joserfc`; no Django, no network.
"""

import argparse
import base64
import datetime
import hashlib
import json
import sys
from pathlib import Path

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import KeySet


def _check_period(jwk: dict, issued_at: int | None) -> str | None:
    """A retired key's signature must date from the period the key signed for."""
    if issued_at is None or "signed_from" not in jwk:
        return None
    moment = datetime.datetime.fromtimestamp(issued_at, datetime.UTC)
    if moment < datetime.datetime.fromisoformat(jwk["signed_from"]) - datetime.timedelta(minutes=5):
        return "signed before its key was in use"
    if jwk.get("signed_until") and moment > datetime.datetime.fromisoformat(jwk["signed_until"]):
        return "signed after its key was retired"
    return None


def verify(jwks: dict, token: str, content: bytes | None = None) -> tuple[bool, str]:
    key_set = KeySet.import_key_set(jwks)
    try:
        signature = jws.deserialize_compact(token.strip(), key_set, algorithms=["ES256", "EdDSA"])
    except (JoseError, ValueError) as error:
        return False, f"signature does not verify: {error}"
    header, claims = signature.protected, json.loads(signature.payload)
    jwk = next((key for key in jwks["keys"] if key.get("kid") == header.get("kid")), {})
    issued = claims.get("iat")
    if issued is None and "LoTE" in claims:
        stamp = claims["LoTE"]["ListAndSchemeInformation"]["ListIssueDateTime"].replace("Z", "+00:00")
        issued = int(datetime.datetime.fromisoformat(stamp).timestamp())
    problem = _check_period(jwk, issued)
    if problem:
        return False, problem
    if content is not None:
        digest = base64.b64encode(hashlib.sha256(content).digest()).decode()
        if claims.get("digest", {}).get("value") != digest or claims.get("size") != len(content):
            return False, "the file is not the one that was signed (its SHA-256 differs)"
        return True, f"file signed by key {header['kid']} of {claims['iss']}, from {claims['source']}"
    if "LoTE" in claims:
        information = claims["LoTE"]["ListAndSchemeInformation"]
        entities = len(claims["LoTE"]["TrustedEntitiesList"])
        return True, f"trust list of {entities} entities as of {information['AsOf']}, signed by key {header['kid']}"
    return True, f"{header.get('typ')} signed by key {header['kid']} of {claims.get('iss')}: {claims.get('id', '')}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jwks", required=True, type=Path, help="the register's /.well-known/jwks.json, saved")
    parser.add_argument("file", type=Path, help="a download, or a signed token (.jwt)")
    parser.add_argument("signature", nargs="?", type=Path, help="the download's .jws")
    arguments = parser.parse_args(argv)
    jwks = json.loads(arguments.jwks.read_text())
    if arguments.signature:
        ok, message = verify(jwks, arguments.signature.read_text(), arguments.file.read_bytes())
    else:
        ok, message = verify(jwks, arguments.file.read_text())
    print(("VALID: " if ok else "NOT VALID: ") + message)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
