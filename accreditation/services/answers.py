"""Writes of the provider's answer to an information request besides sending it: taking back a document attached
to the answer not yet sent. (Sending the answer is `applications.answer_information_request`.)"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import audit
from ..models import Application, EvidenceDocument
from .files import delete_after_commit


def unsent_answer_documents(application: Application):
    """The documents attached to the answer of the open information request (none when no request is open)."""
    open_request = application.information_requests.filter(responded_at=None).order_by("-requested_at").first()
    if open_request is None:
        return EvidenceDocument.objects.none()
    return application.evidence.filter(
        kind=EvidenceDocument.Kind.RESPONSE, uploaded_at__gte=open_request.requested_at
    ).order_by("uploaded_at")


@transaction.atomic
def remove_answer_document(*, application: Application, document_id: int, by) -> EvidenceDocument:
    """Take back a document attached to the answer not yet sent; documents of answers already sent stay."""
    document = unsent_answer_documents(application).select_for_update().filter(pk=document_id).first()
    if document is None:
        raise ValidationError(_("Only a document attached to the answer you have not sent yet can be removed."))
    delete_after_commit(document.file)
    EvidenceDocument.objects.filter(pk=document.pk).delete()
    audit.record(actor=by, verb="removed evidence", target=application, data={"title": document.title})
    return document
