"""Checks of uploaded evidence by content: only PDF, DOCX, ODT and XLSX, identified by their bytes, not only by
their names."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

EXTENSIONS = {"pdf": "pdf", "docx": "docx", "odt": "odt", "xlsx": "xlsx"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


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
    return detected
