"""The API's pages are read by position (a cursor), never by skipping rows: following the next links gives every
entry once in the list's order, in each sort order, ties included; the previous links walk back; a deep page runs
the same queries as the first; the total is counted once per query; deep page numbers and bad cursors are a clear
404; the providers' list has no DISTINCT."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accreditation.api.pagination import MAX_PAGE, KeysetPagination
from tests.factories import ProviderFactory, make_register_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(monkeypatch, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # each request runs the view: what is measured here
    monkeypatch.setattr(KeysetPagination, "page_size", 2)
    start = datetime.date(2026, 1, 5)
    made = []
    # Two providers share a name and two entries a validity: the order's ties are broken by the id.
    for number, (name, years) in enumerate(
        [("Beta", 3), ("Alpha", 5), ("Delta", 3), ("Alpha", 4), ("Gamma", 6), ("Epsilon", 2), ("Zeta", 7)]
    ):
        provider = ProviderFactory(legal_name=f"{name} College")
        made.append(
            make_register_entry(
                provider=provider, credentials=1, years=years, valid_from=start + datetime.timedelta(days=number)
            )
        )
    return made


def walk(client, url, params=None, field="certificate_id"):
    """Every page by its next links: the rows' `field` in the order served, and each page's response."""
    pages = [client.get(url, params or {})]
    while pages[-1].json()["next"]:
        pages.append(client.get(pages[-1].json()["next"]))
    return [row[field] for page in pages for row in page.json()["results"]], pages


@pytest.mark.parametrize(
    "sort, key",
    [
        ("provider", lambda e: (e.provider.legal_name, e.pk)),
        ("-valid_until", lambda e: (-e.valid_until.toordinal(), e.pk)),
        ("valid_until", lambda e: (e.valid_until, e.pk)),
        ("-published", lambda e: (-e.published_on.toordinal(), -e.pk)),
    ],
)
def test_following_the_next_links_gives_every_entry_once_in_order(client, entries, sort, key):
    served, pages = walk(client, "/api/v1/entries/", {"sort": sort})
    assert served == [entry.certificate_id for entry in sorted(entries, key=key)]
    assert len(pages) == 4 and all(page.json()["count"] == 7 for page in pages)
    assert "cursor=" in pages[1].request["QUERY_STRING"] or "cursor=" in pages[0].json()["next"]
    # And back again by the previous links, page by page.
    back = [pages[-1]]
    while back[-1].json()["previous"]:
        back.append(client.get(back[-1].json()["previous"]))
    assert [[r["certificate_id"] for r in page.json()["results"]] for page in reversed(back)] == [
        [r["certificate_id"] for r in page.json()["results"]] for page in pages
    ]


def test_filters_hold_on_every_page(client, entries):
    served, _ = walk(client, "/api/v1/entries/", {"q": "alpha"})
    assert sorted(served) == sorted(e.certificate_id for e in entries if e.provider.legal_name.startswith("Alpha"))


def test_a_deep_page_runs_the_same_queries_as_the_first(client, entries):
    first = client.get("/api/v1/entries/")  # the count is now cached for this query
    with CaptureQueriesContext(connection) as on_first:
        client.get("/api/v1/entries/")
    deep = client.get(client.get(first.json()["next"]).json()["next"])
    with CaptureQueriesContext(connection) as on_deep:
        again = client.get(deep.request["PATH_INFO"] + "?" + deep.request["QUERY_STRING"])
    assert again.json()["results"] == deep.json()["results"]
    assert len(on_deep) == len(on_first)
    sql = " ".join(query["sql"] for query in on_deep.captured_queries).upper()
    assert "OFFSET" not in sql and "COUNT(" not in sql  # by position; the total came from the cache


def test_page_numbers_work_for_the_first_pages_and_deeper_ones_say_what_to_do(client, entries):
    by_number = client.get("/api/v1/entries/", {"page": 2}).json()
    by_links = client.get(client.get("/api/v1/entries/").json()["next"]).json()
    assert by_number["results"] == by_links["results"]
    too_deep = client.get("/api/v1/entries/", {"page": MAX_PAGE + 1})
    assert too_deep.status_code == 404 and "next links" in too_deep.json()["detail"]
    for bad in ("not-a-cursor", "eyJkIjoibiIsInYiOlsiYSJdfQ", "%00"):
        answer = client.get("/api/v1/entries/", {"cursor": bad})
        assert answer.status_code == 404 and "cursor" in answer.json()["detail"]
    assert client.get("/api/v1/entries/", {"page": "x"}).status_code == 404


def test_the_providers_list_is_a_semi_join_without_distinct(client, entries):
    with CaptureQueriesContext(connection) as queries:
        names, pages = walk(client, "/api/v1/providers/", field="legal_name")
    assert names == sorted(e.provider.legal_name for e in entries)
    assert pages[0].json()["count"] == 7
    assert not any("DISTINCT" in query["sql"].upper() for query in queries.captured_queries)
