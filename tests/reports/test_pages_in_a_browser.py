"""In a real browser: a provider uploads a catalogue, watches the background check finish (htmx polling, then
the page reloads with the outcome), and a coordinator reads the statistics; each page passes axe-core (WCAG 2.1
AA)."""

import re

import pytest

from accreditation.models import MicroCredential
from tests.browser import SCREENSHOTS, assert_accessible, login

from .conftest import GOOD, workbook_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_provider_checks_and_imports_a_catalogue(page, provider_staff, provider, settings, tmp_path):
    settings.JOBS_RUN_INLINE = False  # the embedded default: a thread, polled by the page
    login(page, provider_staff)
    page.goto("/provider/catalogue/import/")
    assert_accessible(page)
    catalogue = tmp_path / "catalogue.xlsx"
    catalogue.write_bytes(workbook_bytes([GOOD, {**GOOD, "title": "Solar Storage", "ects": "three"}]))
    page.set_input_files("#id_workbook", str(catalogue))
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/jobs/\d+/$"))
    page.wait_for_selector("text=Download the checked workbook (XLSX)", timeout=30000)
    assert "Nothing can be imported while a row has errors" in page.content()
    assert_accessible(page)
    page.screenshot(path=str(SCREENSHOTS / "catalogue-checked-with-errors.png"), full_page=True)

    catalogue.write_bytes(workbook_bytes([GOOD]))
    page.goto("/provider/catalogue/import/")
    page.set_input_files("#id_workbook", str(catalogue))
    page.click("main button[type=submit]")
    page.wait_for_selector("button:has-text('Import 1 micro-credential')", timeout=30000)
    page.click("button:has-text('Import 1 micro-credential')")
    page.wait_for_selector("text=1 micro-credential was added to your catalogue.", timeout=30000)
    assert_accessible(page)
    assert MicroCredential.objects.filter(provider=provider, title=GOOD["title"]).exists()


def test_a_coordinator_reads_the_statistics(page, applications, coordinator):
    login(page, coordinator)
    page.click("nav >> text=Statistics")
    page.wait_for_url(re.compile(r".*/statistics/$"))
    # The nine figures of the applications, then the two of their conditions (state, days to the outcome).
    assert page.locator("svg[role=img]").count() == 9 + 2
    assert page.locator("table").count() == 9 + 2
    assert page.get_by_role("heading", name="Conditions by state").count() == 1
    assert_accessible(page)
