"""In a real browser, as the personas: provider staff ask to rename their accredited provider on the profile page,
the officer approves in the task from "My tasks", and the public register shows the new name; each page passes
axe-core (WCAG 2.1 AA) at desktop and phone widths."""

import os
import re
from pathlib import Path

import pytest

from tests.browser import SCREENSHOTS, assert_accessible, login, logout

from .test_identity_change import entry  # noqa: F401 - the accredited provider fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SHOTS = Path(os.environ.get("SECURITY_SHOTS", SCREENSHOTS))


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        wide = page.evaluate(
            "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > "
            "window.innerWidth + 1).map(e => e.tagName + '.' + e.className).slice(0, 5)"
        )
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (name, width, wide)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_rename_requested_approved_and_published(page, provider, provider_staff, authority_officer, entry):  # noqa: F811
    login(page, provider_staff)
    page.goto("/provider/profile/")
    page.fill("#id_legal_name", "Western Digital Academy")
    page.fill("#id_reason", "Merged with Western Institute on 1 May.")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Identity change awaiting approval")
    assert "sent to Irish Qualifications Authority for approval" in page.inner_text("main")
    assert page.input_value("#id_legal_name") == "Atlantic Technological College"
    assert_accessible(page)
    _shoot(page, "profile-pending")
    logout(page)

    login(page, authority_officer)
    page.click("text=Approve or refuse a change of a provider's identity")
    page.wait_for_url(re.compile(r".*/decide-identity-change/$"))
    assert "Merged with Western Institute on 1 May." in page.inner_text("main")
    assert_accessible(page)
    _shoot(page, "identity-decide")
    page.check("input[value=approve]")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=The new identity of Western Digital Academy is on the register.")
    logout(page)

    page.goto(f"/register/providers/{provider.pk}/")
    assert page.locator("h1").inner_text() == "Western Digital Academy"
    assert "Provider's identity changed" in page.inner_text("main")
