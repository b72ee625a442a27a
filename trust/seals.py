"""PAdES seals (pyHanko) of the documents the register issues, and their verification.

A document is sealed with the operator's current key and certificate, so that a PDF reader shows "signed by
<operator>, not modified". Verification trusts the certificates of every key the register has used.
"""

import asyncio
import concurrent.futures
import dataclasses
import datetime
import io

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from . import keys

FIELD_NAME = "RegisterSeal"


def _run(make_coroutine):
    """Run one of pyHanko's coroutines to its end from synchronous code. pyHanko's synchronous calls start an event
    loop of their own, which fails in a thread that already runs one (an async server's, a browser driver's): there
    the coroutine runs in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


def seal_pdf(content: bytes, *, reason: str) -> bytes:
    """The PDF with an invisible PAdES baseline-B seal of the operator over the whole file."""
    key = keys.current_key()
    signer = signers.SimpleSigner.load(str(key.private_key_path), str(key.certificate_path))
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason[:200],
        name=settings.SIGNING_OPERATOR_NAME,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    return _run(lambda: signers.async_sign_pdf(writer, metadata, signer=signer)).getvalue()


def trusted_certificates() -> list[asn1_x509.Certificate]:
    return [asn1_x509.Certificate.load(pem.unarmor(key.certificate_path.read_bytes())[2]) for key in keys.all_keys()]


@dataclasses.dataclass(frozen=True)
class SealCheck:
    """What the verification of an uploaded PDF found."""

    sealed: bool  # it carries a signature at all
    by_register: bool = False  # made with one of the register's certificates
    intact: bool = False  # the signed bytes are unchanged
    modified_after: bool = False  # something was added after the seal (an incremental update)
    signer: str = ""
    signed_at: datetime.datetime | None = None
    sealed_revision: bytes = b""  # the bytes the seal covers: the document as issued
    problem: str = ""

    @property
    def valid(self) -> bool:
        return self.sealed and self.by_register and self.intact and not self.modified_after


def check_seal(content: bytes) -> SealCheck:
    """Verify the register's seal of a PDF (never raises on bad input: the problem is reported)."""
    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        signatures = reader.embedded_signatures
    except Exception as error:  # any parse failure of an uploaded file is the file's fault, never a 500
        return SealCheck(sealed=False, problem=f"not a readable PDF ({type(error).__name__})")
    seal = next((s for s in signatures if s.field_name == FIELD_NAME), signatures[0] if signatures else None)
    if seal is None:
        return SealCheck(sealed=False, problem="the PDF carries no seal")
    roots = trusted_certificates()
    try:
        status = _run(lambda: async_validate_pdf_signature(seal, ValidationContext(trust_roots=roots)))
    except Exception as error:  # a malformed signature is reported, it must not crash the page
        return SealCheck(sealed=True, problem=f"the seal could not be read ({type(error).__name__})")
    byte_range = list(seal.byte_range)
    covered_end = byte_range[2] + byte_range[3]
    return SealCheck(
        sealed=True,
        # Judged on the certificate itself: a broken digest leaves pyHanko's trust verdict unset.
        by_register=status.signing_cert is not None and status.signing_cert.sha256 in {root.sha256 for root in roots},
        intact=bool(status.intact and status.valid),
        modified_after=status.coverage != SignatureCoverageLevel.ENTIRE_FILE,
        signer=status.signing_cert.subject.native.get("common_name", "") if status.signing_cert else "",
        signed_at=status.signer_reported_dt,
        sealed_revision=content[:covered_end],
    )
