"""A job's page: progress while it runs (refreshed in place every two seconds by htmx, or by a plain link
without JavaScript), then its outcome and what can be done next; and the file it produced. A job is visible only
to its author, and only while they still work for the organisation it belongs to (the rule of `access`); anyone
else gets a 404. What a job's outcome lets one do next (confirming a checked catalogue, say) are the domain's
views."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django_htmx.http import HttpResponseClientRefresh

from . import access
from .models import Job

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROBLEMS_PER_PAGE = 50


def job_of(request, pk: int) -> Job:
    return get_object_or_404(access.jobs_visible_to(request.user), pk=pk)


@login_required
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_of(request, pk)
    if request.htmx and not job.is_active:
        return HttpResponseClientRefresh()  # the whole page changes once the job is over: show its outcome
    if request.htmx:
        return render(request, "jobs/job_progress.html", {"job": job})
    context = {"job": job}
    if job.kind == Job.Kind.CATALOGUE_IMPORT and job.result:
        page = Paginator(job.result.get("problems", []), PROBLEMS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(problems=page, preview=job.result.get("preview", []))
    return render(request, "jobs/job_detail.html", context)


@login_required
def job_file(request: HttpRequest, pk: int) -> FileResponse:
    """What the job produced: the checked catalogue, or a download built in the background."""
    job = job_of(request, pk)
    if not job.output or job.status not in (Job.Status.DONE, Job.Status.IMPORTED, Job.Status.IMPORTING):
        raise Http404
    return FileResponse(job.output.open("rb"), content_type=XLSX, as_attachment=True, filename=_filename(job))


def _filename(job: Job) -> str:
    if job.kind == Job.Kind.CATALOGUE_IMPORT:
        return f"catalogue-checked-{job.pk}.xlsx"
    return job.output.name.rsplit("/", 1)[-1].split("-", 5)[-1]


urlpatterns = [
    path("jobs/<int:pk>/", job_status, name="job"),
    path("jobs/<int:pk>/checked.xlsx", job_file, name="job-annotated"),
    path("jobs/<int:pk>/file/", job_file, name="job-file"),
]
