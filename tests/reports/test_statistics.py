"""The statistics dashboard: figures from real flow data, charts with text alternatives, XLSX, permissions."""

import io
import xml.etree.ElementTree as ET

import pytest
from openpyxl import load_workbook

from accreditation.models import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(driver, coordinator, reviewers, provider_staff, authority_officer):
    driver.to_decision(coordinator, reviewers, provider_staff)
    driver.decide(authority_officer, Decision.Outcome.ACCREDIT)
    return driver.refresh()


def test_dashboard_shows_figures_as_charts_and_tables(client, decided, coordinator):
    client.force_login(coordinator)
    body = client.get("/statistics/").content.decode()
    assert "Applications by status" in body and '<td>Accredited</td><td class="num">1</td>' in body
    assert '<td>Accredit</td><td class="num">1</td>' in body
    assert '<td>Ireland</td><td class="num">1</td>' in body
    assert '<td>EQF 6</td><td class="num">2</td>' in body
    assert '<td>06</td><td class="num">2</td>' in body
    assert (
        "Median time in each step" in body and "<td>Screen the application</td>" in body and "<td>overall</td>" in body
    )
    assert '<td>on time</td><td class="num">3</td>' in body
    svg = body[body.index("<svg") : body.index("</svg>") + 6]
    root = ET.fromstring(svg)  # noqa: S314 - our own markup
    assert root.get("role") == "img" and "Accredited: 1" in root.get("aria-label")


def test_statistics_xlsx_has_the_same_figures(client, decided, authority_officer):
    client.force_login(authority_officer)
    workbook = load_workbook(io.BytesIO(client.get("/statistics.xlsx").content))
    rows = list(workbook["status"].iter_rows(values_only=True))
    assert rows[0] == ("Applications by status", None) or rows[0][0] == "Applications by status"
    assert ("Accredited", 1) in [tuple(r[:2]) for r in rows[1:]]


def test_statistics_are_scoped_and_closed_to_others(client, decided, other_coordinator, provider_staff, outsider):
    client.force_login(other_coordinator)
    assert "<td>Accredited</td>" not in client.get("/statistics/").content.decode()
    for user in (provider_staff, outsider):
        client.force_login(user)
        assert client.get("/statistics/").status_code == 404
        assert client.get("/statistics.xlsx").status_code == 404


def test_dashboard_query_count_does_not_grow_with_applications(
    client, decided, coordinator, django_assert_max_num_queries, provider, agency, authority, provider_staff
):
    from accreditation.services.applications import submit_application
    from tests.flow import draft_application

    client.force_login(coordinator)
    with django_assert_max_num_queries(30) as baseline:
        client.get("/statistics/")
    for _ in range(3):
        submit_application(
            application=draft_application(provider, agency, authority, provider_staff), by=provider_staff
        )
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        client.get("/statistics/")


def test_agency_exports_give_time_in_each_step_and_reviewer_workload(
    client, decided, coordinator, reviewers, provider_staff
):
    client.force_login(coordinator)
    sheet = load_workbook(io.BytesIO(client.get("/agency/exports/applications.xlsx").content))["Applications"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Reference", "Provider", "Status") and "Days: screen" in rows[0]
    assert rows[1][0] == decided.reference and rows[1][2] == "Accredited"
    assert rows[1][rows[0].index("Days: screen")] is not None
    sheet = load_workbook(io.BytesIO(client.get("/agency/exports/reviewers.xlsx").content))["Reviewers"]
    names = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names[reviewers[0].get_full_name()][2] == 1  # one completed review
    client.force_login(provider_staff)
    assert client.get("/agency/exports/applications.xlsx").status_code == 404
