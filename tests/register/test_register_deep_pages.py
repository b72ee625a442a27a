"""Deep pages of a register search are capped, as large search engines do: past the last page served, the page
says to narrow the search or download the results, and a deep page costs what the first one does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accreditation.views import register
from tests.factories import ProviderFactory, make_register_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_entries(monkeypatch, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(register, "PAGE_SIZE", 2)
    monkeypatch.setattr(register, "MAX_PAGE", 2)
    return [
        make_register_entry(provider=ProviderFactory(legal_name=f"{name} Academy"), credentials=1)
        for name in ("Able", "Baker", "Charlie", "Dog", "Easy")
    ]


def names_on(response) -> list[str]:
    text = response.content.decode()
    return [name for name in ("Able", "Baker", "Charlie", "Dog", "Easy") if f"{name} Academy" in text]


def test_the_first_pages_are_served_without_a_notice(client, five_entries):
    first = client.get("/register/")
    assert names_on(first) == ["Able", "Baker"]
    assert "can be paged through" not in first.content.decode()
    assert "page=2" in first.content.decode()


def test_the_last_page_served_says_to_narrow_the_search_and_offers_no_next(client, five_entries):
    last = client.get("/register/", {"page": 2})
    text = last.content.decode()
    assert names_on(last) == ["Charlie", "Dog"]
    assert "Only the first 4 of 5 results can be paged through" in text
    assert "page=3" not in text and "Page 2 of 2" in text


def test_a_page_beyond_the_cap_shows_the_last_page_served_and_costs_the_same(client, five_entries):
    client.get("/register/", {"page": 1})
    with CaptureQueriesContext(connection) as shallow:
        client.get("/register/", {"page": 1})
    with CaptureQueriesContext(connection) as deep:
        beyond = client.get("/register/", {"page": 500})
    assert beyond.status_code == 200
    assert names_on(beyond) == ["Charlie", "Dog"]
    assert "Only the first 4 of 5 results can be paged through" in beyond.content.decode()
    assert len(deep) == len(shallow)
    offsets = [query["sql"] for query in deep.captured_queries if "OFFSET" in query["sql"].upper()]
    assert all("OFFSET 2" in sql.upper() for sql in offsets)  # never the offset of page 500


@pytest.mark.parametrize("page", ["0", "-3", "abc", "99999999999999999999"])
def test_odd_page_numbers_never_fail(client, five_entries, page):
    response = client.get("/register/", {"page": page})
    assert response.status_code == 200 and names_on(response)
