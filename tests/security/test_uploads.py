"""Hostile evidence files: PDFs that run script or launch programs (also hidden in compressed object streams or
behind #xx escapes), documents that unpack far past their size, and uploads refused by declared size alone."""

import io
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accreditation.uploads import check_evidence_file

PLAIN_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _pdf(body: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("report.pdf", b"%PDF-1.7\n" + body + b"\n%%EOF\n")


def _compressed_object(dictionary: bytes) -> bytes:
    data = zlib.compress(dictionary)
    return b"5 0 obj<</Type/ObjStm/Filter/FlateDecode/Length %d>>stream\n" % len(data) + data + b"\nendstream endobj"


@pytest.mark.parametrize(
    ("body", "named"),
    [
        (b"1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj", "JavaScript"),
        (b"1 0 obj<</OpenAction<</S/Launch/F(cmd.exe)>>>>endobj", "Launch"),
        (b"1 0 obj<</OpenAction<</S/J#61vaScript/JS(x)>>>>endobj", "JavaScript"),
        (_compressed_object(b"<</AA<</O<</S/JavaScript/JS(this.exportDataObject())>>>>>>"), "JavaScript"),
        (b"1 0 obj<</Names<</EmbeddedFiles 2 0 R>>>>endobj", "EmbeddedFile"),
    ],
)
def test_active_pdfs_are_refused(body, named):
    with pytest.raises(ValidationError, match=f"scripts, launch actions.*{named}"):
        check_evidence_file(_pdf(body))


def test_a_plain_pdf_passes():
    assert check_evidence_file(SimpleUploadedFile("report.pdf", PLAIN_PDF)) == "pdf"


def test_a_pdf_stream_that_unpacks_past_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr("accreditation.uploads.MAX_UNPACKED_BYTES", 1024 * 1024)
    bomb = zlib.compress(b"\x00" * (2 * 1024 * 1024))
    body = b"4 0 obj<</Filter/FlateDecode>>stream\n" + bomb + b"\nendstream endobj"
    with pytest.raises(ValidationError, match="unpacks to far more"):
        check_evidence_file(_pdf(body))


def _docx(extra: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
        for name, content in extra.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_a_document_that_unpacks_to_far_more_than_it_weighs_is_refused():
    bomb = _docx({"word/media/zeros.bin": b"\x00" * (20 * 1024 * 1024)})
    assert len(bomb) < 100 * 1024
    with pytest.raises(ValidationError, match=r"unpacks to 20\.0"):
        check_evidence_file(SimpleUploadedFile("report.docx", bomb))


def test_an_ordinary_document_passes():
    assert check_evidence_file(SimpleUploadedFile("report.docx", _docx({"word/styles.xml": b"<styles/>"}))) == "docx"


def test_an_upload_is_refused_by_its_declared_size_before_the_body_is_read(client, provider_staff, settings):
    settings.ACCREDITATION = {**settings.ACCREDITATION, "EVIDENCE_MAX_BYTES": 1024}
    client.force_login(provider_staff)

    class Unreadable(io.RawIOBase):
        def read(self, *args):
            raise AssertionError("the body was read")

    response = client.generic(
        "POST",
        "/provider/applications/1/evidence/",
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert "The upload is 50.0" in response.content.decode()
