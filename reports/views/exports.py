"""Agency exports: its applications with time in each step, and its reviewers' workload (coordinators only)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from accreditation.models import Agency, Application, Membership

from ..agency_exports import applications_workbook, reviewers_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _agencies(user):
    agencies = Agency.objects.filter(pk__in=Membership.objects.agencies_of(user))
    if not agencies.exists():
        raise Http404
    return agencies


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def applications_export(request: HttpRequest) -> HttpResponse:
    applications = Application.objects.filter(agency__in=_agencies(request.user)).exclude(status="draft")
    return _xlsx(applications_workbook(applications), "applications.xlsx")


@login_required
def reviewers_export(request: HttpRequest) -> HttpResponse:
    from reviews.views.statistics import reviewer_rows

    rows = [row for agency in _agencies(request.user) for row in reviewer_rows(agency)]
    return _xlsx(reviewers_workbook(rows), "reviewers.xlsx")


urlpatterns = [
    path("agency/exports/applications.xlsx", applications_export, name="export-applications"),
    path("agency/exports/reviewers.xlsx", reviewers_export, name="export-reviewers"),
]
