"""A suspension with dates: the officer's form takes them, the timers start and lift it on those days, the
provider is e-mailed each time, and an entry that expires while suspended shows expired."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accreditation.models import RegisterEntry, RegisterEvent, Suspension
from accreditation.models.register import EntryStatus, entry_state
from accreditation.services.register import apply_due_suspensions
from tests.factories import make_register_entry

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def entry(provider, authority, provider_staff):
    entry = make_register_entry(provider=provider)
    RegisterEntry.objects.filter(pk=entry.pk).update(authority=authority)
    entry.refresh_from_db()
    return entry


def manage(client, entry, follow=False, **data):
    data = {"change": "suspended", "reason": "Audit pending.", **data}
    return client.post(f"/register/entries/{entry.pk}/manage/", data, follow=follow)


def test_the_officer_suspends_from_a_later_date_until_a_date_and_the_timers_do_the_rest(
    entry, client, authority_officer, provider_staff, django_capture_on_commit_callbacks
):
    client.force_login(authority_officer)
    start, end = TODAY() + datetime.timedelta(days=3), TODAY() + datetime.timedelta(days=40)
    page = client.get(f"/register/entries/{entry.pk}/manage/").content.decode()
    assert "Suspended from" in page and "Suspended until" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = manage(client, entry, starts_on=start.isoformat(), ends_on=end.isoformat(), follow=True)
    assert "will be suspended from" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ACTIVE
    assert [m.subject for m in mail.outbox if provider_staff.email in m.to] == [
        f"Your register entry {entry.certificate_id} will be suspended from {start.isoformat()}"
    ]
    assert "Suspension planned from" in client.get(f"/register/entries/{entry.pk}/manage/").content.decode()

    assert apply_due_suspensions(TODAY() + datetime.timedelta(days=2)) == (0, 0)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert apply_due_suspensions(start) == (1, 0)
        assert apply_due_suspensions(start) == (0, 0)  # a second run changes nothing
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUSPENDED
    event = entry.events.get(kind=RegisterEvent.Kind.SUSPENDED)
    assert event.effective_on == start
    assert entry_state(entry, start).suspended_until == end
    assert any("is suspended" in m.subject for m in mail.outbox)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert apply_due_suspensions(end) == (0, 1)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ACTIVE
    assert entry.events.get(kind=RegisterEvent.Kind.REINSTATED).effective_on == end
    assert any("is lifted" in m.subject for m in mail.outbox)
    assert Suspension.objects.get().lifted is not None


def test_a_suspension_from_today_starts_at_once_and_lifts_through_the_timers_command(entry, client, authority_officer):
    client.force_login(authority_officer)
    end = TODAY() + datetime.timedelta(days=1)
    assert manage(client, entry, ends_on=end.isoformat()).status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUSPENDED
    assert entry_state(RegisterEntry.objects.with_public_state().get(pk=entry.pk)).suspended_until == end
    # A day passes: the suspension began yesterday and its end date is today.
    Suspension.objects.update(starts_on=TODAY() - datetime.timedelta(days=1), ends_on=TODAY())
    output = StringIO()
    call_command("workflow_timers", stdout=output)
    assert "0 suspension(s) started, 1 lifted" in output.getvalue()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ACTIVE


def test_bad_dates_are_refused_with_a_message_and_nothing_changes(entry, client, authority_officer):
    client.force_login(authority_officer)
    yesterday = TODAY() - datetime.timedelta(days=1)
    past = manage(client, entry, starts_on=yesterday.isoformat())
    assert past.status_code == 400
    assert "starts today or later" in past.content.decode()
    backwards = manage(client, entry, starts_on=TODAY().isoformat(), ends_on=TODAY().isoformat())
    assert backwards.status_code == 400
    assert "must end after it starts" in backwards.content.decode()
    assert "Audit pending." in backwards.content.decode()  # what was typed is kept
    too_late = manage(client, entry, starts_on=(entry.valid_until + datetime.timedelta(days=1)).isoformat())
    assert too_late.status_code == 400
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ACTIVE
    assert not Suspension.objects.exists()


def test_an_entry_that_expires_while_suspended_shows_expired(entry, authority_officer):
    from accreditation.services.register import schedule_suspension

    schedule_suspension(entry=entry, starts_on=TODAY(), ends_on=None, reason="Investigation.", by=authority_officer)
    entry.refresh_from_db()
    after = entry.valid_until + datetime.timedelta(days=1)
    assert entry_state(entry, TODAY()).status == EntryStatus.SUSPENDED
    assert entry_state(entry, after).status == EntryStatus.EXPIRED


def test_a_planned_suspension_of_an_entry_withdrawn_meanwhile_never_starts(entry, authority_officer):
    from accreditation.services.register import change_entry_status, schedule_suspension

    start = TODAY() + datetime.timedelta(days=5)
    schedule_suspension(entry=entry, starts_on=start, ends_on=None, reason="Audit.", by=authority_officer)
    change_entry_status(entry=entry, change=RegisterEvent.Kind.WITHDRAWN, reason="Closed down.", by=authority_officer)
    assert apply_due_suspensions(start) == (0, 0)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WITHDRAWN
    assert Suspension.objects.get().cancelled_at is not None
