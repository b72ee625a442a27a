"""The statistics dashboard: coordinators see their agency's applications, officers their authority's (someone
with both roles sees both); anyone else gets a 404, as for any page that is not theirs. Charts are SVG with the
same figures in a table beside each, and the figures download as XLSX."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access
from ..agency_exports import statistics_workbook
from ..charts import bar_chart
from ..statistics import dashboard

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _scope(user) -> tuple[list, object]:
    """The organisations whose applications the person may count, and those applications (reports/access.py)."""
    organisations, applications = access.statistics_scope(user)
    if not organisations:
        raise Http404
    return organisations, applications


@login_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    organisations, applications = _scope(request.user)
    figures = dashboard(applications)
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
    response = HttpResponse(statistics_workbook(dashboard(applications)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="statistics-{timezone.localdate().isoformat()}.xlsx"'
    return response


urlpatterns = [
    path("statistics/", statistics_page, name="statistics"),
    path("statistics.xlsx", statistics_xlsx, name="statistics-xlsx"),
]
