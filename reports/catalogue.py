"""The catalogue spreadsheet: a template to fill, the checks of an uploaded file, row-by-row validation with the
same form as the web page, the workbook annotated with the errors, and the import of a clean file."""

import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from accreditation import audit
from accreditation.models import MicroCredential
from accreditation.models.credentials import AssessmentType, Cycle, ParticipationForm, Stackability, Supervision
from frameworks.alignment import check_specification, derive_eqf_level
from frameworks.models import FieldOfStudy, Level

from .jobs import runner
from .models import Job

COLUMNS = [
    ("reference", "Reference"),
    ("title", "Title"),
    ("awarding_body", "Awarding body"),
    ("country", "Country"),
    ("region", "Region"),
    ("learning_outcomes", "Learning outcomes"),
    ("workload_hours", "Workload (hours)"),
    ("ects", "ECTS"),
    ("nqf_level", "NQF level"),
    ("cycle", "QF-EHEA cycle"),
    ("assessment_type", "Type of assessment"),
    ("participation_form", "Form of participation"),
    ("quality_assurance", "Type of quality assurance"),
    ("prerequisites", "Prerequisites"),
    ("supervision", "Supervision and identity verification"),
    ("grading", "Grading"),
    ("stackability", "Integration and stackability"),
    ("further_information", "Further information"),
    ("field", "ISCED-F field"),
    ("languages", "Languages"),
]
HEADERS = [label for _key, label in COLUMNS]
CHOICES = {
    "cycle": Cycle,
    "assessment_type": AssessmentType,
    "participation_form": ParticipationForm,
    "supervision": Supervision,
    "stackability": Stackability,
}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100


def max_rows() -> int:
    return getattr(settings, "CATALOGUE_MAX_ROWS", 10_000)


def level_label(level: Level) -> str:
    return f"{level.framework.code} {level.code}"


