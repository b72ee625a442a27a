"""XLSX downloads for agency and authority staff, built from plain data (see accreditation.statistics): applications
with the days spent in each step, reviewer workload, and the dashboard's figures. Streamed (write-only)."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .statistics import Figure

BOLD = Font(bold=True)


def _header(sheet, titles: list[str]) -> None:
    """A bold header row; call before any other row."""
    cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = BOLD
        cells.append(cell)
    sheet.append(cells)


def _date(moment):
    return timezone.localtime(moment).date() if moment else None


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_applications(rows: list[dict], target, steps: dict[str, str]) -> None:
    """One row per application: status, dates, outcome, days in each step (finished tasks) and the open step;
    `steps` are the flow's, {node name: title} in order."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Applications"))
    for letter, width in zip("ABCDEFG", (14, 36, 9, 26, 12, 12, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "B2"
    _header(
        sheet,
        [
            _("Reference"),
            _("Provider"),
            _("Country"),
            _("Status"),
            _("Submitted"),
            _("Closed"),
            _("Decision"),
            *(_("Days: %(step)s") % {"step": title} for title in steps.values()),
            _("Current step"),
            _("Days in the current step so far"),
        ],
    )
    for row in rows:
        days = row["steps"]
        sheet.append(
            [
                row["reference"],
                row["provider"],
                row["country"],
                row["status"],
                _date(row["submitted"]),
                _date(row["closed"]),
                row["outcome"] or None,
                *(round(days[step], 1) if step in days else None for step in steps),
                row["current_step"] or None,
                round(row["current_days"], 1) if row["current_days"] is not None else None,
            ]
        )
    book.save(target)


def applications_workbook(rows: list[dict], steps: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    write_applications(rows, buffer, steps)
    return buffer.getvalue()


def reviewers_workbook(rows: list[dict]) -> bytes:
    """One row per reviewer of the agency's pool: open and completed reviews, and how many were on time."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Reviewers"))
    sheet.column_dimensions["A"].width = 30
    _header(sheet, [_("Reviewer"), _("Open reviews"), _("Completed reviews"), _("On time"), _("On time (%)")])
    for row in rows:
        sheet.append([row["name"], row["open"], row["completed"], row["on_time"], row["on_time_share"]])
    return _bytes(book)


def statistics_workbook(figures: list[Figure]) -> bytes:
    """The dashboard's figures, one sheet each, as in its tables."""
    book = Workbook(write_only=True)
    for figure in figures:
        sheet = book.create_sheet(figure.key)
        sheet.column_dimensions["A"].width = 48
        sheet.append([WriteOnlyCell(sheet, value=figure.title)])
        _header(sheet, [_("Category"), figure.column or _("Value")])
        for label, value in figure.rows:
            sheet.append([label, value])
    return _bytes(book)
