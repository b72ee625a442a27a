"""The background part of a catalogue import: checking an uploaded file (a preview and the checked workbook),
then, once its author confirms a file without errors, importing every row in one transaction."""

import tempfile

from django.core.files import File
from django.utils import timezone
from django.utils.translation import gettext as _

from jobs.models import Job
from jobs.runner import fail, runner, update
from reports.catalogue import CatalogueSheet, RowResult
from reports.catalogue_workbooks import CatalogueWorkbook
from reports.workbook_checks import FileRefused

from .catalogue_import import validate_rows, workbook_lists
from .services.catalogue_import import import_catalogue

PROGRESS_EVERY = 100
PREVIEW_ROWS = 50
PROBLEM_ROWS = 500
PREVIEW_KEYS = ("reference", "title", "nqf_level", "eqf_level", "workload_hours", "ects", "field")


class CheckSummary:
    """What the job page shows: counts, the first rows, and the rows with problems (both capped, since the
    checked workbook has them all)."""

    def __init__(self):
        self.rows = self.errors = self.warnings = self.problem_rows = 0
        self.preview: list[dict] = []
        self.problems: list[dict] = []

    def add(self, result: RowResult) -> None:
        self.rows += 1
        self.errors += bool(result.errors)
        self.warnings += bool(result.warnings)
        if len(self.preview) < PREVIEW_ROWS:
            self.preview.append(self._row(result))
        if result.errors or result.warnings:
            self.problem_rows += 1
            if len(self.problems) < PROBLEM_ROWS:
                self.problems.append(self._row(result))

    @staticmethod
    def _row(result: RowResult) -> dict:
        row = result.as_json()
        row["values"] = {key: row["values"][key] for key in PREVIEW_KEYS}
        return row

    def as_json(self) -> dict:
        return {
            "rows": self.rows,
            "errors": self.errors,
            "warnings": self.warnings,
            "problem_rows": self.problem_rows,
            "preview": self.preview,
            "problems": self.problems,
        }


@runner(Job.Kind.CATALOGUE_IMPORT)
def run_catalogue_job(job: Job) -> None:
    if job.status == Job.Status.IMPORTING:
        import_checked_file(job)
    else:
        check_uploaded_file(job)


def check_uploaded_file(job: Job) -> None:
    workbook = CatalogueWorkbook(workbook_lists(), problems_column=True)
    try:
        summary = _check_rows(job, workbook)
    except FileRefused as refusal:
        workbook.discard()
        fail(job, str(refusal))
        return
    except BaseException:
        workbook.discard()
        raise
    if not summary.rows:
        workbook.discard()
        fail(job, _("The sheet “Catalogue” has no micro-credentials below its header row."))
        return
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        handle.seek(0)
        job.output.save(f"catalogue-checked-{job.pk}.xlsx", File(handle), save=False)
    update(
        job,
        status=Job.Status.DONE,
        output=job.output.name,
        total=summary.rows,
        progress=summary.rows,
        result=summary.as_json(),
        finished_at=timezone.now(),
    )


def _check_rows(job: Job, workbook: CatalogueWorkbook) -> CheckSummary:
    summary = CheckSummary()
    with job.source.open("rb") as handle, CatalogueSheet(handle) as sheet:
        update(job, total=sheet.declared_rows)
        for result in validate_rows(sheet.rows(), job.provider):
            workbook.add(result)
            summary.add(result)
            if summary.rows % PROGRESS_EVERY == 0:
                update(job, progress=summary.rows)
    return summary


def import_checked_file(job: Job) -> None:
    """Validate the file again (reference data may have changed since the check), then import it all."""
    specifications = []
    try:
        with job.source.open("rb") as handle, CatalogueSheet(handle) as sheet:
            for result in validate_rows(sheet.rows(), job.provider):
                if result.errors:
                    fail(
                        job,
                        _("Row %(row)s no longer passes the checks (%(problem)s); nothing was imported.")
                        % {"row": result.number, "problem": result.errors[0].text},
                    )
                    return
                specifications.append(result.specification)
                if len(specifications) % PROGRESS_EVERY == 0:
                    update(job, progress=len(specifications))
    except FileRefused as refusal:
        fail(job, str(refusal))
        return
    count = import_catalogue(provider=job.provider, specifications=specifications, by=job.created_by)
    update(
        job,
        status=Job.Status.IMPORTED,
        progress=count,
        result={**job.result, "imported": count},
        finished_at=timezone.now(),
    )
