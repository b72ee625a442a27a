"""The migration that keyed the audit chain (accreditation 0011) verifies the old unkeyed chain, re-hashes it with
the key over columns that never change, and verifies the new chain before it commits; an old chain that is already
broken is refused, never laundered into a valid new one (issue 11). Run on events written by the flow, put back
into the old format first."""

import importlib

import pytest
from django.apps import apps as django_apps

from accreditation.audit import verify_chain
from accreditation.models import AuditEvent, AuditHead
from accreditation.models.audit import GENESIS_HASH

pytestmark = pytest.mark.django_db
migration = importlib.import_module("accreditation.migrations.0011_audit_chain_keyed")


class TodaysModels:
    """The migration's `apps`, answering with today's models (the columns it reads and writes are unchanged)."""

    def get_model(self, app_label: str, name: str):
        return django_apps.get_model("base" if name in ("AuditEvent", "AuditHead") else app_label, name)


def _as_before_the_migration() -> list[int]:
    """Rewrite the chain in the old formula: no copied reference, plain SHA-256 over the old values."""
    previous, ids = GENESIS_HASH, []
    for event in AuditEvent.objects.order_by("pk"):
        event.application_reference, event.prev_hash = "", previous
        old = migration._old_hash(event)
        AuditEvent.objects.filter(pk=event.pk).update(application_reference="", prev_hash=previous, hash=old)
        previous = old
        ids.append(event.pk)
    AuditHead.objects.update_or_create(pk=1, defaults={"last_hash": previous})
    return ids


def test_an_intact_old_chain_is_rehashed_and_verifies_after(driver, coordinator):
    driver.screen(coordinator)
    ids = _as_before_the_migration()
    assert len(ids) > 3 and verify_chain() is not None  # the old chain does not pass the keyed check
    migration.rehash(TodaysModels(), None)
    assert verify_chain() is None
    references = set(AuditEvent.objects.exclude(application=None).values_list("application_reference", flat=True))
    assert references == {driver.application.reference}
    assert AuditHead.objects.get(pk=1).last_hash == AuditEvent.objects.order_by("pk").last().hash


def test_a_broken_old_chain_is_refused_and_left_as_it_was(driver, coordinator):
    driver.screen(coordinator)
    ids = _as_before_the_migration()
    AuditEvent.objects.filter(pk=ids[1]).update(verb="decided")  # tampered before the migration
    before = list(AuditEvent.objects.order_by("pk").values_list("hash", flat=True))
    with pytest.raises(RuntimeError, match=f"already broken at event #{ids[1]}"):
        migration.rehash(TodaysModels(), None)
    assert list(AuditEvent.objects.order_by("pk").values_list("hash", flat=True)) == before
