"""Reminders 12, 6 and 3 months before an entry expires (EXPIRY_REMINDER_MONTHS): to the provider's staff and
the agency, each sent once however often the timers run, and shown in "My tasks"."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accreditation.models import ExpiryReminder, RegisterEntry
from accreditation.services.conditions import add_months
from accreditation.services.expiry import send_expiry_reminders
from tests.factories import make_register_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(provider, agency, provider_staff, coordinator):
    entry = make_register_entry(provider=provider, valid_from=timezone.localdate() - datetime.timedelta(days=2000))
    RegisterEntry.objects.filter(pk=entry.pk).update(agency=agency)
    entry.application.coordinator = coordinator
    entry.application.save()
    entry.refresh_from_db()
    return entry


def run(day, callbacks):
    with callbacks(execute=True):
        return send_expiry_reminders(day)


def test_each_reminder_goes_out_once_at_12_6_and_3_months(
    entry, provider_staff, coordinator, django_capture_on_commit_callbacks
):
    expires = entry.valid_until
    assert run(add_months(expires, -13), django_capture_on_commit_callbacks) == 0
    for months in (12, 6, 3):
        day = add_months(expires, -months)
        mail.outbox.clear()
        assert run(day, django_capture_on_commit_callbacks) == 1
        assert run(day, django_capture_on_commit_callbacks) == 0  # the same day again: nothing
        assert run(day + datetime.timedelta(days=1), django_capture_on_commit_callbacks) == 0
        recipients = {address for message in mail.outbox for address in message.to}
        assert recipients == {provider_staff.email, coordinator.email}
        assert f"expires on {expires.isoformat()}" in mail.outbox[0].subject
    assert sorted(ExpiryReminder.objects.values_list("months", flat=True)) == [3, 6, 12]
    assert run(expires + datetime.timedelta(days=1), django_capture_on_commit_callbacks) == 0


def test_an_entry_found_late_gets_only_the_nearest_reminder(entry, django_capture_on_commit_callbacks):
    day = add_months(entry.valid_until, -4)  # past the 12 and 6 months marks
    assert run(day, django_capture_on_commit_callbacks) == 1
    assert dict(ExpiryReminder.objects.values_list("months", "sent")) == {6: True, 12: False}
    assert len(mail.outbox) == 2  # one to the staff member, one to the coordinator


def test_the_months_are_a_setting(entry, settings, django_capture_on_commit_callbacks):
    settings.ACCREDITATION = {**settings.ACCREDITATION, "EXPIRY_REMINDER_MONTHS": (1,)}
    assert run(add_months(entry.valid_until, -3), django_capture_on_commit_callbacks) == 0
    assert run(add_months(entry.valid_until, -1), django_capture_on_commit_callbacks) == 1


def test_withdrawn_entries_get_no_reminder(entry, django_capture_on_commit_callbacks):
    RegisterEntry.objects.filter(pk=entry.pk).update(status="withdrawn")
    assert run(add_months(entry.valid_until, -3), django_capture_on_commit_callbacks) == 0
