"""Issuing documents (review reports, decision letters, certificates): built once, stored, never changed."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max

from .. import audit
from ..documents import build_document, seal
from ..models import Application, Decision, IssuedDocument


@transaction.atomic
def issue_document(*, application: Application, kind: str, by=None, decision: Decision | None = None) -> IssuedDocument:
    """Build the document from the current data and store it as the next version of its kind."""
    # Sealed before it is stored and hashed: the stored file, its hash and every download are the sealed PDF.
    content = seal(
        build_document(kind=kind, application=application, decision=decision),
        reason=f"{IssuedDocument.Kind(kind).label} issued by the register ({application.reference})",
    )
    last = (
        IssuedDocument.objects.select_for_update()
        .filter(application=application, kind=kind)
        .aggregate(last=Max("version"))["last"]
    )
    document = IssuedDocument(
        application=application,
        decision=decision,
        kind=kind,
        version=(last or 0) + 1,
        sha256=hashlib.sha256(content).hexdigest(),
        created_by=by,
    )
    document.file.save(f"{kind}.pdf", ContentFile(content), save=False)
    document.save()
    audit.record(actor=by, verb="issued document", target=application, data={"kind": kind, "version": document.version})
    return document
