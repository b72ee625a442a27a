"""The API's pages at depth: the first page, page 20 by number, and a page 10,000 entries deep reached by the
cursor links, for the entries and the providers, uncached (the page cache off), server time through Django's test
client, median of --runs requests each, with the number of SQL queries of each.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/microcred_bench .venv/bin/python bench/api_pages.py
"""

import argparse
import statistics
import time

import _setup  # noqa: F401
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

DEPTH = 200  # next links followed: 200 pages of 50 = 10,000 rows deep


def timed(client: Client, url: str, runs: int) -> tuple[float, int]:
    client.get(url)  # the total is counted once per query and register version: what every later page finds
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(times), queries


def deep_url(client: Client, url: str) -> str:
    for _ in range(DEPTH):
        url = client.get(url).json()["next"]
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK}
    from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

    AnonRateThrottle.THROTTLE_RATES = UserRateThrottle.THROTTLE_RATES = {"anon": None, "user": None}
    cache.clear()
    client = Client()
    print(f"median of {options.runs}, ms (SQL queries)")
    print("| list | page 1 | page 20 (by number) | 10,000 deep (cursor) |")
    print("|---|---:|---:|---:|")
    for name, url in (
        ("entries", "/api/v1/entries/"),
        ("entries, country=DE", "/api/v1/entries/?country=DE"),
        ("entries, q=data", "/api/v1/entries/?q=data"),
        ("providers", "/api/v1/providers/"),
    ):
        first = timed(client, url, options.runs)
        twenty = timed(client, url + ("&" if "?" in url else "?") + "page=20", options.runs)
        try:
            deep = timed(client, deep_url(client, url), options.runs)
            deep_text = f"{deep[0]:.1f} ({deep[1]})"
        except (TypeError, KeyError):
            deep_text = "fewer rows"
        print(f"| {name} | {first[0]:.1f} ({first[1]}) | {twenty[0]:.1f} ({twenty[1]}) | {deep_text} |")


if __name__ == "__main__":
    main()
