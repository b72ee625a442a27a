"""Server time and SQL query count of filtered register search pages (run after bench/generate.py).

For each search, three medians over `--runs` requests:
- page, cold: the cache emptied before every request (what the first visitor of a search waits for): the page of
  results and their number; the counts per filter value are asked for by the page once it has arrived;
- page, warm: with the counts per filter value cached (kept until the register changes) and shown in the page, as
  when paging through a search or repeating one;
- counts, cold: that request for the counts per filter value (the htmx fragment), the cache emptied before each.

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


def timed(client: Client, params: dict, path: str = "/register/", **headers) -> tuple[float, int]:
    reset_queries()
    start = time.perf_counter()
    response = client.get(path, params, headers=headers)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed, len(connection.queries)


@override_settings(DEBUG=True, ALLOWED_HOSTS=["testserver"])
def main(runs: int) -> None:
    client = Client()
    client.get("/register/", {"country": "FR"})  # load the code and templates once, as a running server has
    print(f"{'filters':62} {'page cold':>10} {'page warm':>10} {'counts cold':>12} {'queries':>8}")
    for params in CASES:
        cold, warm, counts = [], [], []
        for _ in range(runs):
            cache.clear()
            counts.append(timed(client, params, "/register/counts/", HX_Request="true")[0])
            cache.clear()
            cold.append(timed(client, params)[0])
            timed(client, params, "/register/counts/", HX_Request="true")  # as the page asks for them
            elapsed, queries = timed(client, params)
            warm.append(elapsed)
        label = "&".join(f"{k}={v}" for k, v in params.items()) or "(no filter)"
        print(
            f"{label:62} {statistics.median(cold):10.1f} {statistics.median(warm):10.1f} "
            f"{statistics.median(counts):12.1f} {queries:8d}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    main(parser.parse_args().runs)
