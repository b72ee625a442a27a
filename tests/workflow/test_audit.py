"""The audit trail is a hash chain: verify_audit finds the first tampered or missing event."""

import pytest
from django.core.management import CommandError, call_command

from accreditation.models import AuditEvent, AuditHead
from accreditation.models.audit import Verb
from tests.security import conftest as security_fixtures

pytestmark = pytest.mark.django_db
security_log = security_fixtures.security_log  # the JSON lines of the security log


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


# --- A chain that only tampering can break (issue 11) ---------------------------------------------------------


@pytest.fixture
def anchor_file(settings, tmp_path):
    settings.AUDIT_ANCHOR_FILE = tmp_path / "audit-anchors.jsonl"
    return settings.AUDIT_ANCHOR_FILE


def test_deleting_a_staff_account_leaves_the_chain_intact(driver, coordinator, capsys):
    driver.screen(coordinator)
    actor_id = coordinator.pk
    coordinator.delete()
    call_command("verify_audit")
    assert "Audit chain intact" in capsys.readouterr().out
    event = AuditEvent.objects.filter(verb="screened").get()
    assert event.actor_id == actor_id and event.actor_name  # the row keeps who it was


def test_the_application_reference_is_copied_into_each_event(driver):
    event = AuditEvent.objects.get(verb="submitted")
    assert event.application_reference == driver.application.reference


def test_a_row_changed_with_every_later_hash_recomputed_without_the_key_is_caught(driver, coordinator):
    import hashlib
    import json

    driver.screen(coordinator)
    events = list(AuditEvent.objects.order_by("pk"))
    previous = events[1].prev_hash
    # What someone with only the database could do: rewrite a row and re-chain everything after it.
    for number, event in enumerate(events[1:], 1):
        values = event.hashed_values()
        values["prev"] = previous
        if number == 1:
            values["verb"] = "nothing happened"
        forged = hashlib.sha256(json.dumps(values, sort_keys=True, separators=(",", ":"), default=str).encode())
        AuditEvent.objects.filter(pk=event.pk).update(prev_hash=previous, hash=forged.hexdigest(), verb=values["verb"])
        previous = forged.hexdigest()
    AuditHead.objects.filter(pk=1).update(last_hash=previous)
    with pytest.raises(CommandError, match=f"event #{events[1].pk}: its content does not match its hash"):
        call_command("verify_audit")


def test_a_chain_checked_with_another_key_fails(driver, settings):
    settings.AUDIT_CHAIN_KEY = "a key that is not the one the chain was written with"
    with pytest.raises(CommandError, match="does not match its hash"):
        call_command("verify_audit")


def test_deleting_the_last_events_and_moving_the_head_back_is_seen_by_the_anchored_head(
    driver, coordinator, anchor_file
):
    driver.screen(coordinator)
    call_command("workflow_timers")  # writes today's signed head outside the database
    events = list(AuditEvent.objects.order_by("pk"))
    AuditEvent.objects.filter(pk__in=[e.pk for e in events[-2:]])._raw_delete(AuditEvent.objects.db)
    AuditHead.objects.filter(pk=1).update(last_hash=events[-3].hash)
    with pytest.raises(CommandError, match="missing: truncated"):
        call_command("verify_audit")


def test_a_head_kept_from_the_published_url_catches_truncation(client, driver, coordinator):
    driver.screen(coordinator)
    published = client.get("/audit/head").json()
    assert published["last_id"] == AuditEvent.objects.order_by("pk").last().pk
    last = AuditEvent.objects.order_by("pk").last()
    AuditEvent.objects.filter(pk=last.pk)._raw_delete(AuditEvent.objects.db)
    AuditHead.objects.filter(pk=1).update(last_hash=AuditEvent.objects.order_by("pk").last().hash)
    call_command("verify_audit")  # without the kept head, this truncation cannot be seen
    with pytest.raises(CommandError, match="truncated"):
        call_command("verify_audit", head=[published["signed_head"]])


def test_a_forged_head_is_refused(driver):
    with pytest.raises(CommandError, match="not genuine"):
        call_command("verify_audit", head=["eyJsYXN0X2lkIjo5OTl9:forged:signature"])


def test_the_daily_head_is_written_once_a_day_to_the_anchor_file_and_the_log(driver, anchor_file, security_log):
    call_command("workflow_timers")
    call_command("workflow_timers")
    lines = anchor_file.read_text().splitlines()
    assert len(lines) == 1
    assert security_log.events().count("audit_head") == 1


def test_a_missing_head_is_a_failure(driver):
    AuditHead.objects.all().delete()
    with pytest.raises(CommandError, match="head is missing"):
        call_command("verify_audit")


def test_an_emptied_chain_is_a_failure_when_applications_exist(driver):
    AuditEvent.objects.all()._raw_delete(AuditEvent.objects.db)
    AuditHead.objects.update(last_hash="0" * 64)
    with pytest.raises(CommandError, match="chain is empty"):
        call_command("verify_audit")


def test_every_verb_the_code_writes_has_a_label(driver, coordinator):
    driver.screen(coordinator)
    for verb in AuditEvent.objects.values_list("verb", flat=True).distinct():
        assert verb in Verb.values
    assert Verb("updated a micro-credential").label == "updated a micro-credential"
