"""Catalogue import for provider staff: the template, the upload (checked before anything is read), and the
background validation whose page shows progress, a preview with row-level problems, and the import."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy

from accreditation.views.provider import current_provider

from ..catalogue import FileRefused, build_template, check_file
from ..jobs import start_job
from ..models import Job

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    workbook = forms.FileField(label=gettext_lazy("Filled-in catalogue (.xlsx)"))


@login_required
def catalogue_import(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["workbook"]
        try:
            check_file(uploaded)
        except FileRefused as refusal:
            form.add_error("workbook", str(refusal))
        else:
            job = Job(kind=Job.Kind.CATALOGUE_IMPORT, provider=provider, created_by=request.user)
            job.source.save("catalogue.xlsx", uploaded, save=False)
            job.save()
            start_job(job)
            return redirect("reports:job", job.pk)
    return render(
        request,
        "reports/catalogue_import.html",
        {"form": form, "provider": provider},
        status=400 if form.errors else 200,
    )


@login_required
def catalogue_template(request: HttpRequest) -> HttpResponse:
    current_provider(request)  # provider staff only
    response = HttpResponse(build_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="catalogue-template.xlsx"'
    return response


urlpatterns = [
    path("provider/catalogue/import/", catalogue_import, name="catalogue-import"),
    path("provider/catalogue/import/template.xlsx", catalogue_template, name="catalogue-template"),
]
