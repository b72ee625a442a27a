"""The condition report and assessment pages in Chromium, as the provider and the coordinator, with axe (WCAG
2.1 AA), at 1280 and 375 px: the report is typed, a file attached and sent; the coordinator reads it and finds
the condition met; nothing reaches past the viewport's width."""

from pathlib import Path

import pytest

from accreditation.models import Condition
from tests.browser import SCREENSHOTS, assert_accessible, login, logout

from .conftest import PDF_BYTES, conditional_entry, open_task, task_url

NO_SIDEWAYS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("width", [1280, 375])
def test_report_and_assessment_pages(
    page, width, tmp_path: Path, provider, agency, authority, provider_staff, coordinator, authority_officer
):
    entry = conditional_entry(provider, agency, authority, provider_staff, coordinator, authority_officer)
    condition = entry.condition_items.get(number=1)
    evidence = tmp_path / "moderation.pdf"
    evidence.write_bytes(PDF_BYTES)
    page.set_viewport_size({"width": width, "height": 900})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    login(page, provider_staff)
    page.goto(task_url(open_task(provider_staff, "report_on_condition", condition)))
    assert "Publish the assessment regulations" in page.inner_text("main")
    assert page.evaluate(NO_SIDEWAYS)
    assert_accessible(page)
    page.screenshot(path=str(SCREENSHOTS / f"condition-report-{width}.png"), full_page=True)
    page.fill("#id_text", "The regulations are published for every micro-credential.")
    page.set_input_files("#id_files", str(evidence))
    page.click("main button[type=submit]")
    page.wait_for_url("**/tasks/")
    assert "sent to the agency" in page.inner_text("main")
    logout(page)

    login(page, coordinator)
    page.goto(task_url(open_task(coordinator, "assess_condition_report", condition)))
    main = page.inner_text("main")
    assert "The regulations are published for every micro-credential." in main
    assert "moderation.pdf" in main
    assert page.evaluate(NO_SIDEWAYS)
    assert_accessible(page)
    page.screenshot(path=str(SCREENSHOTS / f"condition-assess-{width}.png"), full_page=True)
    page.check("input[name=assessment][value=met]")
    page.click("main button[type=submit]")
    page.wait_for_url("**/tasks/")
    assert Condition.objects.get(pk=condition.pk).state == Condition.State.MET
