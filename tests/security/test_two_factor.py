"""Second factor: required for administrators and for members of organisations that ask for it, optional for the
rest; set up with a locally drawn QR code and a first code."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_an_administrator_is_held_at_the_second_factor_setup(client, two_factor_enforced):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/?next=%2Fadmin%2F")
    page = client.get(response["Location"])
    text = page.content.decode()
    assert "<svg" in text and "otpauth" not in text  # the QR code is drawn here; the secret is not in a URL
    assert "<script" not in text.split("<main")[1].split("</main>")[0]


def test_setting_up_with_the_first_code_opens_the_admin(client, two_factor_enforced, security_log):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    client.get("/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=admin)
    wrong = client.post("/accounts/two-factor/", {"code": "000000" if _code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "not the one expected" in wrong.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # each failure makes the next try wait longer
    device.throttle_reset()
    done = client.post("/accounts/two-factor/", {"code": _code(device), "next": "/admin/"})
    assert done.status_code == 302 and done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert "two_factor_enabled" in security_log.events()


def test_a_new_session_of_an_administrator_with_a_device_asks_for_a_code(client, two_factor_enforced):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    client.force_login(admin)
    response = client.get("/admin/")
    assert response["Location"].startswith("/accounts/two-factor/verify/")
    bad = client.post("/accounts/two-factor/verify/", {"code": "12345x"})
    assert bad.status_code == 200 and "six digits" in bad.content.decode()  # refused before any try is counted
    ok = client.post("/accounts/two-factor/verify/", {"code": _code(device), "next": "/admin/"})
    assert ok["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_an_organisation_can_require_it_of_its_members(client, two_factor_enforced, provider_staff, provider):
    client.force_login(provider_staff)
    assert client.get("/tasks/").status_code == 200  # optional while the provider does not require it
    provider.requires_two_factor = True
    provider.save()
    response = client.get("/tasks/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/")


def test_staff_may_set_it_up_and_remove_it_when_not_required(client, two_factor_enforced, coordinator):
    client.force_login(coordinator)
    client.get("/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=coordinator)
    client.post("/accounts/two-factor/", {"code": _code(device)})
    assert TOTPDevice.objects.get(user=coordinator).confirmed
    client.post("/accounts/two-factor/remove/")
    assert not TOTPDevice.objects.filter(user=coordinator).exists()


def test_it_cannot_be_removed_when_required(client, two_factor_enforced):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    client.get("/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=admin)
    client.post("/accounts/two-factor/", {"code": _code(device)})
    page = client.post("/accounts/two-factor/remove/")
    assert "cannot be removed" in page.content.decode()
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()
