"""Server time and SQL query count of filtered register search pages (run after bench/generate.py): the first
request of each search (cold: counts and facets computed) and the median of the following ones (the page of
results computed, counts and facets served from the cache until the register changes).

DATABASE_URL=postgres://postgres@127.0.0.1:5432/microcred_bench .venv/bin/python bench/register_search.py
"""

import statistics
import time

import _setup  # noqa: F401
from django.core.cache import cache
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import override_settings

CASES = [
    {"country": "IE"},
    {"country": "DE", "eqf_level": "6"},
    {"q": "solar energy"},
    {"status": "active", "participation_form": "online", "sort": "-valid_until"},
    {"field": "06", "valid_on": "2026-01-01"},
]


@override_settings(DEBUG=True, ALLOWED_HOSTS=["testserver"])
def main(runs: int = 15) -> None:
    client = Client()
    print(f"{'filters':55} {'cold ms':>8} {'median ms':>10} {'queries':>8}")
    for params in CASES:
        cache.clear()
        start = time.perf_counter()
        client.get("/register/", params)  # cold: counts and facets computed and cached
        cold = (time.perf_counter() - start) * 1000
        times, queries = [], 0
        for _ in range(runs):
            reset_queries()
            start = time.perf_counter()
            response = client.get("/register/", params)
            times.append((time.perf_counter() - start) * 1000)
            queries = len(connection.queries)
            assert response.status_code == 200
        print(f"{params!s:55} {cold:8.1f} {statistics.median(times):10.1f} {queries:8d}")


if __name__ == "__main__":
    main()
