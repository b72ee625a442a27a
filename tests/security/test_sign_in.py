"""Sign-in: lockout per account and per address with an administrator's unlock, limited reset e-mails, password
length, and the authentication events in the JSON log."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _sign_in(client, username, password, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def test_an_account_is_locked_after_repeated_failures_with_a_clear_message(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory(username="target")
    statuses = [_sign_in(client, "target", "wrong-password-123").status_code for _ in range(3)]
    locked = _sign_in(client, "target", PASSWORD)
    assert statuses[:2] == [200, 200]
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Sign-in paused" in text and "Try again in 15 minutes" in text
    assert "_auth_user_id" not in client.session  # the right password does not get past the lockout
    assert user.pk


def test_the_lockout_counts_failures_per_address_across_accounts(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="victim")
    for name in ("alice", "bob", "carol"):
        _sign_in(client, name, "wrong-password-123", REMOTE_ADDR="203.0.113.7")
    from_same_address = _sign_in(client, "victim", PASSWORD, REMOTE_ADDR="203.0.113.7")
    from_elsewhere = _sign_in(client, "victim", PASSWORD, REMOTE_ADDR="198.51.100.9")
    assert from_same_address.status_code == 429
    assert from_elsewhere.status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_address_lockout(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="victim")
    for number, name in enumerate(("alice", "bob", "carol")):
        _sign_in(client, name, "wrong-password-123", HTTP_X_FORWARDED_FOR=f"10.9.8.{number}")
    response = _sign_in(client, "victim", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.8.200")
    assert response.status_code == 429


def test_an_administrator_lifts_a_lockout(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    UserFactory(username="target")
    for _ in range(2):
        _sign_in(client, "target", "wrong-password-123")
    assert _sign_in(client, "target", PASSWORD).status_code == 429
    assert AccessAttempt.objects.filter(username="target").exists()  # what the admin lists and deletes
    call_command("axes_reset_username", "target")
    call_command("axes_reset_ip", "127.0.0.1")
    assert _sign_in(client, "target", PASSWORD).status_code == 302


def test_the_admin_lists_access_attempts_for_unlocking(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    for _ in range(2):
        _sign_in(client, "target", "wrong-password-123", REMOTE_ADDR="203.0.113.50")
    client.force_login(admin)
    page = client.get("/admin/axes/accessattempt/")
    assert page.status_code == 200 and "target" in page.content.decode()


def test_password_reset_mails_are_limited_per_address_and_hour(client, settings):
    settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR = 3
    UserFactory(username="forgetful", email="forgetful@example.org")
    responses = [client.post("/accounts/password_reset/", {"email": "Forgetful@example.org"}) for _ in range(5)]
    assert [r.status_code for r in responses] == [302] * 5  # the same answer, so nobody learns which addresses exist
    assert len(mail.outbox) == 3


def test_password_reset_requests_are_limited_per_client_address(client, rate_limits):
    statuses = [client.post("/accounts/password_reset/", {"email": f"n{i}@example.org"}).status_code for i in range(11)]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429


def test_passwords_need_at_least_twelve_characters():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Tr0ub4dor&3")
    validate_password("correct horse battery")


def test_authentication_events_are_json_lines(client, security_log, settings):
    settings.AXES_FAILURE_LIMIT = 2
    user = UserFactory(username="logged")
    before = len(security_log.events())  # creating the user set its password
    _sign_in(client, "logged", "wrong-password-123")
    _sign_in(client, "logged", PASSWORD)
    client.post("/accounts/logout/")
    user.set_password("a brand new passphrase")
    user.save()
    _sign_in(client, "logged", "wrong-password-123")
    _sign_in(client, "logged", "wrong-password-123")
    events = security_log.events()[before:]
    assert events[:4] == ["login_failed", "login", "logout", "password_changed"]
    assert "lockout" in events[4:]
    first = security_log[before]
    assert first["username"] == "logged" and first["ip"] == "127.0.0.1" and first["logger"] == "security.auth"
    assert security_log[before + 1]["user_id"] == user.pk
