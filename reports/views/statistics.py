"""The statistics dashboard of coordinators (their agency's applications) and officers (their authority's):
charts rendered as SVG with the same figures in a table, and an XLSX download of them."""

import io

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from openpyxl import Workbook

from accreditation.models import Application, Membership

from ..charts import bar_chart
from ..statistics import dashboard


def _applications(user):
    agencies = Membership.objects.agencies_of(user)
    authorities = Membership.objects.authorities_of(user)
    if not agencies.exists() and not authorities.exists():
        raise Http404
    return Application.objects.filter(Q(agency__in=agencies) | Q(authority__in=authorities))


@login_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    figures = dashboard(_applications(request.user))
    charts = [(figure, bar_chart(figure.title, figure.rows, figure.unit)) for figure in figures]
    return render(request, "reports/statistics.html", {"charts": charts})


@login_required
def statistics_xlsx(request: HttpRequest) -> HttpResponse:
    workbook = Workbook(write_only=True)
    for figure in dashboard(_applications(request.user)):
        sheet = workbook.create_sheet(figure.key)
        sheet.append([figure.title])
        for label, value in figure.rows:
            sheet.append([label, value])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="statistics.xlsx"'
    return response


urlpatterns = [
    path("statistics/", statistics_page, name="statistics"),
    path("statistics.xlsx", statistics_xlsx, name="statistics-xlsx"),
]