def build_template() -> bytes:
    """The workbook providers fill in: headers, drop-down lists from the reference data, and instructions."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Catalogue"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    lists = workbook.create_sheet("Lists")
    values = {
        "nqf_level": [
            level_label(level)
            for level in Level.objects.select_related("framework").order_by("framework__code", "ordinal")
        ],
        "field": [f"{f.code}" for f in FieldOfStudy.objects.order_by("code")],
        **{name: [value for value, _label in choices.choices] for name, choices in CHOICES.items()},
    }
    for column, (name, items) in enumerate(values.items(), 1):
        letter = lists.cell(row=1, column=column).column_letter
        lists.cell(row=1, column=column, value=name)
        for row, item in enumerate(items, 2):
            lists.cell(row=row, column=column, value=item)
        target = HEADERS.index(dict(COLUMNS)[name]) + 1
        target_letter = sheet.cell(row=1, column=target).column_letter
        validation = DataValidation(
            type="list", formula1=f"=Lists!${letter}$2:${letter}${len(items) + 1}", allow_blank=True
        )
        validation.error = _("Choose a value from the list.")
        sheet.add_data_validation(validation)
        validation.add(f"{target_letter}2:{target_letter}{max_rows() + 1}")
    help_sheet = workbook.create_sheet("Instructions", 0)
    for line in [
        _("One row per micro-credential, on the sheet “Catalogue”. Keep the header row as it is."),
        _(
            "Mandatory (EU standard): title, awarding body, country, learning outcomes, workload, level, type of "
            "assessment, form of participation, type of quality assurance."
        ),
        _("Learning outcomes: one per line inside the cell (Alt+Enter), each starting with an action verb."),
        _(
            "Workload in hours and ECTS as plain numbers; NQF level as listed, e.g. “IE-NFQ 8”; "
            "ISCED-F field as its code."
        ),
        _("Formulas, macros and merged cells are refused; at most %(rows)s rows.") % {"rows": max_rows()},
    ]:
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 120
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class FileRefused(Exception):
    """The upload is not a workbook we can read safely; the message says why in plain words."""


def check_file(uploaded) -> None:
    """Refuse before parsing: wrong type, encrypted, macros, zip bombs, merged cells, too many rows."""
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise FileRefused(_("The file is larger than 5 MB."))
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused(
            _("The file is password-protected or in the old .xls format: save it as an unprotected .xlsx.")
        )
    if not head.startswith(b"PK\x03\x04"):
        raise FileRefused(_("The file is not an Excel workbook (.xlsx)."))
    try:
        with zipfile.ZipFile(uploaded) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if "xl/workbook.xml" not in names:
                raise FileRefused(_("The file is not an Excel workbook (.xlsx)."))
            if any(name.endswith("vbaProject.bin") for name in names):
                raise FileRefused(_("Workbooks with macros (.xlsm) are refused: save it as a plain .xlsx."))
            unpacked = sum(member.file_size for member in members)
            packed = max(sum(member.compress_size for member in members), 1)
            if unpacked > MAX_UNCOMPRESSED_BYTES or unpacked / packed > MAX_RATIO:
                raise FileRefused(_("The workbook unpacks to far more data than a catalogue holds; it is refused."))
            for name in names:
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with archive.open(name) as sheet:
                        if b"<mergeCell " in sheet.read():
                            raise FileRefused(
                                _("The workbook has merged cells: unmerge them so that each row stands alone.")
                            )
    except zipfile.BadZipFile as error:
        raise FileRefused(_("The file is damaged or not an Excel workbook.")) from error
    finally:
        uploaded.seek(0)


@dataclass
class RowResult:
    number: int
    values: dict
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def row_data(values: dict, levels: dict[str, int], fields: dict[str, int]) -> tuple[dict, list[str]]:
    """Turn a row's cells into the form's data (codes to primary keys), with problems found on the way."""
    problems = []
    data = {key: _cell_text(values.get(key)) for key, _label in COLUMNS}
    for key, text in data.items():
        if text.startswith("="):
            problems.append(_("%(column)s holds a formula; type the value itself.") % {"column": dict(COLUMNS)[key]})
            data[key] = ""
    if data["nqf_level"]:
        label = " ".join(data["nqf_level"].split())
        if label not in levels:
            problems.append(_("NQF level “%(level)s” is not in the list (write it as “IE-NFQ 8”).") % {"level": label})
        data["nqf_level"] = levels.get(label, "")
    if data["field"]:
        code = data["field"].zfill(2) if data["field"].isdigit() and len(data["field"]) < 2 else data["field"]
        if code not in fields:
            problems.append(_("ISCED-F field “%(code)s” is not a known code.") % {"code": data["field"]})
        data["field"] = fields.get(code, "")
    return data, problems


def validate_rows(rows, provider, on_progress=None) -> list[RowResult]:
    """Validate each row with the web form's rules and the alignment checks."""
    from accreditation.forms.catalogue import MicroCredentialForm, grouped_levels

    levels = {level_label(level): level.pk for level in Level.objects.select_related("framework")}
    fields = dict(FieldOfStudy.objects.values_list("code", "pk"))
    level_choices = grouped_levels()  # the select's options, built once for all rows
    known = {
        "nqf_level": Level.objects.select_related("framework", "referencing").in_bulk(),
        "field": FieldOfStudy.objects.in_bulk(),
    }
    results = []
    for number, values in rows:
        data, problems = row_data(values, levels, fields)
        form = MicroCredentialForm(
            data=data,
            instance=MicroCredential(provider=provider),
            provider=provider,
            level_choices=level_choices,
            known=known,
        )
        result = RowResult(number=number, values={k: _cell_text(values.get(k)) for k, _l in COLUMNS}, errors=problems)
        if form.is_valid():
            spec = form.save(commit=False)
            derived = derive_eqf_level(spec.nqf_level)
            if derived:
                spec.eqf_level = derived
            result.warnings = [str(f.message) for f in check_specification(spec) if f.severity != "info"]
        else:
            result.errors += [
                f"{form.fields[name].label if name in form.fields else ''}: {error}".lstrip(": ")
                for name, errors in form.errors.items()
                for error in errors
            ]
        results.append(result)
        if on_progress and number % 200 == 0:
            on_progress(len(results))
    return results


