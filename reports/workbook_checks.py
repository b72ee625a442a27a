"""Checks of an uploaded workbook before any spreadsheet library reads it: what it really is, whether it is
encrypted, carries macros, unpacks to far more than it weighs (a zip bomb), declares more rows than allowed or
merges cells. Each refusal says in plain words what to do."""

import re
import zipfile
from xml.etree import ElementTree

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

SHEET_NAME = "Catalogue"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# An encrypted Office file is an OLE container with this stream (the name is stored in UTF-16).
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
MACRO_EXTENSIONS = (".xlsm", ".xltm", ".xlam", ".xlsb")
MAX_MEMBERS = 1000
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_RATIO = 200  # a member that unpacks to more than 200 times its packed size is not a spreadsheet
RATIO_FROM_BYTES = 1024 * 1024  # tiny members may have any ratio
MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]*\d*(?::[A-Z]*(\d+))?\"")
MERGE = re.compile(rb"<(?:\w+:)?mergeCell[\s/>]")


class FileRefused(Exception):
    """The upload is not a workbook we can read safely; the message says why in plain words."""


def max_upload_bytes() -> int:
    return settings.CATALOGUE_MAX_UPLOAD_BYTES


def max_rows() -> int:
    return settings.CATALOGUE_MAX_ROWS


def too_many_rows(rows: int) -> FileRefused:
    return FileRefused(
        _(
            "The sheet “%(sheet)s” reaches row %(rows)s, but a catalogue may have at most %(limit)s rows. Split it "
            "into several files; if the rows below your data are empty, delete them and save again."
        )
        % {"sheet": SHEET_NAME, "rows": f"{rows:,}", "limit": f"{max_rows():,}"}
    )


def check_file(uploaded) -> None:
    """Refuse the upload unless it is a plain .xlsx that is safe to open; leaves the file at its start."""
    if uploaded.size > max_upload_bytes():
        raise FileRefused(
            _("The file is %(size)s; at most %(limit)s can be uploaded. Split the catalogue into several files.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(max_upload_bytes())}
        )
    if (uploaded.name or "").lower().endswith(MACRO_EXTENSIONS):
        raise FileRefused(_("Workbooks with macros (.xlsm) or in binary form are refused: save it as .xlsx."))
    uploaded.seek(0)
    try:
        _check_content(uploaded)
    finally:
        uploaded.seek(0)


def _check_content(uploaded) -> None:
    head = uploaded.read(8)
    if head == OLE_MAGIC:
        uploaded.seek(0)
        if ENCRYPTION_STREAM in uploaded.read():
            raise FileRefused(
                _(
                    "The workbook is protected with a password, so it cannot be read. Remove the password "
                    "(in Excel: File › Info › Protect Workbook › Encrypt with Password) and save it again."
                )
            )
        raise FileRefused(_("The file is in the old .xls format: open it and save it as an Excel workbook (.xlsx)."))
    if not head.startswith(ZIP_MAGIC):
        raise FileRefused(_("The file is not an Excel workbook (.xlsx), whatever its name says."))
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            _check_archive(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError) as error:
        raise FileRefused(_("The file is damaged or is not an Excel workbook (.xlsx).")) from error


def _check_archive(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise FileRefused(_("The file holds far more parts than a workbook does; it is refused."))
    names = {member.filename for member in members}
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise FileRefused(_("Workbooks with macros (.xlsm) are refused: save it as a plain .xlsx without macros."))
    if "xl/workbook.xml" not in names:
        raise FileRefused(_("The file is not an Excel workbook (.xlsx), whatever its name says."))
    unpacked = sum(member.file_size for member in members)
    bomb = any(
        member.file_size > RATIO_FROM_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if bomb or unpacked > MAX_UNPACKED_BYTES:
        raise FileRefused(
            _("The workbook unpacks to %(size)s, far more than a catalogue holds; it is refused.")
            % {"size": filesizeformat(unpacked)}
        )
    for member in members:
        if member.filename.endswith((".xml", ".rels")):
            with archive.open(member) as part:
                prolog = part.read(4096)
            # Spreadsheet programs never write document type declarations; they are how entity bombs start.
            if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                raise FileRefused(_("The workbook contains XML that spreadsheet programs never write; it is refused."))
    sheet_part = _sheet_part(archive, SHEET_NAME)
    if sheet_part is None:
        raise FileRefused(
            _("The workbook has no sheet named “%(sheet)s”: start from the template.") % {"sheet": SHEET_NAME}
        )
    _check_sheet(archive, sheet_part)


def _sheet_part(archive: zipfile.ZipFile, name: str) -> str | None:
    """The path of the named sheet's XML inside the archive (both files read are small and checked above)."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314 - no DTD (checked above)
        relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    except (KeyError, ElementTree.ParseError) as error:
        raise FileRefused(_("The file is damaged or is not an Excel workbook (.xlsx).")) from error
    targets = {rel.get("Id"): rel.get("Target", "") for rel in relations.iter(f"{PACKAGE_REL_NS}Relationship")}
    for sheet in workbook.iter(f"{MAIN_NS}sheet"):
        if sheet.get("name") == name:
            target = targets.get(sheet.get(f"{REL_NS}id"), "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _check_sheet(archive: zipfile.ZipFile, part: str) -> None:
    """Read the sheet's XML as a stream: the declared size first (so a million rows stop here), merged cells."""
    try:
        stream = archive.open(part)
    except KeyError as error:
        raise FileRefused(_("The file is damaged or is not an Excel workbook (.xlsx).")) from error
    with stream:
        tail = b""
        first = True
        while chunk := stream.read(1024 * 1024):
            window = tail + chunk
            if first:
                dimension = DIMENSION.search(window)
                if dimension and dimension.group(1) and int(dimension.group(1)) > max_rows() + 1:
                    raise too_many_rows(int(dimension.group(1)))
                first = False
            if MERGE.search(window):
                raise FileRefused(
                    _(
                        "The sheet “%(sheet)s” has merged cells. Unmerge them (Home › Merge & Center › Unmerge "
                        "Cells) so that each micro-credential has a row of its own, then upload it again."
                    )
                    % {"sheet": SHEET_NAME}
                )
            tail = chunk[-64:]
