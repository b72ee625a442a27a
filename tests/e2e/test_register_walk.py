"""The public register in a real browser: search, filter, open a provider, verify a certificate, all
accessible."""

import pytest

from tests.factories import ProviderFactory, make_register_entry

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_search_filter_open_provider_and_verify(page):
    entry = make_register_entry(provider=ProviderFactory(legal_name="Galway Digital Academy", country="IE"))
    make_register_entry(provider=ProviderFactory(legal_name="Valletta Skills Centre", country="MT"))

    page.goto("/")
    page.fill("#home-q", "Galway")
    page.click("main button:has-text('Search')")
    assert "1 provider entry" in page.inner_text("main")
    assert_accessible(page)

    page.goto("/register/")
    page.select_option("#id_country", "MT")
    page.click("button:has-text('Apply')")
    main = page.inner_text("main")
    assert "Valletta Skills Centre" in main and "Galway Digital Academy" not in main
    page.wait_for_selector("#h-facets")  # the counts per filter value arrive just after the results
    assert "Malta (1)" in page.inner_text("section.facets")
    assert_accessible(page)
    page.click("section.facets a:has-text('remove this filter')")
    assert "2 provider entries" in page.inner_text("main")

    page.goto("/register/")
    page.click("text=Galway Digital Academy")
    assert entry.certificate_id in page.inner_text("main")
    assert_accessible(page)

    page.goto("/register/verify/")
    page.fill("#cert", entry.certificate_id.lower())
    page.click("button:has-text('Verify')")
    assert f"Valid: Galway Digital Academy — {entry.certificate_id}" in page.inner_text("main")
    assert_accessible(page)
    page.goto("/register/verify/MC-NONE-0000/")
    assert "Unknown" in page.inner_text("main")
    assert_accessible(page)
