"""`make run`'s demo data set: made through the same services and flow steps as the web UI, with an example of
every state the register shows, and loaded only once."""

import datetime

import pytest
from django.utils import timezone

from accreditation.models import Application, RegisterEntry
from accreditation.models.register import entry_state
from process.demo import load_demo

# serialized_rollback: a transactional test before this one may have emptied the permissions the panel grants.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_demo_shows_every_state_of_the_register_and_loads_once(reference_data, client):
    assert load_demo() is True
    states = {entry.provider.legal_name: entry for entry in RegisterEntry.objects.select_related("provider")}
    status = {name: entry_state(entry).status for name, entry in states.items()}
    assert status["Atlantic Technological College"] == "active"
    assert status["Limerick Makers Collective"] == "suspended"
    assert status["Galway Language Academy"] == "withdrawn"
    assert states["Cork Centre for Lifelong Learning"].conditions
    expiring = states["Kilkenny Craft and Design School"]
    assert status["Kilkenny Craft and Design School"] == "active"
    assert expiring.valid_until <= timezone.localdate() + datetime.timedelta(days=90)
    # The walk of the README: one application waiting for screening, one draft ready to submit.
    assert Application.objects.get(reference="APP-2026-0001").status == Application.Status.SCREENING
    assert Application.objects.get(reference="APP-2026-0002").status == Application.Status.DRAFT
    page = client.get("/register/", {"status": "suspended"}).content.decode()
    assert "Limerick Makers Collective" in page and "Atlantic Technological College" not in page
    assert load_demo() is False
    assert RegisterEntry.objects.count() == len(states)
