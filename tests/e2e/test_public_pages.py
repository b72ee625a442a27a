"""The public pages in a real browser: content, keyboard access and WCAG 2.1 AA."""

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_home_page(page):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Trusted providers of micro-credentials"
    assert page.get_by_label("Search the register").is_visible()
    assert_accessible(page)


def test_skip_link_is_the_first_tab_stop_and_moves_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_frameworks_look_up(page):
    page.goto("/frameworks/")
    page.select_option("#fw", "IE-NFQ")
    page.fill("#lv", "7")
    page.click("button:has-text('Look up')")
    assert "IE-NFQ level 7 corresponds to EQF level 6." in page.inner_text("main")
    assert_accessible(page)


def test_failed_sign_in_explains_and_keeps_the_user_name(page):
    page.goto("/accounts/login/")
    page.fill("#id_username", "nobody")
    page.fill("#id_password", "wrong")
    page.click("main button[type=submit]")
    assert "did not match" in page.inner_text("main")
    assert page.input_value("#id_username") == "nobody"
    assert_accessible(page)


def test_password_reset_and_not_found_pages(page):
    page.goto("/accounts/password_reset/")
    assert page.locator("h1").inner_text() == "Reset your password"
    assert_accessible(page)
    response = page.goto("/no-such-page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert_accessible(page)


def test_mobile_width_keeps_navigation_usable(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/frameworks/")
    assert page.get_by_role("link", name="Frameworks").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
