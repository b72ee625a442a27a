"""Every trust test gets a key folder of its own (keys made on first use), so rotations never leak."""

import pytest


@pytest.fixture(autouse=True)
def _key_folder(settings, tmp_path):
    settings.SIGNING_KEY_DIR = tmp_path / "keys"
    settings.SIGNING_KEY_AUTOCREATE = True
    settings.SITE_URL = "https://register.example.eu"
    return settings.SIGNING_KEY_DIR


@pytest.fixture
def jwks(client):
    """The published key set, as a verifier would fetch it."""
    from joserfc.jwk import KeySet

    response = client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    return KeySet.import_key_set(response.json())
