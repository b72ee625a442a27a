"""Incremental harvesting through the API: `modified_since` on the entry and provider lists, and each entry's
state from the register's one rule."""

import datetime

import pytest
from django.utils import timezone

from accreditation.models import RegisterEntry, RegisterEvent
from accreditation.models.register import EntryStatus
from tests.factories import make_register_entry

pytestmark = pytest.mark.django_db


def test_modified_since_lists_only_what_changed_status_changes_included(client):
    quiet, changed = make_register_entry(), make_register_entry()
    since = timezone.now() + datetime.timedelta(minutes=1)
    RegisterEntry.objects.filter(pk=quiet.pk).update(updated_at=since - datetime.timedelta(minutes=5))
    RegisterEntry.objects.filter(pk=changed.pk).update(updated_at=since - datetime.timedelta(minutes=5))
    RegisterEvent.objects.create(
        entry=changed,
        kind="suspended",
        status="suspended",
        valid_from=changed.valid_from,
        valid_until=changed.valid_until,
        effective_on=timezone.localdate(),
        reason="Complaint",
        recorded_at=since + datetime.timedelta(seconds=1),
    )
    RegisterEntry.objects.filter(pk=changed.pk).update(status=EntryStatus.SUSPENDED)
    RegisterEntry.objects.filter(pk=changed.pk).update(updated_at=since - datetime.timedelta(minutes=5))
    entries = client.get("/api/v1/entries/", {"modified_since": since.isoformat()}).json()["results"]
    assert [e["certificate_id"] for e in entries] == [changed.certificate_id]
    assert entries[0]["status"] == entries[0]["state"]["status"] == "suspended"
    assert entries[0]["state"]["suspended_since"] == timezone.localdate().isoformat()
    providers = client.get("/api/v1/providers/", {"modified_since": since.isoformat()}).json()["results"]
    assert [p["id"] for p in providers] == [changed.provider_id]
    everything = client.get("/api/v1/entries/", {"modified_since": "2000-01-01"}).json()["results"]
    assert len(everything) == 2


def test_bad_modified_since_is_a_400_that_says_why(client):
    make_register_entry()
    response = client.get("/api/v1/entries/", {"modified_since": "yesterday"})
    assert response.status_code == 400
    assert "modified_since" in response.json()
    assert client.get("/api/v1/providers/", {"modified_since": "2026-13-45"}).status_code == 400


def test_the_api_gives_every_identifier_and_the_dates_of_the_state(client):
    entry = make_register_entry()
    record = client.get(f"/api/v1/entries/{entry.certificate_id}/").json()
    assert {"pic", "eter_id", "national_id", "erasmus_code", "deqar_id", "ror_id", "schac_code"} <= set(
        record["provider"]
    )
    assert record["state"]["ends_on"] == entry.valid_until.isoformat()
    assert record["state"]["decided"].startswith(entry.decision.decided_at.date().isoformat())
