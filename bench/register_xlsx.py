"""Peak memory of a full XLSX download of the register (run after bench/generate.py). A download of more than
REGISTER_EXPORT_INLINE_MAX entries is built by a background job: this requests it as a visitor would, runs the job
in this process (JOBS_RUN_INLINE) and reads the workbook back with openpyxl to check it.

DATABASE_URL=postgres://postgres@127.0.0.1:5432/microcred_bench .venv/bin/python bench/register_xlsx.py
"""

import resource
import time

import _setup  # noqa: F401
from django.test import Client
from django.test.utils import override_settings
from openpyxl import load_workbook

from jobs.models import Job


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@override_settings(JOBS_RUN_INLINE=True, ALLOWED_HOSTS=["testserver"])
def main() -> None:
    before = peak_mb()
    start = time.perf_counter()
    response = Client().get("/register/export.xlsx")
    assert response.status_code == 302, response.status_code
    job = Job.objects.latest("pk")
    assert job.status == Job.Status.DONE, (job.status, job.result)
    elapsed = time.perf_counter() - start
    peak = peak_mb()
    with job.output.open("rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(0)
        rows = sum(1 for _row in load_workbook(handle, read_only=True).active.iter_rows(values_only=True))
    print(
        f"XLSX: {rows - 1:,} rows, {size / 1e6:.1f} MB in {elapsed:.0f} s; "
        f"peak RSS {peak:.0f} MB (before: {before:.0f} MB)"
    )
    job.output.delete()
    job.delete()


if __name__ == "__main__":
    main()
