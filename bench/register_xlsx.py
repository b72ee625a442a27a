"""Peak memory of a full XLSX download of the register, streamed to nowhere (run after bench/generate.py).

DATABASE_URL=postgres://postgres@127.0.0.1:5432/microcred_bench .venv/bin/python bench/register_xlsx.py
"""

import resource
import time

import _setup  # noqa: F401
from django.test import Client


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    before = peak_mb()
    start = time.perf_counter()
    response = Client().get("/register/export.xlsx")
    size = sum(len(chunk) for chunk in response.streaming_content)
    print(
        f"XLSX: {size / 1e6:.1f} MB in {time.perf_counter() - start:.0f} s; peak RSS {peak_mb():.0f} MB (before: {before:.0f} MB)"
    )


if __name__ == "__main__":
    main()
