"""The statistics dashboard and the agency's downloads, which count time in the steps of the accreditation flow
(so they sit with the flow): coordinators see their agency's applications, officers their authority's (someone
with both roles sees both); anyone else gets a 404, as for any page that is not theirs. Charts are SVG with the
same figures in a table beside each, and the figures download as XLSX. The agency's applications with the time
in each step are built in the background when there are many; its reviewers' workload is one sheet."""

import tempfile

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files import File
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from accreditation import access
from accreditation.models import Agency, Application
from accreditation.statistics import application_rows, dashboard
from accreditation.statistics_conditions import condition_figures
from jobs.models import Job
from jobs.runner import runner, start_job, update
from reports.agency_exports import applications_workbook, reviewers_workbook, statistics_workbook, write_applications
from reports.charts import bar_chart
from reviews.views.statistics import reviewer_rows

from .flows import HUMAN_STEPS, AccreditationFlow

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def flow_steps() -> dict[str, str]:
    """The flow's human steps, in process order, with their titles: {node name as stored in task rows: title}."""
    return {
        step: str(getattr(getattr(AccreditationFlow, step, None), "task_title", "") or step) for step in HUMAN_STEPS
    }


# --- Statistics ------------------------------------------------------------------------------------------------


def _scope(user) -> tuple[list, object]:
    """The organisations whose applications the person may count, and those applications."""
    organisations, applications = access.statistics_scope(user)
    if not organisations:
        raise Http404
    return organisations, applications


@login_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    organisations, applications = _scope(request.user)
    figures = dashboard(applications, flow_steps()) + condition_figures(applications)
    charts = [
        (figure, bar_chart(figure.title, figure.rows, figure.unit, empty=_("No data yet."))) for figure in figures
    ]
    return render(
        request,
        "reports/statistics.html",
        {"charts": charts, "organisations": organisations, "today": timezone.localdate()},
    )


@login_required
def statistics_xlsx(request: HttpRequest) -> HttpResponse:
    _organisations, applications = _scope(request.user)
    figures = dashboard(applications, flow_steps()) + condition_figures(applications)
    response = HttpResponse(statistics_workbook(figures), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="statistics-{timezone.localdate().isoformat()}.xlsx"'
    return response


# --- Agency downloads ------------------------------------------------------------------------------------------


def _agency(request: HttpRequest) -> Agency:
    """The coordinator's agency; one who coordinates for several chooses with ?agency=<id>."""
    agencies = access.agencies_coordinated_by(request.user).order_by("pk")
    chosen = request.GET.get("agency", "")
    agency = agencies.filter(pk=chosen).first() if chosen.isdigit() else agencies.first()
    if agency is None:
        raise Http404
    return agency


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def agency_applications(agency):
    return Application.objects.filter(agency=agency).exclude(status=Application.Status.DRAFT)


@login_required
def applications_export(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    applications = agency_applications(agency)
    if applications.count() > settings.AGENCY_EXPORT_INLINE_MAX:
        job = Job.objects.create(kind=Job.Kind.APPLICATIONS_EXPORT, agency=agency, created_by=request.user)
        start_job(job)
        return redirect("jobs:job", job.pk)
    name = f"applications-{timezone.localdate().isoformat()}.xlsx"
    steps = flow_steps()
    return _xlsx(applications_workbook(application_rows(applications, steps), steps), name)


@login_required
def reviewers_export(request: HttpRequest) -> HttpResponse:
    return _xlsx(reviewers_workbook(reviewer_rows(_agency(request))), "reviewers.xlsx")


@runner(Job.Kind.APPLICATIONS_EXPORT)
def export_applications(job: Job) -> None:
    """The agency's applications download, built in the background."""
    applications = agency_applications(job.agency)
    update(job, total=applications.count())
    steps = flow_steps()
    rows = application_rows(applications, steps)
    with tempfile.TemporaryFile() as handle:
        write_applications(rows, handle, steps)
        handle.seek(0)
        job.output.save(f"applications-{timezone.localdate().isoformat()}.xlsx", File(handle), save=False)
    update(
        job,
        output=job.output.name,
        status=Job.Status.DONE,
        progress=len(rows),
        total=len(rows),
        finished_at=timezone.now(),
    )


urlpatterns = [
    path("agency/exports/applications.xlsx", applications_export, name="export-applications"),
    path("agency/exports/reviewers.xlsx", reviewers_export, name="export-reviewers"),
    path("statistics/", statistics_page, name="statistics"),
    path("statistics.xlsx", statistics_xlsx, name="statistics-xlsx"),
]
