"""Issued documents carry the register's PAdES seal, which pyHanko's validator accepts and the verification page
checks on upload: sealed, modified, foreign, unsealed, not a PDF; with the entry's status today and then."""

import io

import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.core.files.uploadedfile import SimpleUploadedFile
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from accreditation.models import IssuedDocument, Membership, RegisterEvent, Role
from accreditation.services.documents import issue_document
from accreditation.services.register import change_entry_status
from tests.factories import UserFactory, make_register_entry
from trust import keys, seals

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(client):
    """An accreditation certificate as the public downloads it."""
    entry = make_register_entry(certificate_id="MC-SEAL-0001")
    document = issue_document(
        application=entry.application, kind=IssuedDocument.Kind.CERTIFICATE, decision=entry.decision
    )
    return entry, document, document.file.open("rb").read()


def _operator_certificate():
    return asn1_x509.Certificate.load(pem.unarmor(keys.current_key().certificate_path.read_bytes())[2])


def _upload(client, content: bytes, name="certificate.pdf"):
    return client.post("/register/verify/document/", {"document": SimpleUploadedFile(name, content, "application/pdf")})


def test_an_issued_certificate_validates_with_pyhankos_validator(certificate):
    _entry, _document, content = certificate
    (signature,) = PdfFileReader(io.BytesIO(content)).embedded_signatures
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[_operator_certificate()]))
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    assert "Trusted-provider register" in status.signing_cert.subject.human_friendly
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES


def test_the_stored_hash_is_the_hash_of_the_sealed_file(certificate):
    import hashlib

    _entry, document, content = certificate
    assert document.sha256 == hashlib.sha256(content).hexdigest()


def test_the_page_confirms_a_genuine_document_with_the_status_today_and_then(client, certificate):
    entry, _document, content = certificate
    officer = UserFactory()
    Membership.objects.create(user=officer, authority=entry.authority, role=Role.OFFICER)
    change_entry_status(entry=entry, change=RegisterEvent.Kind.SUSPENDED, reason="Complaint", by=officer)
    response = _upload(client, content)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sealed by the register and not modified since." in page
    assert "MC-SEAL-0001" in page
    assert response.context["status_today"] == "Suspended"
    assert response.context["status_then"] in {"Active", "Suspended"}  # issued today, suspended today


def test_a_changed_byte_is_reported_as_modified(client, certificate):
    _entry, _document, content = certificate
    tampered = bytearray(content)
    index = content.find(b"/Producer")
    index = index if index > 0 else 200
    tampered[index + 2] ^= 0x01
    response = _upload(client, bytes(tampered))
    assert response.status_code == 200
    assert "Modified: the document was changed after the register sealed it." in response.content.decode()
    assert response.context["entry"] is None


def test_a_seal_of_another_certificate_is_not_the_registers(client, settings, tmp_path):
    register_keys = settings.SIGNING_KEY_DIR
    keys.current_key()
    settings.SIGNING_KEY_DIR = tmp_path / "stranger"
    forged = seals.seal_pdf(_plain_pdf(), reason="forged")  # a look-alike sealed with someone else's certificate
    settings.SIGNING_KEY_DIR = register_keys
    response = _upload(client, forged)
    assert "Not sealed by this register" in response.content.decode()
    assert response.context["entry"] is None


def _plain_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer)
    drawing.drawString(100, 750, "A look-alike certificate")
    drawing.save()
    return buffer.getvalue()


def test_an_unsealed_pdf_and_a_non_pdf_are_told_apart_without_a_500(client):
    response = _upload(client, _plain_pdf())
    assert response.status_code == 200 and "Not sealed" in response.content.decode()

    response = _upload(client, b"MZ\x90\x00 not a pdf", name="virus.pdf")
    assert response.status_code == 400 and "This file is not a PDF." in response.content.decode()

    response = _upload(client, b"%PDF-1.7\n garbage that is not a PDF at all")
    assert response.status_code == 200 and "not a readable PDF" in response.content.decode()

    assert client.get("/register/verify/document/").status_code == 200


def test_sealing_and_checking_work_where_an_event_loop_already_runs():
    """pyHanko's own loop cannot start in a thread that runs one (an async server's, the browser tests'), which made
    issuing documents fail there; the seal now runs beside it."""
    import asyncio

    async def in_a_running_loop():
        sealed = seals.seal_pdf(_plain_pdf(), reason="Accreditation certificate")
        return seals.check_seal(sealed)

    found = asyncio.run(in_a_running_loop())
    assert found.sealed and found.by_register and found.intact and not found.modified_after
