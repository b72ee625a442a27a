"""A job's page: progress while it runs (refreshed in place), then its result and what can be done next."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accreditation.models import Authority, Membership

from ..catalogue import annotated_workbook, import_catalogue
from ..jobs import start_job
from ..models import Job


def _job_of(request, pk: int) -> Job:
    """A job is visible to its author while they still work for its provider or authority."""
    return get_object_or_404(
        Job.objects.filter(created_by=request.user).filter(
            Q(provider__in=Membership.objects.providers_of(request.user))
            | Q(authority__in=Membership.objects.authorities_of(request.user))
        ),
        pk=pk,
    )


@login_required
@require_POST
def reissue_certificates(request: HttpRequest) -> HttpResponse:
    """An officer reissues the certificates of their authority's current entries, in the background."""
    authority = Authority.objects.filter(pk__in=Membership.objects.authorities_of(request.user)).first()
    if authority is None:
        raise Http404
    job = Job.objects.create(kind=Job.Kind.CERTIFICATE_REISSUE, authority=authority, created_by=request.user)
    start_job(job)
    return redirect("reports:job", job.pk)


@login_required
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_of(request, pk)
    template = "reports/job_progress.html" if request.htmx else "reports/job_detail.html"
    return render(request, template, {"job": job, "rows": job.result.get("rows", [])[:500]})


@login_required
def job_annotated(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_of(request, pk)
    response = HttpResponse(
        annotated_workbook(job), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="catalogue-checked-{job.pk}.xlsx"'
    return response


@login_required
@require_POST
def job_import(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_of(request, pk)
    try:
        count = import_catalogue(job=job, by=request.user)
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("reports:job", job.pk)
    messages.success(request, _("%(count)s micro-credentials were added to your catalogue.") % {"count": count})
    return redirect(f"/provider/?provider={job.provider_id}")


urlpatterns = [
    path("authority/certificates/reissue/", reissue_certificates, name="reissue-certificates"),
    path("jobs/<int:pk>/", job_status, name="job"),
    path("jobs/<int:pk>/checked.xlsx", job_annotated, name="job-annotated"),
    path("jobs/<int:pk>/import/", job_import, name="job-import"),
]
