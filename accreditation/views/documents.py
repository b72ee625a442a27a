"""Serving issued documents: to the people involved in an application, and the public ones of published
accreditations to anyone."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import path

from .. import access
from ..models import IssuedDocument


def _serve(document: IssuedDocument) -> FileResponse:
    filename = f"{document.application.reference}-{document.kind}-v{document.version}.pdf"
    return FileResponse(document.file.open("rb"), content_type="application/pdf", filename=filename)


@login_required
def document(request: HttpRequest, pk: int) -> FileResponse:
    """Anyone who may see the application; the draft report only to those preparing it (see access.py)."""
    issued = get_object_or_404(IssuedDocument.objects.visible_to(request.user).select_related("application"), pk=pk)
    return _serve(issued)


def public_document(request: HttpRequest, pk: int) -> FileResponse:
    """The final report, decision letter and certificate of a published accreditation, for anyone."""
    issued = get_object_or_404(access.public_documents().select_related("application"), pk=pk)
    return _serve(issued)


urlpatterns = [
    path("documents/<int:pk>/", document, name="document"),
    path("register/documents/<int:pk>/", public_document, name="public-document"),
]
