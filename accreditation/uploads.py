"""Checks of uploaded evidence by content: only PDF, DOCX, ODT and XLSX, identified by their bytes, not only by
their names; PDFs that run script or launch programs, and documents that unpack to far more than they weigh, are
refused."""

import re
import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

EXTENSIONS = {"pdf": "pdf", "docx": "docx", "odt": "odt", "xlsx": "xlsx"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# A document whose parts unpack past this, or a part past MAX_RATIO times its packed size, is refused (a zip bomb).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_RATIO = 200
RATIO_FROM_BYTES = 1024 * 1024
# PDF actions that run code or other programs, open forms that send data, or carry embedded files and media.
ACTIVE_PDF_NAMES = {
    b"JavaScript",
    b"JS",
    b"Launch",
    b"SubmitForm",
    b"ImportData",
    b"RichMedia",
    b"EmbeddedFile",
    b"EmbeddedFiles",
}
PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
PDF_STREAM = re.compile(rb"stream\r?\n")
HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


class RefusedContent(ValueError):
    """The document's content is unsafe; the message says why in plain words."""


def _active_names(chunk: bytes) -> set[bytes]:
    # Names may be written with #xx escapes (/J#61vaScript is /JavaScript).
    names = {HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw) for raw in PDF_NAME.findall(chunk)}
    return names & ACTIVE_PDF_NAMES


def _pdf_streams(data: bytes):
    """The decompressed content of each Flate stream (where object streams hide dictionaries), within the limit."""
    budget, view = MAX_UNPACKED_BYTES, memoryview(data)
    for match in PDF_STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        if end < 0:
            break
        try:
            chunk = zlib.decompressobj().decompress(view[match.end() : end], budget + 1)
        except zlib.error:
            continue  # not Flate-encoded (or damaged): its raw bytes were scanned already
        budget -= len(chunk)
        if budget < 0:
            raise RefusedContent(_("The PDF unpacks to far more than it weighs; it is refused."))
        yield chunk


def check_pdf_content(uploaded) -> None:
    """Refuse PDFs with JavaScript, launch actions, forms that submit, or embedded files, wherever written."""
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    found = _active_names(data)
    for chunk in _pdf_streams(data):
        found |= _active_names(chunk)
    if found:
        raise RefusedContent(
            _("PDFs with scripts, launch actions, submitting forms or embedded files are refused (%(names)s).")
            % {"names": ", ".join(sorted(name.decode("latin-1") for name in found))}
        )


def check_archive_size(uploaded) -> None:
    """Refuse DOCX, ODT and XLSX files whose parts unpack past MAX_UNPACKED_BYTES or far past their packed size."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            members = archive.infolist()
    finally:
        uploaded.seek(0)
    unpacked = sum(member.file_size for member in members)
    bomb = any(
        member.file_size > RATIO_FROM_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if len(members) > MAX_MEMBERS or bomb or unpacked > MAX_UNPACKED_BYTES:
        raise RefusedContent(
            _("The document unpacks to %(size)s, far more than it weighs; it is refused.")
            % {"size": filesizeformat(unpacked)}
        )


def _zip_format(uploaded) -> str | None:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                if any(name.endswith("vbaProject.bin") for name in names):
                    return None  # a macro-enabled workbook in disguise
                return "xlsx"
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        uploaded.seek(0)
    return None


def detect_format(uploaded) -> str | None:
    """The format the file's content shows, or None when it is none of the accepted ones."""
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(uploaded)
    return None


def check_evidence_file(uploaded) -> str:
    """Validate an uploaded evidence file and return its format; raise ValidationError with a plain reason."""
    limit = settings.ACCREDITATION["EVIDENCE_MAX_BYTES"]
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
        )
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."))
    extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    if extension not in EXTENSIONS:
        raise ValidationError(_("Only PDF, DOCX, ODT and XLSX files are accepted."))
    detected = detect_format(uploaded)
    if detected is None:
        raise ValidationError(
            _("The file's content is not a valid PDF, DOCX, ODT or XLSX document (macro-enabled files are refused).")
        )
    if detected != EXTENSIONS[extension]:
        raise ValidationError(
            _("The file is named .%(extension)s but its content is %(format)s; rename or convert it.")
            % {"extension": extension, "format": detected.upper()}
        )
    try:
        check_pdf_content(uploaded) if detected == "pdf" else check_archive_size(uploaded)
    except RefusedContent as refused:
        raise ValidationError(str(refused)) from refused
    return detected
