"""The catalogue spreadsheet's rows: its columns, reading an uploaded sheet, and turning a row's cells into the web
form's data. Plain data in and out: the reference data (levels, fields, choices) is given by the caller;
validating the rows with the form and the alignment checks is accreditation's (accreditation.catalogue_import)."""

import datetime
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from .workbook_checks import SHEET_NAME, FileRefused, max_rows, too_many_rows

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Column:
    key: str  # the form field it fills
    header: str  # as written in the template; fixed, so that a file reads the same whatever the language
    hint: str = ""
    mandatory: bool = False  # a mandatory element of the EU standard (the alignment checks report it missing)
    number: bool = False
    # Columns added after the first template may be absent from files made from it.
    required_in_header: bool = True


COLUMNS = [
    Column("reference", "Reference", gettext_lazy("Your own course code, if any.")),
    Column("title", "Title", gettext_lazy("Title of the micro-credential."), mandatory=True),
    Column("awarding_body", "Awarding body", gettext_lazy("Who awards it."), mandatory=True),
    Column("country", "Country", gettext_lazy("Two-letter code of the issuer's country, e.g. IE."), mandatory=True),
    Column("region", "Region", gettext_lazy("Region of the issuer, if relevant.")),
    Column(
        "learning_outcomes",
        "Learning outcomes",
        gettext_lazy("One outcome per line inside the cell (Alt+Enter), each starting with an action verb."),
        mandatory=True,
    ),
    Column(
        "workload_hours",
        "Workload (hours)",
        gettext_lazy("Notional hours, a whole number (the workload is mandatory: hours or ECTS or both)."),
        mandatory=True,
        number=True,
    ),
    Column("ects", "ECTS", gettext_lazy("Credits, e.g. 5 or 2.5."), mandatory=True, number=True),
    Column(
        "nqf_level",
        "NQF level",
        gettext_lazy("Framework and level as listed, e.g. IE-NFQ 8 (mandatory where a level applies: NQF or EQF)."),
        mandatory=True,
    ),
    Column("eqf_level", "EQF level", gettext_lazy("1 to 8; leave empty to derive it from the NQF level."), number=True),
    Column("cycle", "QF-EHEA cycle", gettext_lazy("short, first, second or third, where relevant.")),
    Column("assessment_type", "Type of assessment", gettext_lazy("A code from the list."), mandatory=True),
    Column("participation_form", "Form of participation", gettext_lazy("A code from the list."), mandatory=True),
    Column("quality_assurance", "Type of quality assurance", gettext_lazy("How quality is assured."), mandatory=True),
    Column("prerequisites", "Prerequisites", gettext_lazy("What a learner needs to enrol.")),
    Column("supervision", "Supervision and identity verification", gettext_lazy("A code from the list.")),
    Column("grading", "Grading", gettext_lazy("How results are graded.")),
    Column("stackability", "Integration and stackability", gettext_lazy("standalone or stackable.")),
    Column("further_information", "Further information", gettext_lazy("Anything else a learner should know.")),
    Column("field", "ISCED-F field", gettext_lazy("ISCED-F code, e.g. 06 or 0613.")),
    Column("languages", "Languages", gettext_lazy("Two-letter codes separated by commas, e.g. en,fr.")),
    # Added after the first template: at the end, so that files made from it keep their columns.
    Column(
        "other_awarding_bodies",
        "Other awarding bodies",
        gettext_lazy("When awarded jointly: the other bodies, one per line inside the cell."),
        required_in_header=False,
    ),
    Column(
        "other_countries",
        "Other issuer countries",
        gettext_lazy("When issuers are in several countries: the others' two-letter codes, e.g. BE,NL."),
        required_in_header=False,
    ),
    Column(
        "level_not_applicable",
        "No level applies",
        gettext_lazy("yes when no NQF or EQF level applies (then leave the levels empty)."),
        required_in_header=False,
    ),
]
HEADERS = [column.header for column in COLUMNS]
BY_KEY = {column.key: column for column in COLUMNS}
CHOICE_KEYS = ("country", "eqf_level", "cycle", "assessment_type", "participation_form", "supervision", "stackability")
# The checked workbook adds this column; a corrected file uploaded again may keep it.
PROBLEMS_HEADER = "Problems"
# Where the alignment checks' elements sit in the sheet.
ELEMENT_COLUMNS = {"level": "nqf_level", "workload": "workload_hours"}
# Yes/no columns, as the form's checkbox reads them ("on" ticked, "" not).
YES_NO_KEYS = ("level_not_applicable",)
YES_NO = {"yes": "on", "y": "on", "true": "on", "x": "on", "1": "on", "no": "", "n": "", "false": "", "0": ""}
LOOKS_LIKE_DATE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$")


