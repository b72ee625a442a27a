"""Every download can be fetched with a detached JWS over its digest that the offline script verifies."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import make_register_entry

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DOWNLOADS = ["export.csv", "export.xlsx", "export.json", "export/elm.xml", "export/elm.jsonld", "export/deqar.json"]


@pytest.fixture
def register(db):
    return [make_register_entry(), make_register_entry(credentials=1)]


def _save(tmp_path, name, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _offline(*arguments) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "trust" / "verify_offline.py"), *map(str, arguments)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("name", DOWNLOADS)
def test_each_download_and_its_signature_verify_offline_and_a_changed_byte_does_not(client, register, tmp_path, name):
    download = client.get(f"/register/signed/{name}", {"country": register[0].provider.country})
    assert download.status_code == 200
    assert download["Link"].startswith(f"</register/signed/{name}.jws?country=")
    signature = client.get(f"/register/signed/{name}.jws", {"country": register[0].provider.country})
    assert signature.status_code == 200 and signature["Content-Type"] == "application/jose"

    keys = _save(tmp_path, "jwks.json", client.get("/.well-known/jwks.json").content)
    copy = _save(tmp_path, "download", download.content)
    jws_file = _save(tmp_path, "download.jws", signature.content)
    result = _offline("--jwks", keys, copy, jws_file)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("VALID")

    tampered = bytearray(download.content)
    tampered[len(tampered) // 2] ^= 0x01
    result = _offline("--jwks", keys, _save(tmp_path, "tampered", bytes(tampered)), jws_file)
    assert result.returncode == 1 and "SHA-256 differs" in result.stdout


def test_the_signed_copy_is_the_download_the_register_serves(client, register):
    plain = b"".join(client.get("/register/export.csv").streaming_content)  # read before the next request
    signed = client.get("/register/signed/export.csv")
    assert plain == signed.content
    assert signed["Content-Type"].startswith("text/csv")


def test_a_signature_of_another_key_does_not_verify(client, register, tmp_path, settings):
    signature = client.get("/register/signed/export.json.jws").content
    copy = client.get("/register/signed/export.json").content
    settings.SIGNING_KEY_DIR = tmp_path / "other-keys"  # a stranger's key set
    keys = _save(tmp_path, "jwks.json", client.get("/.well-known/jwks.json").content)
    result = _offline("--jwks", keys, _save(tmp_path, "copy", copy), _save(tmp_path, "copy.jws", signature))
    assert result.returncode == 1 and "does not verify" in result.stdout


def test_signed_downloads_keep_the_filters_400_and_unknown_names_404(client, register):
    assert client.get("/register/signed/export.csv", {"eqf_level": "banana"}).status_code == 400
    assert client.get("/register/signed/export.csv.jws", {"eqf_level": "banana"}).status_code == 400
    assert client.get("/register/signed/secrets.txt").status_code == 404
    assert client.get("/register/signed/secrets.txt.jws").status_code == 404


def test_the_signature_states_digest_size_type_and_source(client, register):
    from joserfc import jws
    from joserfc.jwk import KeySet

    content = client.get("/register/signed/export.json").content
    token = client.get("/register/signed/export.json.jws").content.decode()
    key_set = KeySet.import_key_set(client.get("/.well-known/jwks.json").json())
    claims = json.loads(jws.deserialize_compact(token, key_set).payload)
    assert claims["size"] == len(content)
    assert claims["media_type"] == "application/json"
    assert claims["source"] == "https://register.example.eu/register/signed/export.json"
    assert claims["digest"]["alg"] == "sha-256"


def test_a_large_xlsx_built_in_the_background_has_its_signature_too(client, register, tmp_path, settings):
    """Above REGISTER_EXPORT_INLINE_MAX the XLSX is a background job; its stored file is signed at <file URL>.jws."""
    from django.core.files.base import ContentFile

    from jobs.models import Job

    job = Job.objects.create(kind=Job.Kind.REGISTER_EXPORT, status=Job.Status.DONE)
    job.output.save("register.xlsx", ContentFile(b"PK\x03\x04 a workbook"), save=True)
    file_url = f"/register/exports/{job.token}/register.xlsx"
    content = b"".join(client.get(file_url).streaming_content)
    signature = client.get(file_url + ".jws")
    assert signature.status_code == 200
    keys = _save(tmp_path, "jwks.json", client.get("/.well-known/jwks.json").content)
    result = _offline(
        "--jwks", keys, _save(tmp_path, "big.xlsx", content), _save(tmp_path, "big.jws", signature.content)
    )
    assert result.returncode == 0, result.stdout
    unfinished = Job.objects.create(kind=Job.Kind.REGISTER_EXPORT, status=Job.Status.RUNNING)
    assert client.get(f"/register/exports/{unfinished.token}/register.xlsx.jws").status_code == 404
