"""The agency, authority and API documentation pages in Chromium at 1280 px and 375 px: accessible (axe-core),
nothing wider than the screen."""

import pytest

from tests.browser import SCREENSHOTS, assert_accessible
from tests.factories import make_register_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("width", [1280, 375])
def test_agency_authority_and_api_pages_read_well_at_desktop_and_phone_width(page, width):
    entry = make_register_entry()
    page.set_viewport_size({"width": width, "height": 900})
    for name, path in (
        ("agency", f"/register/agencies/{entry.agency_id}/"),
        ("authority", f"/register/authorities/{entry.authority_id}/"),
        ("api-docs", "/api/docs/"),
    ):
        page.goto(path)
        assert entry.provider.legal_name in page.content() or name == "api-docs"
        assert_accessible(page)
        assert no_horizontal_scroll(page), f"{path} scrolls sideways at {width} px"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"files-{name}-{width}.png"), full_page=True)
    # An entry's URI brings a browser to the entry on its provider's page.
    page.goto(f"/register/entries/{entry.pk}/")
    assert page.url.endswith(f"/register/providers/{entry.provider_id}/#entry-{entry.certificate_id}")
