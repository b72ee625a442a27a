"""Verification of an uploaded PDF: is it sealed by the register, was it changed, and what does the register say
of its entry today and on the day the document was issued."""

import hashlib

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accreditation.models import IssuedDocument, RegisterEntry
from accreditation.models.register import EntryStatus, entry_state

from .. import seals

MAX_PDF_BYTES = 20 * 1024 * 1024


class DocumentUploadForm(forms.Form):
    document = forms.FileField(
        label=gettext_lazy("PDF document"),
        help_text=gettext_lazy("A certificate or decision letter issued by this register (PDF, at most 20 MB)."),
    )

    def clean_document(self) -> bytes:
        upload = self.cleaned_data["document"]
        if upload.size > MAX_PDF_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB: no document of this register is."))
        content = upload.read()
        if not content.startswith(b"%PDF-"):
            raise forms.ValidationError(_("This file is not a PDF."))
        return content


def _verdict(check: seals.SealCheck) -> tuple[str, str]:
    """(css status, sentence) of a seal check."""
    if not check.sealed:
        return "unknown", _("Not sealed: this PDF carries no seal of the register, so nothing in it can be relied on.")
    if not check.by_register:
        return "error", _("Not sealed by this register: the seal was made with a certificate the register never used.")
    if not check.intact:
        return "error", _("Modified: the document was changed after the register sealed it.")
    if check.modified_after:
        return "suspended", _("Sealed, but something was added to the document after the seal.")
    return "valid", _("Sealed by the register and not modified since.")


def _public_entry(check: seals.SealCheck) -> tuple[IssuedDocument | None, RegisterEntry | None]:
    """The issued document the seal covers and its register entry, if both are public."""
    if not (check.by_register and check.intact):
        return None, None
    digest = hashlib.sha256(check.sealed_revision).hexdigest()
    document = (
        IssuedDocument.objects.filter(sha256=digest, kind__in=IssuedDocument.PUBLIC_KINDS)
        .select_related("application")
        .first()
    )
    if document is None:
        return None, None
    entries = RegisterEntry.objects.select_related("provider", "decision")
    entry = entries.filter(application_id=document.application_id).first()
    return document, entry


def verify_document(request: HttpRequest) -> HttpResponse:
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            check = seals.check_seal(form.cleaned_data["document"])
            context["check"] = check
            context["verdict_class"], context["verdict"] = _verdict(check)
            document, entry = _public_entry(check)
            context["document"], context["entry"] = document, entry
            if entry is not None:
                issued_on = document.created_at.date()
                context["status_today"] = EntryStatus(entry_state(entry).status).label
                context["status_then"] = (
                    EntryStatus(entry_state(entry, issued_on).status).label
                    if issued_on >= entry.published_on
                    else _("not yet on the register")
                )
                context["issued_on"] = issued_on
        else:
            status = 400
    return render(request, "trust/document_verify.html", context, status=status)
