"""Server time and SQL query count of filtered register search pages (run after bench/generate.py).

For each search, two medians over `--runs` requests:
- cold: the cache emptied before every request, so the result count and the counts per filter value are
  computed each time (what the first visitor of a search waits for);
- warm: the counts served from the cache (they are kept until the register changes), only the page of results
  computed (what paging through a search and repeated searches cost).

DATABASE_URL=postgres://postgres@127.0.0.1:5432/microcred_bench .venv/bin/python bench/register_search.py
"""

import argparse
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
    {"q": "cloud security"},
    {"q": "data"},
    {"q": "kamori"},
    {"status": "active", "participation_form": "online", "sort": "-valid_until"},
    {"field": "06", "valid_on": "2026-01-01"},
    {"provider_type": "vet", "ects_min": "5", "page": "40"},
    {},
]


def timed(client: Client, params: dict) -> tuple[float, int]:
    reset_queries()
    start = time.perf_counter()
    response = client.get("/register/", params)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed, len(connection.queries)


@override_settings(DEBUG=True, ALLOWED_HOSTS=["testserver"])
def main(runs: int) -> None:
    client = Client()
    client.get("/register/", {"country": "FR"})  # load the code and templates once, as a running server has
    print(f"{'filters':75} {'cold ms':>8} {'warm ms':>8} {'queries':>8}")
    for params in CASES:
        cold, warm = [], []
        for _ in range(runs):
            cache.clear()
            cold.append(timed(client, params)[0])
            elapsed, queries = timed(client, params)
            warm.append(elapsed)
        label = "&".join(f"{k}={v}" for k, v in params.items()) or "(no filter)"
        print(f"{label:75} {statistics.median(cold):8.1f} {statistics.median(warm):8.1f} {queries:8d}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    main(parser.parse_args().runs)
