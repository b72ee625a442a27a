"""One rule for an entry's public status on any date: past its validity an entry is expired whatever its
stored status, except that a withdrawal made before expiry stays a withdrawal."""

import datetime

import pytest
from django.utils import timezone

from accreditation.models import RegisterEntry, RegisterEvent
from accreditation.models.register import EntryStatus, entry_state, has_effective_status
from tests.factories import make_register_entry

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _event(entry, kind, status, on):
    return RegisterEvent.objects.create(
        entry=entry,
        kind=kind,
        status=status,
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
        effective_on=on,
        reason="test",
    )


def _public(entry, on=TODAY):
    """The status by every road: the filter, the annotation, the Python method and entry_state()."""
    by_filter = {
        s for s in EntryStatus.values if RegisterEntry.objects.filter(has_effective_status(s, on), pk=entry.pk).exists()
    }
    annotated = RegisterEntry.objects.with_effective_status(on).get(pk=entry.pk).effective_status
    state = entry_state(RegisterEntry.objects.get(pk=entry.pk), on)
    fresh = RegisterEntry.objects.get(pk=entry.pk)
    assert by_filter == {annotated} == {fresh.effective_status_on(on)} == {state.status}
    return state


def test_a_suspended_entry_past_its_validity_is_expired():
    # Suspended today (an entry can only be suspended while valid), read on a day after its validity ends.
    entry = make_register_entry(valid_from=TODAY - datetime.timedelta(days=300), years=1, status=EntryStatus.SUSPENDED)
    after_its_end = entry.valid_until + datetime.timedelta(days=1)
    assert _public(entry).status == EntryStatus.SUSPENDED
    assert _public(entry, after_its_end).status == EntryStatus.EXPIRED
    as_of = RegisterEntry.objects.as_of(after_its_end).get(pk=entry.pk)
    assert as_of.status_then == EntryStatus.EXPIRED


def test_a_suspended_entry_within_its_validity_is_suspended_with_its_start():
    entry = make_register_entry(status=EntryStatus.SUSPENDED)
    state = _public(entry)
    assert state.status == EntryStatus.SUSPENDED
    assert state.suspended_since == TODAY
    assert state.ends_on == entry.valid_until


def test_withdrawn_before_expiry_stays_withdrawn_and_ends_on_the_withdrawal_date():
    entry = make_register_entry(valid_from=TODAY - datetime.timedelta(days=400), years=1)
    withdrawn_on = entry.valid_until - datetime.timedelta(days=10)
    _event(entry, RegisterEvent.Kind.WITHDRAWN, EntryStatus.WITHDRAWN, withdrawn_on)
    RegisterEntry.objects.filter(pk=entry.pk).update(status=EntryStatus.WITHDRAWN)
    state = _public(entry)
    assert state.status == EntryStatus.WITHDRAWN
    assert state.ends_on == withdrawn_on
    assert RegisterEntry.objects.as_of(TODAY).get(pk=entry.pk).status_then == EntryStatus.WITHDRAWN
    # Before the withdrawal it was active: the history says so.
    before = withdrawn_on - datetime.timedelta(days=1)
    assert entry_state(RegisterEntry.objects.get(pk=entry.pk), before).status == EntryStatus.ACTIVE
    assert RegisterEntry.objects.as_of(before).get(pk=entry.pk).status_then == EntryStatus.ACTIVE


def test_withdrawn_after_expiry_is_expired():
    entry = make_register_entry(valid_from=TODAY - datetime.timedelta(days=400), years=1)
    _event(entry, RegisterEvent.Kind.WITHDRAWN, EntryStatus.WITHDRAWN, TODAY)
    RegisterEntry.objects.filter(pk=entry.pk).update(status=EntryStatus.WITHDRAWN)
    state = _public(entry)
    assert state.status == EntryStatus.EXPIRED
    assert state.ends_on == entry.valid_until


def test_issued_is_the_decision_date_and_modified_the_last_change():
    entry = make_register_entry()
    state = _public(entry)
    assert state.issued == entry.decision.decided_at
    later = _event(entry, RegisterEvent.Kind.SUSPENDED, EntryStatus.SUSPENDED, TODAY)
    assert entry_state(RegisterEntry.objects.get(pk=entry.pk)).modified >= later.recorded_at
    annotated = RegisterEntry.objects.with_public_state().get(pk=entry.pk)
    assert entry_state(annotated).modified >= later.recorded_at


def test_the_provider_page_as_of_a_date_after_the_end_says_expired_for_a_suspended_entry(client):
    entry = make_register_entry(valid_from=TODAY - datetime.timedelta(days=100), years=1, status=EntryStatus.SUSPENDED)
    after = entry.valid_until + datetime.timedelta(days=1)
    page = client.get(f"/register/providers/{entry.provider_id}/", {"as_of": after.isoformat()}).content.decode()
    assert "status-expired" in page and "status-suspended" not in page
    during = client.get(f"/register/providers/{entry.provider_id}/", {"as_of": TODAY.isoformat()}).content.decode()
    assert "status-suspended" in during
