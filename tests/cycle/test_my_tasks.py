""" "My tasks" lists the follow-up's tasks with their due dates and opens them, and the entries that expire soon
once their reminder has gone out."""

import datetime

import lxml.html
import pytest
from django.utils import timezone

from accreditation.models import RegisterEntry
from accreditation.services.conditions import add_months
from accreditation.services.expiry import send_expiry_reminders
from tests.factories import make_register_entry

from .conftest import open_task, task_url

pytestmark = pytest.mark.django_db


def _rows(client) -> list[str]:
    page = lxml.html.fromstring(client.get("/tasks/").content)
    return [" ".join(row.text_content().split()) for row in page.xpath("//main//tbody/tr")]


def test_the_provider_sees_each_condition_to_report_on_with_its_due_date_and_opens_it(entry, client, provider_staff):
    client.force_login(provider_staff)
    rows = [row for row in _rows(client) if "Report on a condition" in row]
    assert len(rows) == 2
    due = entry.condition_items.get(number=1).due_on
    assert all(f"{due.day} {due:%b} {due.year}" in row for row in rows)
    assert all(entry.certificate_id in row and entry.provider.legal_name in row for row in rows)
    task = open_task(provider_staff, "report_on_condition", entry.condition_items.get(number=1))
    response = client.get(f"/tasks/{task.pk}/")
    assert response.status_code == 302
    assert response["Location"] == task_url(task)


def test_expiring_entries_show_once_reminded(client, provider, provider_staff):
    entry = make_register_entry(provider=provider, valid_from=timezone.localdate() - datetime.timedelta(days=2000))
    client.force_login(provider_staff)
    assert "Accreditations that expire soon" not in client.get("/tasks/").content.decode()
    RegisterEntry.objects.filter(pk=entry.pk).update(valid_until=add_months(timezone.localdate(), 5))
    send_expiry_reminders()
    page = client.get("/tasks/").content.decode()
    assert "Accreditations that expire soon" in page
    assert entry.certificate_id in page
