"""The coordinator's DEQAR page in a real browser: what each decision's report holds or lacks, WCAG 2.1 AA, and a
look at it at desktop and phone widths."""

import pytest

from accreditation.models import Membership, Role
from tests.browser import SCREENSHOTS, assert_accessible, login
from tests.factories import ProviderFactory, UserFactory, make_register_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_coordinator_sees_each_decisions_deqar_report(page, settings):
    settings.DEQAR_SUBMISSION_URL = "http://127.0.0.1:9/submissionapi/v2/submit/report"
    entry = make_register_entry(provider=ProviderFactory(legal_name="Atlantic University", deqar_id="DEQARINST0042"))
    other = make_register_entry(
        provider=ProviderFactory(legal_name="A Company With A Rather Long Legal Name Ltd", type="company")
    )
    agency = entry.agency
    type(other.application).objects.filter(pk=other.application_id).update(agency=agency)
    agency.deqar_activities_programme, agency.deqar_token = "182", "token"
    agency.save()
    coordinator = UserFactory(username="coordinator")
    Membership.objects.create(user=coordinator, role=Role.COORDINATOR, agency=agency)
    login(page, coordinator)
    page.goto(f"/agency/{agency.pk}/deqar/")
    text = page.inner_text("main")
    assert "Not sent yet" in text
    assert "has no identifier DEQAR knows" in text
    assert "Send new and changed reports to DEQAR" in text
    assert_accessible(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "deqar-page-1280.png"), full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=str(SCREENSHOTS / "deqar-page-375.png"), full_page=True)
