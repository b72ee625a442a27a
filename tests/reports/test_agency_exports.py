"""Agency downloads: applications with the days spent in each step, reviewer workload; large ones built in the
background; coordinators of the agency only."""

import io

import pytest
from openpyxl import load_workbook

from accreditation.models import Application, Decision
from jobs.models import Job

pytestmark = pytest.mark.django_db


def rows_of(content: bytes, sheet: str) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content))[sheet].iter_rows(values_only=True))


def test_applications_with_their_status_outcome_and_days_in_each_step(client, applications, coordinator):
    first, second, third = applications
    client.force_login(coordinator)
    response = client.get("/agency/exports/applications.xlsx")
    assert response["Content-Disposition"].startswith('attachment; filename="applications-')
    header, *rows = rows_of(response.content, "Applications")
    assert header[:7] == ("Reference", "Provider", "Country", "Status", "Submitted", "Closed", "Decision")
    by_reference = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_reference) == {first.reference, second.reference, third.reference}
    row = by_reference[second.reference]
    assert row["Status"] == "Refused" and row["Decision"] == "Refuse" and row["Country"] == "IE"
    assert row["Days: Screen the application"] == 6.0 and row["Days: Answer the information request"] == 1.0
    assert row["Days: Review the application"] is None and row["Current step"] is None
    assert by_reference[first.reference]["Days: Review the application"] == 10.0
    current = by_reference[third.reference]
    assert current["Current step"] == "Review the application" and current["Days in the current step so far"] == 10.0


def test_reviewer_workload(client, driver, coordinator, reviewers, provider_staff, authority_officer):
    driver.to_decision(coordinator, reviewers, provider_staff)
    driver.decide(authority_officer, Decision.Outcome.ACCREDIT)
    client.force_login(coordinator)
    header, *rows = rows_of(client.get("/agency/exports/reviewers.xlsx").content, "Reviewers")
    assert header == ("Reviewer", "Open reviews", "Completed reviews", "On time", "On time (%)")
    by_name = {row[0]: row for row in rows}
    assert by_name[reviewers[0].get_full_name()][1:] == (0, 1, 1, 100)


def test_a_large_download_is_built_in_the_background(
    client, applications, coordinator, settings, django_capture_on_commit_callbacks
):
    settings.AGENCY_EXPORT_INLINE_MAX = 1
    settings.JOBS_RUN_INLINE = True
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/agency/exports/applications.xlsx")
    job = Job.objects.get(kind=Job.Kind.APPLICATIONS_EXPORT)
    assert response.url == f"/jobs/{job.pk}/"
    page = client.get(response.url).content.decode()
    assert "Download 3 applications (XLSX)" in page
    download = client.get(f"/jobs/{job.pk}/file/")
    assert download["Content-Disposition"].startswith('attachment; filename="applications-')
    _header, *rows = rows_of(b"".join(download.streaming_content), "Applications")
    assert len(rows) == 3


def test_only_the_agency_s_coordinators_download(
    client, applications, coordinator, other_coordinator, provider_staff, authority_officer, reviewers
):
    for user in (provider_staff, authority_officer, reviewers[0]):
        client.force_login(user)
        assert client.get("/agency/exports/applications.xlsx").status_code == 404
        assert client.get("/agency/exports/reviewers.xlsx").status_code == 404
    client.force_login(other_coordinator)
    _header, *rows = rows_of(client.get("/agency/exports/applications.xlsx").content, "Applications")
    assert rows == []
    assert Application.objects.count() == 3


def test_a_background_download_is_its_author_s(
    client, applications, coordinator, other_coordinator, settings, django_capture_on_commit_callbacks
):
    settings.AGENCY_EXPORT_INLINE_MAX = 0
    settings.JOBS_RUN_INLINE = True
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/agency/exports/applications.xlsx")
    job = Job.objects.get()
    client.force_login(other_coordinator)
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    assert client.get(f"/jobs/{job.pk}/file/").status_code == 404
