"""Agency downloads for its coordinators (anyone else gets a 404): the agency's applications with the time in
each step (built in the background when there are many), and its reviewers' workload."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone

from accreditation.access import agencies_coordinated_by
from accreditation.models import Agency

from ..agency_exports import applications_workbook, reviewers_workbook
from ..export_jobs import agency_applications
from ..jobs import start_job
from ..models import Job
from ..statistics import application_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _agency(request: HttpRequest) -> Agency:
    """The coordinator's agency; one who coordinates for several chooses with ?agency=<id>."""
    agencies = agencies_coordinated_by(request.user).order_by("pk")
    chosen = request.GET.get("agency", "")
    agency = agencies.filter(pk=chosen).first() if chosen.isdigit() else agencies.first()
    if agency is None:
        raise Http404
    return agency


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def applications_export(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    applications = agency_applications(agency)
    if applications.count() > getattr(settings, "AGENCY_EXPORT_INLINE_MAX", 2000):
        job = Job.objects.create(kind=Job.Kind.APPLICATIONS_EXPORT, agency=agency, created_by=request.user)
        start_job(job)
        return redirect("reports:job", job.pk)
    name = f"applications-{timezone.localdate().isoformat()}.xlsx"
    return _xlsx(applications_workbook(application_rows(applications)), name)


@login_required
def reviewers_export(request: HttpRequest) -> HttpResponse:
    from reviews.views.statistics import reviewer_rows

    return _xlsx(reviewers_workbook(reviewer_rows(_agency(request))), "reviewers.xlsx")


urlpatterns = [
    path("agency/exports/applications.xlsx", applications_export, name="export-applications"),
    path("agency/exports/reviewers.xlsx", reviewers_export, name="export-reviewers"),
]
