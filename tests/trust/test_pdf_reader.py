"""A downloaded certificate verifies in a standard PDF reader's signature check: poppler's `pdfsig`, the library
behind Evince, Okular and most Linux PDF readers, reports the register's seal as valid and names who sealed it;
one changed byte and it no longer does. (The seal's certificate is the demo operator's own, which no reader
trusts until the operator's certificate is installed, so trust in the certificate is not asked of it here.)"""

import shutil
import subprocess

import pytest

from accreditation.models import IssuedDocument
from accreditation.services.documents import issue_document
from tests.factories import make_register_entry

pytestmark = pytest.mark.django_db

PDFSIG = shutil.which("pdfsig")


@pytest.fixture
def downloaded(client, tmp_path):
    if PDFSIG is None:
        pytest.fail("poppler's pdfsig is not installed: run `make browser` (CI does)")
    entry = make_register_entry(certificate_id="MC-READER-01")
    document = issue_document(
        application=entry.application, kind=IssuedDocument.Kind.CERTIFICATE, decision=entry.decision
    )
    path = tmp_path / "certificate.pdf"
    path.write_bytes(b"".join(client.get(f"/register/documents/{document.pk}/").streaming_content))
    return path


def pdfsig(path) -> str:
    return subprocess.run([PDFSIG, "-nocert", str(path)], capture_output=True, text=True, check=False).stdout


def test_the_downloaded_certificate_is_signed_and_unmodified_for_a_pdf_reader(downloaded):
    report = pdfsig(downloaded)
    assert "Signature Validation: Signature is Valid." in report, report
    assert "Trusted-provider register" in report  # the signer's name, as a reader shows it
    assert "Signature Type: ETSI.CAdES.detached" in report


def test_a_changed_byte_is_not_valid_for_a_pdf_reader(downloaded):
    content = bytearray(downloaded.read_bytes())
    position = content.index(b"MC-READER-01") if b"MC-READER-01" in content else len(content) // 3
    content[position] ^= 0x01
    downloaded.write_bytes(bytes(content))
    assert "Signature Validation: Signature is Valid." not in pdfsig(downloaded)
