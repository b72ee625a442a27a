"""A job's page: progress while it runs (refreshed in place every two seconds by htmx, or by a plain link
without JavaScript), then its outcome and what can be done next. A job is visible only to its author, and only
while they still work for the organisation it belongs to; anyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from accreditation.access import authorities_of
from accreditation.views.confirm import confirmation_page, is_confirmed, is_going_back

from .. import access
from ..jobs import start_job
from ..models import Job
from ..services import ImportRefused, confirm_catalogue_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROBLEMS_PER_PAGE = 50


def _job_of(request, pk: int) -> Job:
    return get_object_or_404(access.jobs_visible_to(request.user), pk=pk)


@login_required
@require_POST
def reissue_certificates(request: HttpRequest) -> HttpResponse:
    """An officer reissues the certificates of their authority's current entries, in the background."""
    authority = authorities_of(request.user).order_by("pk").first()
    if authority is None:
        raise Http404
    if is_going_back(request):
        return redirect("accreditation:authority-home")
    if not is_confirmed(request):
        return confirmation_page(
            request,
            title=_("Reissue the certificates of all current entries of %(authority)s?") % {"authority": authority},
            consequences=[
                _(
                    "Every current entry gets a new certificate version, built in the background; the versions "
                    "already issued stay as they are, and this cannot be undone."
                )
            ],
            confirm_label=_("Reissue all certificates"),
        )
    job = Job.objects.create(kind=Job.Kind.CERTIFICATE_REISSUE, authority=authority, created_by=request.user)
    start_job(job)
    return redirect("reports:job", job.pk)


@login_required
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_of(request, pk)
    if request.htmx and not job.is_active:
        return HttpResponseClientRefresh()  # the whole page changes once the job is over: show its outcome
    if request.htmx:
        return render(request, "reports/job_progress.html", {"job": job})
    context = {"job": job}
    if job.kind == Job.Kind.CATALOGUE_IMPORT and job.result:
        page = Paginator(job.result.get("problems", []), PROBLEMS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(problems=page, preview=job.result.get("preview", []))
    return render(request, "reports/job_detail.html", context)


@login_required
def job_file(request: HttpRequest, pk: int) -> FileResponse:
    """What the job produced: the checked catalogue, or a download built in the background."""
    job = _job_of(request, pk)
    if not job.output or job.status not in (Job.Status.DONE, Job.Status.IMPORTED, Job.Status.IMPORTING):
        raise Http404
    return FileResponse(job.output.open("rb"), content_type=XLSX, as_attachment=True, filename=_filename(job))


def _filename(job: Job) -> str:
    if job.kind == Job.Kind.CATALOGUE_IMPORT:
        return f"catalogue-checked-{job.pk}.xlsx"
    return job.output.name.rsplit("/", 1)[-1].split("-", 5)[-1]


@login_required
@require_POST
def job_import(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_of(request, pk)
    try:
        confirm_catalogue_import(job=job, by=request.user)
    except ImportRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.info(request, _("The import has started; this page shows its progress."))
    return redirect("reports:job", job.pk)


urlpatterns = [
    path("authority/certificates/reissue/", reissue_certificates, name="reissue-certificates"),
    path("jobs/<int:pk>/", job_status, name="job"),
    path("jobs/<int:pk>/checked.xlsx", job_file, name="job-annotated"),
    path("jobs/<int:pk>/file/", job_file, name="job-file"),
    path("jobs/<int:pk>/import/", job_import, name="job-import"),
]
