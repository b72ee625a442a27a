"""Serving issued documents: to the people involved in an application, and the public ones of published
accreditations to anyone."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import path

from accreditation.models import Application, IssuedDocument, Role
from accreditation.roles import roles_of


def _serve(document: IssuedDocument) -> FileResponse:
    filename = f"{document.application.reference}-{document.kind}-v{document.version}.pdf"
    return FileResponse(document.file.open("rb"), content_type="application/pdf", filename=filename)


@login_required
def document(request: HttpRequest, pk: int) -> FileResponse:
    """Anyone who may see the application; the draft report is not shown to the authority (it decides on the
    final one)."""
    issued = get_object_or_404(
        IssuedDocument.objects.select_related("application").filter(
            application__in=Application.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    if issued.kind == IssuedDocument.Kind.DRAFT_REPORT and roles_of(request.user) == {Role.OFFICER}:
        raise Http404
    return _serve(issued)


def public_document(request: HttpRequest, pk: int) -> FileResponse:
    """The final report, decision letter and certificate of a published accreditation, for anyone."""
    issued = get_object_or_404(
        IssuedDocument.objects.select_related("application").filter(
            kind__in=IssuedDocument.PUBLIC_KINDS, application__register_entry__isnull=False
        ),
        pk=pk,
    )
    return _serve(issued)


urlpatterns = [
    path("documents/<int:pk>/", document, name="document"),
    path("register/documents/<int:pk>/", public_document, name="public-document"),
]
