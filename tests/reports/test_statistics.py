"""The statistics dashboard: each figure from task rows whose times are known, the flow's own rows end to end,
charts with text alternatives beside their tables, the XLSX of the same figures, scope and permissions, and a
number of queries that does not grow with the data."""

import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from accreditation.models import Application, Decision
from accreditation.statistics import dashboard
from process.statistics import flow_steps
from reports.statistics import covered_days
from tests.factories import ApplicationFactory, MicroCredentialFactory, ProviderFactory, freeze

from .conftest import days_ago, task, with_process

pytestmark = pytest.mark.django_db


def figures(applications_queryset) -> dict:
    return {figure.key: dict(figure.rows) for figure in dashboard(applications_queryset, flow_steps())}


def test_each_figure_counts_what_it_says(applications):
    result = figures(Application.objects.all())
    assert result["status"] == {"Accredited": 1, "Refused": 1, "Under review": 1}
    assert list(result["status"]) == ["Under review", "Accredited", "Refused"]  # in the process's order
    assert result["outcome"] == {"Accredit": 1, "Refuse": 1}
    assert result["country"] == {"Ireland": 3}
    assert result["eqf"] == {"EQF 6": 2}
    assert result["field"] == {"06 Information and Communication Technologies (ICTs)": 2}
    assert result["time"] == {
        "Screen the application": 4.0,  # the median of 2 and 6 days
        "Answer the information request": 1.0,
        "Review the application": 10.0,
        "Overall, submission to closing": 30.0,
    }
    assert result["overdue"] == {"Review the application": 1}
    assert result["timeliness"] == {"On time": 1, "Late": 1}
    assert result["reviewers"] == {"Chair Reviewer": 100, "Expert Reviewer": 0}


def test_drafts_are_not_counted(applications, provider, agency, authority, provider_staff):
    ApplicationFactory(provider=provider, agency=agency, authority=authority, created_by=provider_staff)
    assert "Draft" not in figures(Application.objects.all())["status"]


def test_overlapping_tasks_count_once():
    day = datetime.timedelta(days=1)
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    assert (
        covered_days([(start + 5 * day, start + 6 * day), (start, start + 2 * day), (start + day, start + 3 * day)])
        == 4
    )
    assert covered_days([(start, start + 2 * day), (start + day, start + 3 * day)]) == 3
    assert covered_days([(start, start + 2 * day), (start + 5 * day, start + 6 * day)]) == 3
    assert covered_days([(start, start + 4 * day), (start + day, start + 2 * day)]) == 4


def _svg_of(body: str, key: str) -> ET.Element:
    section = body[body.index(f'id="h-{key}"') :]
    return ET.fromstring(section[section.index("<svg") : section.index("</svg>") + 6])  # noqa: S314 - our own markup


def test_the_page_shows_each_chart_beside_a_table_of_the_same_figures(client, applications, coordinator):
    client.force_login(coordinator)
    body = client.get("/statistics/").content.decode()
    assert '<th scope="row">Accredited</th><td class="num">1</td>' in body
    assert '<th scope="row">Review the application</th><td class="num">10.0\xa0d</td>' in body
    svg = _svg_of(body, "status")
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("role") == "img"
    assert svg.find(f"{ns}title").text == "Applications by status"
    assert "Accredited: 1" in svg.get("aria-label") and "Under review: 1" in svg.get("aria-label")
    assert len(svg.findall(f".//{ns}rect")) == 3
    overdue = _svg_of(body, "overdue")
    assert overdue.get("aria-label") == "Open tasks past their due date, by step. Review the application: 1"


def test_the_flow_s_own_task_rows_give_the_time_in_each_step(
    client, driver, coordinator, reviewers, provider_staff, authority_officer
):
    driver.to_decision(coordinator, reviewers, provider_staff)
    driver.decide(authority_officer, Decision.Outcome.ACCREDIT)
    result = figures(Application.objects.all())
    assert result["status"] == {"Accredited": 1} and result["outcome"] == {"Accredit": 1}
    steps = set(result["time"])
    assert {"Screen the application", "Compose the review panel", "Review the application"} <= steps
    assert {"Consolidate the reviews", "Finalise the review report", "Decide on the application"} <= steps
    assert "Overall, submission to closing" in steps
    assert result["timeliness"] == {"On time": 3, "Late": 0}
    assert result["eqf"] == {"EQF 6": 2}


def test_the_xlsx_has_the_same_figures(client, applications, authority_officer):
    client.force_login(authority_officer)
    response = client.get("/statistics.xlsx")
    assert response["Content-Disposition"].startswith('attachment; filename="statistics-')
    workbook = load_workbook(io.BytesIO(response.content))
    assert {"status", "outcome", "country", "eqf", "field", "time", "overdue", "timeliness", "reviewers"} <= set(
        workbook.sheetnames
    )
    rows = list(workbook["time"].iter_rows(values_only=True))
    assert rows[0][0] == "Median days in each step" and rows[1] == ("Category", "Days")
    assert ("Screen the application", 4.0) in rows[2:]
    assert ("Accredited", 1) in list(workbook["status"].iter_rows(min_row=3, values_only=True))


def test_each_person_counts_only_their_organisation_s_applications(
    client, applications, agency, other_agency, other_authority, provider_staff, other_coordinator, other_officer
):
    other = with_process(
        ApplicationFactory(
            provider=ProviderFactory(country="MT"),
            agency=other_agency,
            authority=other_authority,
            created_by=provider_staff,
            status=Application.Status.SCREENING,
        )
    )
    for user in (other_coordinator, other_officer):
        client.force_login(user)
        body = client.get("/statistics/").content.decode()
        assert '<th scope="row">Screening</th><td class="num">1</td>' in body
        assert "Accredited" not in body and "Ireland" not in body
        sheet = load_workbook(io.BytesIO(client.get("/statistics.xlsx").content))["country"]
        assert list(sheet.iter_rows(min_row=3, values_only=True)) == [("Malta", 1)]
    assert other.pk


def test_people_without_a_coordinator_or_officer_role_get_a_404(
    client, applications, provider_staff, outsider, reviewers
):
    for user in (provider_staff, outsider, reviewers[0]):
        client.force_login(user)
        assert client.get("/statistics/").status_code == 404
        assert client.get("/statistics.xlsx").status_code == 404
    client.logout()
    assert client.get("/statistics/").status_code == 302


def test_queries_do_not_grow_with_the_data(
    client, applications, coordinator, provider, agency, authority, provider_staff, reviewers, django_assert_num_queries
):
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as before:
        client.get("/statistics/")
    for index in range(4):
        application = with_process(
            ApplicationFactory(
                provider=ProviderFactory(country="FR"),
                agency=agency,
                authority=authority,
                created_by=provider_staff,
                status=Application.Status.REVIEW,
            )
        )
        task(application, "screen", created=days_ago(9), finished=days_ago(8 - index))
        task(application, "review", created=days_ago(5), due=days_ago(1), owner=reviewers[index % 3])
        application.submitted_versions.set([freeze(MicroCredentialFactory(provider=provider))])
    with django_assert_num_queries(len(before.captured_queries)):
        body = client.get("/statistics/").content.decode()
    assert '<th scope="row">France</th><td class="num">4</td>' in body
