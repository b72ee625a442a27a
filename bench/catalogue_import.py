"""Validate a generated 10,000-row catalogue the way an upload is validated, and print time and peak memory.

    .venv/bin/python manage.py migrate && .venv/bin/python bench/catalogue_import.py --rows 10000
"""

import argparse
import io
import resource
import time

import _setup  # noqa: F401
from openpyxl import Workbook

from accreditation.models import Provider
from reports.catalogue import COLUMNS, HEADERS, read_rows, validate_rows


def workbook(rows: int) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Catalogue")
    sheet.append(HEADERS)
    keys = [key for key, _label in COLUMNS]
    for n in range(rows):
        values = {
            "title": f"Course {n}",
            "awarding_body": "Bench College",
            "country": "IE",
            "learning_outcomes": "Analyse data sets\nEvaluate sources\nDesign a pipeline",
            "workload_hours": 125,
            "ects": 5,
            "nqf_level": "IE-NFQ 8",
            "assessment_type": "project",
            "participation_form": "online",
            "quality_assurance": "Programme approval",
            "field": "06",
            "languages": "en",
        }
        sheet.append([values.get(key) for key in keys])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main(rows: int) -> None:
    provider, _ = Provider.objects.get_or_create(legal_name="Bench College", defaults={"type": "university", "country": "IE"})
    data = workbook(rows)
    start = time.perf_counter()
    results = validate_rows(read_rows(io.BytesIO(data)), provider)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    errors = sum(1 for r in results if r.errors)
    print(f"{len(results)} rows validated in {elapsed:.1f} s ({errors} with errors); peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    main(parser.parse_args().rows)
