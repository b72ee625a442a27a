"""Writes on draft applications: create, edit, attach and remove evidence. Nothing here touches a submitted one."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit
from ..models import Application, EvidenceDocument
from .files import delete_after_commit


def _ensure_draft(application: Application) -> None:
    if not application.is_draft:
        raise ValidationError(_("This application has been submitted; it can no longer be changed."))


def _ensure_evidence_is_asked_for(application: Application, kind: str) -> None:
    """Evidence is added only while the step that asks for it is open: the draft for the self-evaluation and
    annexes, an open information request (the flow's `revise` step) for a response. Never after submission
    otherwise, nor once the application is closed."""
    if kind != EvidenceDocument.Kind.RESPONSE:
        _ensure_draft(application)
        return
    asked = (
        application.status == Application.Status.INFORMATION_REQUESTED
        and application.information_requests.filter(responded_at=None).exists()
    )
    if not asked:
        raise ValidationError(_("A response can be attached only while an information request of the agency is open."))


def next_reference() -> str:
    year = timezone.localdate().year
    prefix = f"APP-{year}-"
    last = (
        Application.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def create_draft_application(*, form, provider, by) -> Application:
    """Create a draft from a valid ApplicationDraftForm; the reference is unique even when two are made at once."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                application = form.save(commit=False)
                application.provider = provider
                application.created_by = by
                application.reference = next_reference()
                application.save()
                form.save_m2m()
                audit.record(actor=by, verb="created a draft application", target=application)
                return application
        except IntegrityError:
            form.instance.pk = None
            continue
    raise ValidationError(_("Could not give the application a reference; please try again."))


@transaction.atomic
def update_draft_application(*, form, by) -> Application:
    _ensure_draft(Application.objects.select_for_update().get(pk=form.instance.pk))
    application = form.save()
    audit.record(actor=by, verb="edited the draft application", target=application)
    return application


@transaction.atomic
def add_evidence(
    *, application: Application, uploaded_file, file_format: str, kind: str, title: str, by
) -> EvidenceDocument:
    # The row lock makes the check and the attachment one step against a submission or an answer sent meanwhile.
    application = Application.objects.select_for_update().get(pk=application.pk)
    _ensure_evidence_is_asked_for(application, kind)
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    document = EvidenceDocument(
        application=application,
        kind=kind,
        title=title,
        original_name=uploaded_file.name[-255:],
        format=file_format,
        size=uploaded_file.size,
        sha256=digest.hexdigest(),
        uploaded_by=by,
    )
    document.file.save(uploaded_file.name, uploaded_file, save=False)
    document.save()
    audit.record(actor=by, verb="attached evidence", target=application, data={"title": title, "kind": kind})
    return document


@transaction.atomic
def remove_evidence(*, document: EvidenceDocument, by) -> None:
    _ensure_draft(document.application)
    delete_after_commit(document.file)
    EvidenceDocument.objects.filter(pk=document.pk).delete()
    audit.record(actor=by, verb="removed evidence", target=document.application, data={"title": document.title})
