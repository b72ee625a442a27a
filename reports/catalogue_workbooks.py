"""The catalogue workbooks a provider downloads: the template (instructions, drop-down lists from the reference
data) and the checked file (their rows again, each problem in a column and as a comment on its cell), which can
be corrected and uploaded as it is. Both are streamed (openpyxl write-only mode), so size does not cost memory."""

import io
import os

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .catalogue import BY_KEY, COLUMNS, PROBLEMS_HEADER, RowResult
from .workbook_checks import SHEET_NAME, max_rows

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
ERROR_FILL = PatternFill("solid", fgColor="F8D7DA")
WARNING_FILL = PatternFill("solid", fgColor="FFF3CD")
AUTHOR = "Micro-credential QA"
WIDTHS = {"title": 36, "learning_outcomes": 60, "quality_assurance": 30, "further_information": 30, "nqf_level": 16}


class CatalogueWorkbook:
    """Instructions, the sheet "Catalogue" with its drop-down lists, and the lists themselves: `lists` gives, for
    each column with a drop-down, (value to write, what it means), from the reference data."""

    def __init__(self, lists: dict[str, list[tuple[str, str]]], *, problems_column: bool = False):
        self.book = Workbook(write_only=True)
        self.problems_column = problems_column
        self._write_instructions(self.book.create_sheet(_("Instructions")))
        self.sheet = self.book.create_sheet(SHEET_NAME)
        lists_sheet = self.book.create_sheet("Lists")
        self._prepare_sheet(self._write_lists(lists_sheet, lists))

    def _write_instructions(self, sheet) -> None:
        sheet.column_dimensions["A"].width = 34
        sheet.column_dimensions["B"].width = 14
        sheet.column_dimensions["C"].width = 90
        lines = [
            _("Micro-credential catalogue"),
            _("Fill in the sheet “%(sheet)s”: one row per micro-credential; keep its header row as it is.")
            % {"sheet": SHEET_NAME},
            _(
                "Columns with a drop-down list take a value from the sheet “Lists”, which also says what each "
                "value means."
            ),
            _("Type values, not formulas; do not merge cells; dates are not accepted where a number belongs."),
            _("At most %(rows)s rows per file. Upload the file as .xlsx, without a password and without macros.")
            % {"rows": f"{max_rows():,}"},
            _("Nothing is imported until you have seen the checked rows and confirmed a file without errors."),
            "",
        ]
        for line in lines:
            sheet.append([line])
        sheet.append([self._cell(sheet, text, BOLD) for text in (_("Column"), _("EU standard"), _("What to write"))])
        for column in COLUMNS:
            sheet.append([column.header, _("mandatory") if column.mandatory else _("optional"), str(column.hint)])

    def _write_lists(self, sheet, lists: dict) -> dict[str, str]:
        """Two columns per list (value, meaning); returns each column key's range for its validation."""
        ranges = {}
        width = max(len(items) for items in lists.values())
        keys = list(lists)
        header = []
        for key in keys:
            header += [self._cell(sheet, BY_KEY[key].header, BOLD), self._cell(sheet, _("meaning"), BOLD)]
        sheet.append(header)
        for index in range(width):
            row = []
            for key in keys:
                value, meaning = lists[key][index] if index < len(lists[key]) else (None, None)
                row += [value, meaning]
            sheet.append(row)
        for position, key in enumerate(keys):
            letter = get_column_letter(2 * position + 1)
            ranges[key] = f"Lists!${letter}$2:${letter}${len(lists[key]) + 1}"
        return ranges

    def _prepare_sheet(self, ranges: dict[str, str]) -> None:
        sheet = self.sheet
        for index, column in enumerate(COLUMNS, 1):
            sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(column.key, 18)
            if column.key in ranges:
                validation = DataValidation(type="list", formula1=f"={ranges[column.key]}", allow_blank=True)
                validation.error = _("Choose a value from the list (see the sheet “Lists”).")
                validation.showErrorMessage = True
                letter = get_column_letter(index)
                validation.add(f"{letter}2:{letter}{max_rows() + 1}")
                sheet.data_validations.append(validation)
        headers = [column.header for column in COLUMNS]
        if self.problems_column:
            sheet.column_dimensions[get_column_letter(len(COLUMNS) + 1)].width = 60
            headers.append(PROBLEMS_HEADER)
        sheet.freeze_panes = "C2"
        sheet.append([self._cell(sheet, header, BOLD) for header in headers])

    @staticmethod
    def _cell(sheet, value, font=None, fill=None, comment=None):
        """A plain value where nothing marks it (cheaper to write), else a cell with its marks."""
        plain = not (font or fill or comment) and not (isinstance(value, str) and ("\n" in value or value[:1] == "="))
        if plain:
            return value
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # what was typed comes back as text, never as a formula to calculate
        if font:
            cell.font = font
        if fill:
            cell.fill = fill
        if comment:
            cell.comment = Comment(comment, AUTHOR, width=320, height=120)
        if isinstance(value, str) and "\n" in value:
            cell.alignment = WRAP
        return cell

    def add(self, result: RowResult) -> None:
        """One checked row: its cells as uploaded, problems on their cells and in the last column."""
        by_column: dict[str | None, list[tuple[str, str]]] = {}
        for kind, problems in (("error", result.errors), ("warning", result.warnings)):
            for problem in problems:
                by_column.setdefault(problem.column, []).append((kind, problem.message))
        row = []
        for column in COLUMNS:
            notes = by_column.get(column.key, [])
            fill = ERROR_FILL if any(kind == "error" for kind, _m in notes) else WARNING_FILL if notes else None
            value = result.cells.get(column.key)
            if value is not None and not isinstance(value, str | int | float):
                value = result.values[column.key]
            comment = "\n".join(message for _kind, message in notes) or None
            row.append(self._cell(self.sheet, value, fill=fill, comment=comment))
        lines = [problem.text for problem in result.errors]
        lines += [_("Check: %(warning)s") % {"warning": problem.text} for problem in result.warnings]
        row.append(self._cell(self.sheet, "\n".join(lines) or None, fill=ERROR_FILL if result.errors else None))
        self.sheet.append(row)

    def save(self, target) -> None:
        self.book.save(target)

    def discard(self) -> None:
        """Drop a workbook that will not be used: saving it is what removes its temporary files."""
        with open(os.devnull, "wb") as sink:
            self.book.save(sink)


def build_template(lists: dict[str, list[tuple[str, str]]]) -> bytes:
    """The workbook providers fill in."""
    buffer = io.BytesIO()
    CatalogueWorkbook(lists).save(buffer)
    return buffer.getvalue()
