"""Published keys: JWKS and did:web, rotation that keeps old keys verifiable, and the demo key command."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from joserfc import jwt
from joserfc.jwk import KeySet

from trust import keys, signing


def test_jwks_publishes_the_current_public_key_with_its_id(client, db):
    response = client.get("/.well-known/jwks.json")
    assert response["Content-Type"] == "application/jwk-set+json"
    (published,) = response.json()["keys"]
    assert published["kid"] == keys.current_key().kid
    assert published["kty"] == "EC" and published["crv"] == "P-256" and published["alg"] == "ES256"
    assert "d" not in published  # never the private part
    assert published["x5c"] and "signed_until" not in published


def test_did_document_names_the_same_keys(client, db):
    document = client.get("/.well-known/did.json").json()
    assert document["id"] == "did:web:register.example.eu"
    (method,) = document["verificationMethod"]
    assert method["id"] == f"did:web:register.example.eu#{keys.current_key().kid}"
    assert method["id"] in document["assertionMethod"]
    assert "d" not in method["publicKeyJwk"]


def test_a_rotated_key_stays_published_and_what_it_signed_still_verifies(client, db):
    old_token = signing.sign_jwt({"hello": "world"}, typ="JWT")
    old_kid = keys.current_key().kid
    call_command("rotate_signing_key", stdout=StringIO())
    assert keys.current_key().kid != old_kid

    published = client.get("/.well-known/jwks.json").json()["keys"]
    by_kid = {key["kid"]: key for key in published}
    assert set(by_kid) == {old_kid, keys.current_key().kid}
    assert by_kid[old_kid]["signed_until"] >= by_kid[old_kid]["signed_from"]
    key_set = KeySet.import_key_set({"keys": published})
    assert jwt.decode(old_token, key_set).claims == {"hello": "world"}
    new_token = signing.sign_jwt({"n": 2}, typ="JWT")
    assert jwt.decode(new_token, key_set).header["kid"] == keys.current_key().kid


def test_ensure_signing_key_makes_a_demo_key_once_and_says_so(settings, db):
    settings.SIGNING_KEY_AUTOCREATE = False
    out = StringIO()
    call_command("ensure_signing_key", stdout=out)
    assert "demo" in out.getvalue().lower()
    kid = keys.current_key().kid
    again = StringIO()
    call_command("ensure_signing_key", stdout=again)
    assert keys.current_key().kid == kid and "demo" not in again.getvalue().lower()
    key_file = settings.SIGNING_KEY_DIR / f"{kid}.key.pem"
    assert key_file.stat().st_mode & 0o077 == 0  # the private key is readable by its owner only
    assert json.loads((settings.SIGNING_KEY_DIR / "keys.json").read_text())["keys"][0]["kid"] == kid


def test_without_a_key_and_without_autocreation_signing_says_what_to_do(settings, client, db):
    settings.SIGNING_KEY_AUTOCREATE = False
    with pytest.raises(keys.NoSigningKey, match="ensure_signing_key"):
        signing.sign_jwt({}, typ="JWT")
    response = client.get("/.well-known/jwks.json")
    assert response.status_code == 503