def read_rows(handle):
    """The data rows of the Catalogue sheet as (row number, {column key: value}); headers checked first."""
    workbook = load_workbook(handle, read_only=True, data_only=False)
    if "Catalogue" not in workbook.sheetnames:
        raise FileRefused(_("The workbook has no sheet named “Catalogue”: start from the template."))
    sheet = workbook["Catalogue"]
    rows = sheet.iter_rows(values_only=True)
    header = [(_cell_text(cell)) for cell in next(rows, ())]
    missing = [label for label in HEADERS if label not in header]
    unknown = [label for label in header if label and label not in HEADERS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
        if unknown:
            parts.append(_("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
        raise FileRefused(
            _("The header row does not match the template (%(problems)s).") % {"problems": "; ".join(parts)}
        )
    positions = {{label: key for key, label in COLUMNS}[label]: index for index, label in enumerate(header) if label}
    limit = max_rows()
    for number, row in enumerate(rows, 2):
        if all(cell in (None, "") for cell in row):
            continue
        if number - 1 > limit:
            raise FileRefused(
                _("The catalogue has more than %(limit)s rows; split it into several files.") % {"limit": limit}
            )
        yield number, {key: row[index] if index < len(row) else None for key, index in positions.items()}


@runner(Job.Kind.CATALOGUE_IMPORT)
def validate_catalogue(job: Job) -> None:
    """The background part of an import: read and validate every row, store the preview in the job."""
    from django.utils import timezone

    with job.source.open("rb") as handle:
        try:
            rows = list(read_rows(handle))
        except FileRefused as refusal:
            Job.objects.filter(pk=job.pk).update(
                status=Job.Status.FAILED, message=str(refusal), finished_at=timezone.now()
            )
            return
    Job.objects.filter(pk=job.pk).update(total=len(rows))
    results = validate_rows(
        rows, job.provider, on_progress=lambda done: Job.objects.filter(pk=job.pk).update(progress=done)
    )
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE,
        progress=len(results),
        finished_at=timezone.now(),
        result={"rows": [r.__dict__ for r in results], "errors": sum(1 for r in results if r.errors)},
    )


def annotated_workbook(job: Job) -> bytes:
    """The uploaded rows with a column of problems and a comment on each row that has one."""
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = "Catalogue"
    sheet.append([*HEADERS, _("Problems")])
    red = PatternFill("solid", fgColor="FDECEC")
    for row in job.result.get("rows", []):
        cells = [row["values"].get(key, "") for key, _label in COLUMNS]
        problems = "\n".join(row["errors"] + [_("Check: %(w)s") % {"w": w} for w in row["warnings"]])
        sheet.append([*cells, problems])
        if row["errors"]:
            cell = sheet.cell(row=sheet.max_row, column=len(HEADERS) + 1)
            cell.fill = red
            cell.comment = Comment("\n".join(row["errors"]), "microcred-qa")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@transaction.atomic
def import_catalogue(*, job: Job, by) -> int:
    """Import every row of a validated file with no errors, all in one transaction."""
    from accreditation.forms.catalogue import MicroCredentialForm, grouped_levels

    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status != Job.Status.DONE or job.result.get("errors"):
        raise ValueError(_("Only a checked file without errors can be imported."))
    levels = {level_label(level): level.pk for level in Level.objects.select_related("framework")}
    fields = dict(FieldOfStudy.objects.values_list("code", "pk"))
    level_choices = grouped_levels()
    created = []
    for row in job.result["rows"]:
        data, _problems = row_data(row["values"], levels, fields)
        form = MicroCredentialForm(
            data=data,
            instance=MicroCredential(provider=job.provider),
            provider=job.provider,
            level_choices=level_choices,
        )
        if not form.is_valid():  # the reference data changed since the check
            raise ValueError(_("Row %(n)s no longer validates; check the file again.") % {"n": row["number"]})
        spec = form.save(commit=False)
        spec.eqf_level = derive_eqf_level(spec.nqf_level) or spec.eqf_level
        created.append(spec)
    MicroCredential.objects.bulk_create(created)
    job.status = Job.Status.IMPORTED
    job.save(update_fields=["status"])
    audit.record(actor=by, verb="imported a catalogue", target=job.provider, data={"rows": len(created)})
    return len(created)
