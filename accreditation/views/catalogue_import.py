"""Catalogue import for provider staff (their own provider; anyone else gets a 404): the template, and the
upload, checked before anything reads it and then validated in the background (its page is jobs.views';
confirming the checked file is views/jobs.py)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from jobs.models import Job
from reports.catalogue_workbooks import build_template
from reports.workbook_checks import FileRefused, check_file, max_rows, max_upload_bytes

from ..catalogue_import import workbook_lists
from ..services.background import start_catalogue_import
from .provider import current_provider

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    workbook = forms.FileField(
        label=gettext_lazy("Filled-in catalogue (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX}),
    )


class SizeLimitHandler(FileUploadHandler):
    """Stops storing an upload as soon as it passes the limit (the rest of the request is read and dropped), so
    that an oversized file never reaches the disk."""

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit
        self.refused_size = None

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.refused_size = self.content_length or start + len(raw_data)
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


@csrf_exempt  # the token is checked below, once the size limit is in place (Django reads the body for it)
@login_required
def catalogue_import(request: HttpRequest) -> HttpResponse:
    limiter = SizeLimitHandler(request, max_upload_bytes())
    request.upload_handlers.insert(0, limiter)
    return _catalogue_import(request, limiter)


@csrf_protect
def _catalogue_import(request: HttpRequest, limiter: SizeLimitHandler) -> HttpResponse:
    provider = current_provider(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if limiter.refused_size is not None:
            form.is_valid()  # the file never arrived: replace "required" by the reason
            form.errors["workbook"] = form.error_class(
                [
                    _("The file is larger than %(limit)s, the most that can be uploaded; split the catalogue.")
                    % {"limit": filesizeformat(max_upload_bytes())}
                ]
            )
        elif form.is_valid():
            uploaded = form.cleaned_data["workbook"]
            try:
                check_file(uploaded)
            except FileRefused as refusal:
                form.add_error("workbook", str(refusal))
            else:
                job = start_catalogue_import(provider=provider, workbook=uploaded, by=request.user)
                return redirect("jobs:job", job.pk)
    context = {
        "form": form,
        "provider": provider,
        "max_rows": max_rows(),
        "max_size": max_upload_bytes(),
        "recent": Job.objects.filter(kind=Job.Kind.CATALOGUE_IMPORT, provider=provider, created_by=request.user)[:5],
    }
    return render(request, "reports/catalogue_import.html", context, status=400 if form.errors else 200)


@login_required
def catalogue_template(request: HttpRequest) -> HttpResponse:
    current_provider(request)  # provider staff only
    response = HttpResponse(build_template(workbook_lists()), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="catalogue-template.xlsx"'
    return response


urlpatterns = [
    path("provider/catalogue/import/", catalogue_import, name="catalogue-import"),
    path("provider/catalogue/import/template.xlsx", catalogue_template, name="catalogue-template"),
]
