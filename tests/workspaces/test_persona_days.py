"""A browser walk of each persona's day, at 1280 px and on a 375 px phone: sign in, land on My tasks, open the
task, do it, see the result. Every page is checked with axe-core (WCAG 2.1 AA), no form control of the task may
lie outside the viewport sideways, and no page may scroll sideways at 1280 px."""

import os
from pathlib import Path

import pytest

from accreditation.models import Application
from tests.browser import SCREENSHOTS, assert_accessible, login
from tests.flow import Driver, draft_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path(os.environ.get("WORKSPACE_SHOTS") or SCREENSHOTS / "persona-days")

CONTROLS_OUTSIDE = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('main form input, main form select, main form textarea, main form button')]
    .filter(el => el.type !== 'hidden' && el.getClientRects().length > 0)
    .filter(el => { const r = el.getBoundingClientRect(); return r.left < 0 || r.right > width; })
    .map(el => el.name || el.id);
}"""
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def check(page, width: int, name: str) -> str:
    """The checks every page of a walk passes; returns the main text."""
    page.wait_for_load_state()
    assert page.evaluate(CONTROLS_OUTSIDE) == [], f"{page.url}: controls outside the viewport at {width} px"
    if width >= 1280:
        assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{page.url} scrolls sideways at {width} px"
    assert_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    return page.inner_text("main")


def land(page, user, width: int, name: str) -> str:
    page.set_viewport_size({"width": width, "height": 900})
    login(page, user)  # signing in lands on My tasks
    return check(page, width, f"{name}-tasks")


WIDTHS = pytest.mark.parametrize("width", [1280, 375])


@WIDTHS
def test_the_providers_day(page, width, provider, agency, authority, provider_staff, coordinator, reviewers):
    draft = draft_application(provider, agency, authority, provider_staff)
    text = land(page, provider_staff, width, "provider")
    assert "Complete and submit the draft application" in text and draft.reference in text
    page.click("main a:has-text('Complete and submit the draft application')")
    text = check(page, width, "provider-draft")
    assert "Delete the draft" in text and "Everything needed is here" in text
    page.click("button:has-text('Submit to the agency')")
    assert "You can no longer edit the application" in check(page, width, "provider-confirm")
    page.click("button:has-text('Submit the application')")
    text = check(page, width, "provider-submitted")
    assert "is submitted to the agency" in text and "Screening" in text
    page.click("main a:has-text('Withdraw the application')")
    page.fill("#id_reason", "We merge the course into a degree.")
    page.click("button:has-text('Continue')")
    assert "every open task is closed" in check(page, width, "provider-withdraw-confirm")
    page.click("button:has-text('Withdraw the application')")
    text = check(page, width, "provider-withdrawn")
    assert "Withdrawn by the provider" in text and "We merge the course into a degree." in text
    draft.refresh_from_db()
    assert draft.status == Application.Status.WITHDRAWN


@WIDTHS
def test_the_coordinators_day(page, width, client, submitted, coordinator, reviewers):
    text = land(page, coordinator, width, "coordinator")
    assert "Screen the application" in text and submitted.reference in text
    page.click("main a:has-text('Screen the application')")
    check(page, width, "coordinator-screen")
    page.check("input[value=accept]")
    page.click("button:has-text('Record the screening')")
    page.click("main a:has-text('Compose the review panel')")
    text = check(page, width, "coordinator-compose")
    assert "Suggested panel" in text and "best suited first" in text
    assert page.locator("main input[type=checkbox]:checked").count() == 3
    page.click("button:has-text('Invite the panel')")
    text = check(page, width, "coordinator-invited")
    assert "reviewers are invited" in text
    page.goto(f"/applications/{submitted.pk}/")
    text = check(page, width, "coordinator-application")
    for reviewer in reviewers:
        assert reviewer.get_full_name() in text


@WIDTHS
def test_the_reviewers_day(page, width, client, submitted, coordinator, reviewers):
    driver = Driver(client, submitted)
    driver.screen(coordinator)
    chair, expert, student = reviewers
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    text = land(page, expert, width, "reviewer")
    assert "Review the application" in text
    page.click("main a:has-text('Review the application')")
    check(page, width, "reviewer-invitation")
    page.check("input[value=accept]")
    page.click("button:has-text('Send my answer')")
    text = check(page, width, "reviewer-form")
    assert "0 of" in text and "standards judged" in text and "Before you submit" in text
    selects = page.locator("select[name^='value_']").all()
    selects[0].select_option(index=1)
    page.locator("button[name=save]").first.click()
    text = check(page, width, "reviewer-draft-saved")
    assert "Your draft review is saved" in text and "1 of" in text
    for select in page.locator("select[name^='value_']").all():
        select.select_option(index=1)
    for prefix in ("level_", "workload_"):
        for select in page.locator(f"select[name^='{prefix}']").all():
            select.select_option(index=1)
    page.select_option("#id_recommendation", "accredit")
    page.locator("button[name=save]").last.click()
    assert "Every standard is judged" in check(page, width, "reviewer-complete")
    page.click("button:has-text('Submit the review')")
    assert "Your review is submitted" in check(page, width, "reviewer-submitted")


@WIDTHS
def test_the_officers_day(page, width, client, submitted, coordinator, reviewers, provider_staff, authority_officer):
    driver = Driver(client, submitted)
    driver.to_decision(coordinator, reviewers, provider_staff)
    text = land(page, authority_officer, width, "officer")
    assert "Decide on the application" in text
    page.click("main a:has-text('Decide on the application')")
    check(page, width, "officer-decide")
    page.check("input[value=accredit]")
    page.fill("#id_rationale", "Meets ESG Part 1 and the EU principles.")
    page.click("button:has-text('Record the decision')")
    assert "published on the public register at once" in check(page, width, "officer-confirm")
    page.click("button:has-text('Record the decision')")
    submitted.refresh_from_db()
    assert submitted.status == Application.Status.ACCREDITED
    page.goto("/authority/")
    text = check(page, width, "officer-authority")
    assert submitted.provider.legal_name in text
