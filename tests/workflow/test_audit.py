"""The audit trail is a hash chain: verify_audit finds the first tampered or missing event."""

import pytest
from django.core.management import CommandError, call_command

from accreditation.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_every_transition_is_audited(driver, coordinator):
    driver.screen(coordinator)
    verbs = list(driver.application.audit_events.values_list("verb", flat=True))
    assert verbs[:2] == ["submitted", "started the accreditation process"]
    assert "screened" in verbs
    moves = driver.application.audit_events.filter(verb="moved").values_list("data__to", flat=True)
    assert list(moves) == ["screening", "panel"]


def test_intact_chain_verifies(driver, coordinator, capsys):
    driver.screen(coordinator)
    call_command("verify_audit")
    assert "Audit chain intact" in capsys.readouterr().out


def test_tampered_event_is_reported_as_the_first_broken_link(driver, coordinator):
    driver.screen(coordinator)
    events = list(AuditEvent.objects.order_by("pk"))
    target = events[2]
    AuditEvent.objects.filter(pk=target.pk).update(verb="nothing happened")  # bypasses the append-only guard
    with pytest.raises(CommandError, match=f"event #{target.pk}: its content does not match its hash"):
        call_command("verify_audit")


def test_deleted_event_breaks_the_next_link(driver, coordinator):
    driver.screen(coordinator)
    events = list(AuditEvent.objects.order_by("pk"))
    AuditEvent.objects.filter(pk=events[1].pk)._raw_delete(AuditEvent.objects.db)
    with pytest.raises(CommandError, match=f"event #{events[2].pk}: its previous-hash"):
        call_command("verify_audit")


def test_audit_rows_refuse_updates_and_deletes(driver):
    event = AuditEvent.objects.first()
    event.verb = "changed"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
