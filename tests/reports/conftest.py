"""Helpers of the reports tests: catalogue workbooks built as a provider would fill them, and uploads."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accreditation.models import AccreditationProcess, Application, Decision
from process.flows import AccreditationFlow
from reports.catalogue import COLUMNS, HEADERS
from tests.factories import ApplicationFactory, MicroCredentialFactory, freeze

# A complete, well-aligned row (IE-NFQ 6 is EQF 5; 3 ECTS for 75 hours).
GOOD = {
    "reference": "SOL-101",
    "title": "Solar Installation Basics",
    "awarding_body": "Atlantic Technological College",
    "country": "IE",
    "learning_outcomes": "Install photovoltaic panels safely\nEvaluate the suitability of a roof\nDesign a small array",
    "workload_hours": 75,
    "ects": 3,
    "nqf_level": "IE-NFQ 6",
    "assessment_type": "practical",
    "participation_form": "blended",
    "quality_assurance": "Programme approval by the academic council",
    "field": "07",
    "languages": "en",
}


@pytest.fixture(autouse=True)
def inline_jobs(settings):
    settings.JOBS_RUN_INLINE = True


def workbook_bytes(rows, headers=HEADERS, sheet_title="Catalogue", edit=None) -> bytes:
    """A workbook with the template's header row and one row per dict (column key -> cell value)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(headers)
    keys = [column.key for column in COLUMNS]
    for row in rows:
        sheet.append([row.get(key) for key in keys])
    if edit:
        edit(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def replace_member(content: bytes, name: str, data: bytes) -> bytes:
    """The same .xlsx with one of its parts replaced."""
    members = {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for info in archive.infolist():
            members[info.filename] = archive.read(info)
    members[name] = data
    return zip_bytes(members)


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    """Post a file to the import page, running the job it starts; returns the response."""

    def post(content: bytes, name: str = "catalogue.xlsx"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/provider/catalogue/import/", {"workbook": SimpleUploadedFile(name, content)})

    return post


@pytest.fixture
def confirm(client, django_capture_on_commit_callbacks):
    """Confirm the import of a checked file, running the job it starts; returns the page shown after."""

    def post(job):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/jobs/{job.pk}/import/")
        return client.get(response.url)

    return post


# --- Applications with flow task rows whose times are known ---


def days_ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def with_process(application: Application) -> Application:
    process = AccreditationProcess.objects.create(flow_class=AccreditationFlow)
    application.process = process
    application.save(update_fields=["process"])
    return application


def task(application, step, *, created, finished=None, due=None, owner=None, status=None) -> Task:
    """A human task row of the application's process, as the flow stores it, with a timer when it has a due date."""
    row = Task.objects.create(
        process=application.process,
        flow_task=getattr(AccreditationFlow, step),
        flow_task_type="HUMAN",
        status=status or (STATUS.DONE if finished else STATUS.ASSIGNED),
        owner=owner,
    )
    Task.objects.filter(pk=row.pk).update(created=created, finished=finished)
    if due:
        timer = Task.objects.create(
            process=application.process, flow_task=getattr(AccreditationFlow, step), flow_task_type="TIMER"
        )
        Task.objects.filter(pk=timer.pk).update(scheduled=due)
        timer.previous.add(row)
    return row


@pytest.fixture
def applications(provider, agency, authority, provider_staff, authority_officer, reviewers):
    """Two closed applications and one under review, with task rows whose durations are known."""
    first, second, third = (
        with_process(
            ApplicationFactory(
                provider=provider, agency=agency, authority=authority, created_by=provider_staff, status=status
            )
        )
        for status in (Application.Status.ACCREDITED, Application.Status.REFUSED, Application.Status.REVIEW)
    )
    Application.objects.filter(pk__in=[first.pk, second.pk]).update(submitted_at=days_ago(40), closed_at=days_ago(10))
    Application.objects.filter(pk=third.pk).update(submitted_at=days_ago(30))
    task(first, "screen", created=days_ago(40), finished=days_ago(38))  # 2 days
    task(second, "screen", created=days_ago(40), finished=days_ago(36))  # 4 days
    task(second, "revise", created=days_ago(36), finished=days_ago(35))
    task(second, "screen", created=days_ago(35), finished=days_ago(33))  # screened again: 4 + 2 days
    chair, expert, student = reviewers
    # Parallel reviews count once for the time they cover: from day 30 to day 20, ten days.
    task(first, "review", created=days_ago(30), finished=days_ago(25), due=days_ago(20), owner=chair)
    task(first, "review", created=days_ago(30), finished=days_ago(20), due=days_ago(22), owner=expert)  # late
    task(third, "review", created=days_ago(10), due=days_ago(1), owner=student)  # open and overdue
    task(third, "review", created=days_ago(10), due=days_ago(-5), owner=chair)  # open, not yet due
    for application, outcome in ((first, Decision.Outcome.ACCREDIT), (second, Decision.Outcome.REFUSE)):
        Decision.objects.create(
            application=application,
            outcome=outcome,
            rationale="Reasons.",
            authority=authority,
            officer=authority_officer,
            valid_from=days_ago(10).date(),
            valid_until=days_ago(-2000).date(),
        )
    first.submitted_versions.set([freeze(MicroCredentialFactory(provider=provider)) for _ in range(2)])
    return first, second, third