def _normal(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def level_label(level) -> str:
    """A level as written in the sheet: its framework's code and its own (a frameworks.Level)."""
    return f"{level.framework.code} {level.code}"


@dataclass
class Problem:
    column: str | None  # a column key, or None for the row as a whole
    message: str

    @property
    def header(self) -> str:
        return BY_KEY[self.column].header if self.column in BY_KEY else ""

    @property
    def text(self) -> str:
        return f"{self.header}: {self.message}" if self.header else self.message

    def as_json(self) -> list:
        return [self.header, self.message]


@dataclass
class RowResult:
    number: int  # the row in the sheet
    cells: dict  # as read, for the checked workbook
    values: dict  # as text, for the preview
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    specification: object | None = None  # an unsaved micro-credential, when the row is valid

    def as_json(self) -> dict:
        return {
            "number": self.number,
            "values": self.values,
            "errors": [problem.as_json() for problem in self.errors],
            "warnings": [problem.as_json() for problem in self.warnings],
        }


# --- Reading ------------------------------------------------------------------------------------------------


class CatalogueSheet:
    """The sheet "Catalogue" of an uploaded workbook, read as a stream: headers checked on opening, then rows."""

    def __init__(self, handle):
        try:
            self.book = load_workbook(handle, read_only=True, data_only=False, keep_links=False)
        except Exception as error:  # any failure to parse is a damaged file; the person needs one plain answer
            logger.info("Unreadable workbook: %r", error)
            raise FileRefused(_("The file is damaged or is not an Excel workbook (.xlsx).")) from error
        try:
            if SHEET_NAME not in self.book.sheetnames:
                raise FileRefused(
                    _("The workbook has no sheet named “%(sheet)s”: start from the template.") % {"sheet": SHEET_NAME}
                )
            self.sheet = self.book[SHEET_NAME]
            declared = self.sheet.max_row or 0
            if declared > max_rows() + 1:
                raise too_many_rows(declared)
            self.declared_rows = max(declared - 1, 0)
            self.positions = self._read_header()
        except Exception:
            self.close()
            raise

    def _read_header(self) -> dict[str, int]:
        header = next(self.sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
        texts = [" ".join(str(cell).split()) if cell is not None else "" for cell in header]
        wanted = {_normal(column.header): column.key for column in COLUMNS}
        wanted.update({column.key: column.key for column in COLUMNS})
        positions, unknown = {}, []
        for index, text in enumerate(texts):
            key = wanted.get(_normal(text))
            if key and key not in positions:
                positions[key] = index
            elif text and _normal(text) != _normal(PROBLEMS_HEADER):
                unknown.append(text)
        missing = [column.header for column in COLUMNS if column.key not in positions and column.required_in_header]
        if missing or unknown:
            parts = []
            if missing:
                parts.append(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
            if unknown:
                parts.append(_("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
            raise FileRefused(
                _("The header row does not match the template (%(problems)s). Copy the header row from the template.")
                % {"problems": "; ".join(parts)}
            )
        self.width = max(positions.values()) + 1
        return positions

    def rows(self) -> Iterator[tuple[int, dict]]:
        """(row number, {column key: cell value}) for each row that is not blank; stops at the row limit."""
        limit = max_rows() + 1
        try:
            rows = self.sheet.iter_rows(min_row=2, max_col=self.width, values_only=True)
            for number, row in enumerate(rows, 2):
                if number > limit:  # a sheet that does not declare its size stops here too
                    raise too_many_rows(number)
                if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row):
                    continue
                yield number, {key: row[index] if index < len(row) else None for key, index in self.positions.items()}
        except FileRefused:
            raise
        except Exception as error:  # damaged XML part way through the sheet
            logger.info("Unreadable sheet: %r", error)
            raise FileRefused(_("The file is damaged or is not an Excel workbook (.xlsx).")) from error

    def close(self) -> None:
        self.book.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# --- Cells to form data -------------------------------------------------------------------------------------


def _is_formula(value) -> bool:
    return isinstance(value, ArrayFormula | DataTableFormula) or (isinstance(value, str) and value.startswith("="))


def cell_text(value) -> str:
    """A cell as the text a person sees in it."""
    if value is None:
        return ""
    if isinstance(value, ArrayFormula):
        return value.text or ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def choice_lookup(choices: dict[str, list[tuple[str, str]]]) -> dict[str, dict[str, str]]:
    """For each choice column, its codes and labels (any case) to the code the form expects; `choices` gives each
    choice column's (code, label) pairs."""
    lookups = {}
    for key in CHOICE_KEYS:
        lookup = {}
        for value, label in choices[key]:
            lookup[_normal(value)] = str(value)
            lookup[_normal(label)] = str(value)
        lookups[key] = lookup
    lookups["eqf_level"].update({f"eqf {level}": str(level) for level in range(1, 9)})
    return lookups


class RowReader:
    """Turns a row's cells into the form's data: codes of levels and fields to their keys, labels of choices to
    their codes, and a plain message for what cannot be a value (a formula, a date where a number belongs)."""

    def __init__(self, levels, fields, choices: dict[str, list[tuple[str, str]]]):
        self.levels = {_normal(level_label(level)): level.pk for level in levels}
        self.fields = {field.code: field.pk for field in fields}
        self.choices = choice_lookup(choices)

    def read(self, cells: dict) -> tuple[dict, dict, list[Problem]]:
        values, data, problems = {}, {}, []
        for column in COLUMNS:
            value = cells.get(column.key)
            text = values[column.key] = cell_text(value)
            if _is_formula(value):
                problems.append(Problem(column.key, self._formula(column, text)))
                text = ""
            elif column.number and text and self._is_date(value, text):
                problems.append(Problem(column.key, self._date(column, text)))
                text = ""
            data[column.key] = self._convert(column.key, text, problems)
        return values, data, problems

    @staticmethod
    def _is_date(value, text: str) -> bool:
        if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
            return True
        return isinstance(value, str) and bool(LOOKS_LIKE_DATE.match(text))

    @staticmethod
    def _formula(column: Column, text: str) -> str:
        return _("A formula (%(formula)s): formulas are not calculated on import, so type the value itself.") % {
            "formula": text[:60]
        }

    @staticmethod
    def _date(column: Column, text: str) -> str:
        return _("A date (%(text)s) where a number belongs: type the number itself.") % {"text": text}

    def _convert(self, key: str, text: str, problems: list[Problem]) -> str:
        if not text:
            return ""
        if key == "nqf_level":
            label = _normal(re.sub(r"\(.*\)$", "", text))
            if label not in self.levels:
                problems.append(
                    Problem(
                        key, _("“%(level)s” is not a level in the list (write it as “IE-NFQ 8”).") % {"level": text}
                    )
                )
            return self.levels.get(label, "")
        if key == "field":
            code = text.split()[0]
            code = code.zfill(2) if code.isdigit() and len(code) < 2 else code
            if code not in self.fields:
                problems.append(Problem(key, _("“%(code)s” is not a known ISCED-F code.") % {"code": text}))
            return self.fields.get(code, "")
        if key in self.choices:
            # An unknown value goes to the form as typed, so that its own message names the choices.
            return self.choices[key].get(_normal(text), text)
        if key == "languages":
            return ",".join(code for code in re.split(r"[\s,;/]+", text.lower()) if code)
        if key in YES_NO_KEYS:
            answer = YES_NO.get(_normal(text))
            if answer is None:
                problems.append(Problem(key, _("Write yes or no (or leave the cell empty for no).")))
            return answer or ""
        return text
