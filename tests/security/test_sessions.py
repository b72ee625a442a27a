"""Sessions end when idle or too old; cookies are Secure over HTTPS; signed-in pages are never cached."""

import datetime
import time

import pytest

from accreditation.security.sessions import LAST_SEEN, STARTED
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _age_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    session[STARTED] = now - seconds_ago.get("started", 0)
    session[LAST_SEEN] = now - seconds_ago.get("last_seen", 0)
    session.save()


def _signed_out_after_idle(client, minutes: int) -> bool:
    client.get("/tasks/")
    _age_session(client, started=minutes * 60, last_seen=minutes * 60)
    response = client.get("/tasks/")
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")
        assert "_auth_user_id" not in client.session
        return True
    assert response.status_code == 200
    return False


@pytest.mark.parametrize("persona", ["coordinator", "authority_officer"])
def test_a_staff_session_ends_after_thirty_idle_minutes(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert _signed_out_after_idle(client, 31)


def test_an_administrator_session_ends_after_thirty_idle_minutes(client, settings):
    settings.TWO_FACTOR_ENFORCED = False  # the second factor is tested elsewhere; this is the idle rule
    client.force_login(UserFactory(username="admin-idle", is_staff=True))
    assert _signed_out_after_idle(client, 31)


def test_provider_staff_have_an_hour_without_use(client, provider_staff):
    """Provider staff write long answers; what they can change alone is their provider's drafts."""
    client.force_login(provider_staff)
    assert not _signed_out_after_idle(client, 45)
    assert _signed_out_after_idle(client, 61)


def test_one_staff_role_gives_the_shorter_limit(client, provider_staff, agency):
    from accreditation.models import Membership, Role

    Membership.objects.create(user=provider_staff, role=Role.REVIEWER, agency=agency)
    client.force_login(provider_staff)
    assert _signed_out_after_idle(client, 31)


def test_the_idle_limits_are_settings(client, provider_staff, settings):
    settings.SESSION_IDLE_TIMEOUT_PROVIDER = datetime.timedelta(minutes=10)
    client.force_login(provider_staff)
    assert _signed_out_after_idle(client, 11)


def test_an_active_session_ends_twelve_hours_after_sign_in(client, provider_staff):
    client.force_login(provider_staff)
    client.get("/tasks/")
    _age_session(client, started=12 * 3600 + 60, last_seen=10)
    assert client.get("/tasks/").status_code == 302


def test_a_session_in_use_goes_on(client, provider_staff):
    client.force_login(provider_staff)
    client.get("/tasks/")
    _age_session(client, started=11 * 3600, last_seen=29 * 60)
    assert client.get("/tasks/").status_code == 200


def test_cookies_are_secure_over_https(client):
    UserFactory(username="secure")
    response = client.post("/accounts/login/", {"username": "secure", "password": PASSWORD}, secure=True)
    assert response.status_code == 302
    assert response.cookies["sessionid"]["secure"] is True


def test_secure_cookies_default_on_when_the_site_address_is_https(monkeypatch):
    import importlib

    import config.settings as production

    monkeypatch.setenv("SITE_URL", "https://register.example.eu")
    monkeypatch.setenv("EMBEDDED_DEMO", "1")
    try:
        reloaded = importlib.reload(production)
        assert reloaded.SESSION_COOKIE_SECURE is True and reloaded.CSRF_COOKIE_SECURE is True
    finally:
        monkeypatch.undo()
        importlib.reload(production)


def test_signed_in_pages_are_not_stored(client, provider_staff):
    client.force_login(provider_staff)
    response = client.get("/tasks/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    public = client.get("/register/")
    assert "no-store" in public["Cache-Control"]  # the same public page, served to someone signed in


def test_every_page_carries_csp_and_permissions_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_template_of_the_project_has_inline_script():
    """The policy allows scripts only from our own static files: no inline script or handler attribute anywhere."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>|\son[a-z]+=|javascript:|hx-on", re.I
    )
    offenders = [
        str(path.relative_to(root))
        for path in root.glob("*/templates/**/*.html")
        if ".venv" not in path.parts and inline.search(path.read_text())
    ]
    offenders += [
        str(p.relative_to(root)) for p in (root / "templates").glob("**/*.html") if inline.search(p.read_text())
    ]
    assert offenders == []


def test_error_mails_go_to_the_configured_admins(monkeypatch):
    import importlib

    import config.settings as production

    monkeypatch.setenv("ADMINS", "Operations <ops@register.example.eu>,noc@register.example.eu")
    monkeypatch.setenv("EMBEDDED_DEMO", "1")
    try:
        reloaded = importlib.reload(production)
        assert reloaded.ADMINS == [
            ("Operations", "ops@register.example.eu"),
            ("noc@register.example.eu", "noc@register.example.eu"),
        ]
        assert "mail_admins" in reloaded.LOGGING["loggers"]["django.request"]["handlers"]
    finally:
        monkeypatch.undo()
        importlib.reload(production)
