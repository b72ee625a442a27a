"""An accreditation with conditions, published with the personas of tests/conftest.py in their roles, and
helpers to drive the conditions follow-up as those personas."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accreditation.models import Condition, RegisterEntry
from accreditation.services.conditions import create_conditions
from tests.factories import make_register_entry

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CONDITIONS = "Publish the assessment regulations of every micro-credential.\nAppoint an external examiner."


def pdf(name: str = "evidence.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def conditional_entry(provider, agency, authority, staff, coordinator, officer, *, conditions=CONDITIONS, **kwargs):
    """A published entry with conditions, its application and decision in the personas' hands, and its
    conditions made (which starts each one's follow-up flow) as publication does."""
    entry = make_register_entry(provider=provider, conditions=conditions, **kwargs)
    application = entry.application
    application.agency, application.authority = agency, authority
    application.coordinator, application.officer, application.submitted_by = coordinator, officer, staff
    application.save()
    entry.decision.authority, entry.decision.officer = authority, officer
    entry.decision.save()
    RegisterEntry.objects.filter(pk=entry.pk).update(agency=agency, authority=authority)
    entry.refresh_from_db()
    create_conditions(entry=entry)
    return entry


@pytest.fixture
def entry(provider, agency, authority, provider_staff, coordinator, authority_officer):
    return conditional_entry(provider, agency, authority, provider_staff, coordinator, authority_officer)


def open_task(user, node_name: str, condition: Condition | None = None) -> Task:
    tasks = Task.objects.filter(owner=user, status=STATUS.ASSIGNED, flow_task_type="HUMAN")
    if condition is not None:
        tasks = tasks.filter(process_id=condition.process_id)
    found = [task for task in tasks if task.flow_task.name == node_name]
    assert len(found) == 1, f"{node_name}: {[t.flow_task.name for t in tasks]}"
    return found[0]


def task_url(task: Task) -> str:
    return f"/tasks/{task.pk}/{task.flow_task.name.replace('_', '-')}/"


def pass_report_deadline(condition: Condition) -> None:
    """Time passes: the report task's timer boundary becomes due (as it would the day after the deadline)."""
    Task.objects.filter(process_id=condition.process_id, flow_task_type="TIMER", status=STATUS.SCHEDULED).update(
        scheduled=timezone.now() - datetime.timedelta(minutes=1)
    )
