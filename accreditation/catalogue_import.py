"""Validating a catalogue's rows with the web form's rules (accreditation.forms.catalogue.MicroCredentialForm)
and the alignment checks, and the reference data the catalogue workbooks list. Reading the sheet and writing the
workbooks are reports' builders (reports.catalogue, reports.catalogue_workbooks)."""

from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from frameworks.alignment import ERROR, WARNING, check_specification, derive_eqf_level
from frameworks.models import FieldOfStudy, Level
from frameworks.reference import load_reference_facts
from reports.catalogue import BY_KEY, CHOICE_KEYS, ELEMENT_COLUMNS, Problem, RowReader, RowResult, _normal, level_label

from .models import MicroCredential


def choices() -> dict[str, list[tuple[str, str]]]:
    """Each choice column's (code, label) pairs, from the model."""
    return {
        key: [(str(value), str(label)) for value, label in MicroCredential._meta.get_field(key).choices]
        for key in CHOICE_KEYS
    }


def _eqf(level: Level) -> str:
    referencing = getattr(level, "referencing", None)
    return f"(EQF {referencing.eqf_level})" if referencing else ""


def workbook_lists() -> dict[str, list[tuple[str, str]]]:
    """For each column of the workbook with a drop-down: (value to write, what it means)."""
    levels = Level.objects.select_related("framework", "referencing").order_by("framework__code", "ordinal")
    lists = {
        "nqf_level": [
            (level_label(level), " ".join(filter(None, [_eqf(level), level.title]))) for level in levels.iterator()
        ],
        "field": [(f"{item.code} {item.name}", item.name) for item in FieldOfStudy.objects.order_by("code")],
    }
    lists.update(choices())
    return lists


# --- Validation ---------------------------------------------------------------------------------------------


class RememberedLookups:
    """Answers, within one file, the database look-ups a model's validation repeats for every row: that a foreign
    key's row exists, and the verdict of each check constraint. Both depend only on the values they read (the
    reference data does not change while a file is checked), so each distinct value is asked once; every other
    rule still runs for every row. Not used when a constraint reads more than its row (a unique constraint)."""

    def __init__(self, model):
        self.constraint_fields = self._fields_of_constraints(model)
        self.references = [(field.name, field.attname) for field in model._meta.concrete_fields if field.many_to_one]
        self.verdicts: dict = {}
        self.existing: set = set()

    @staticmethod
    def _fields_of_constraints(model) -> tuple[str, ...] | None:
        names = set()
        for constraint in model._meta.constraints:
            fields = getattr(getattr(constraint, "condition", None), "referenced_base_fields", None)
            if fields is None:
                return None
            names |= {model._meta.get_field(name).attname for name in fields}
        return tuple(sorted(names))

    def attach(self, instance) -> None:
        if self.constraint_fields is None:
            return
        instance.validate_constraints = self._constraints_of(instance)
        instance.clean_fields = self._fields_of(instance)

    def _constraints_of(self, instance):
        ask = instance.validate_constraints

        def validate_constraints(exclude=None):
            key = (frozenset(exclude or ()), tuple(getattr(instance, name) for name in self.constraint_fields))
            if key not in self.verdicts:
                try:
                    ask(exclude=exclude)
                    self.verdicts[key] = None
                except ValidationError as error:
                    self.verdicts[key] = error.error_dict if hasattr(error, "error_dict") else error.error_list
            if self.verdicts[key] is not None:
                raise ValidationError(self.verdicts[key])

        return validate_constraints

    def _fields_of(self, instance):
        clean = instance.clean_fields

        def clean_fields(exclude=None):
            exclude = set(exclude or ())
            given = {name: getattr(instance, attname) for name, attname in self.references if name not in exclude}
            given = {name: value for name, value in given.items() if value is not None}
            known = {name for name, value in given.items() if (name, value) in self.existing}
            failed = {}
            try:
                clean(exclude=exclude | known)
            except ValidationError as error:
                failed = error.error_dict
                raise
            finally:
                self.existing |= {(name, value) for name, value in given.items() if name not in failed}

        return clean_fields


class Duplicates:
    """Advice, not a rule: a row whose reference (or, without one, title) is already in the catalogue or in an
    earlier row is probably there twice, e.g. a file uploaded again."""

    def __init__(self, provider):
        self.catalogue = {
            self._key(reference, title)
            for reference, title in MicroCredential.objects.filter(provider=provider).values_list("reference", "title")
        }
        self.rows: dict[tuple, int] = {}

    @staticmethod
    def _key(reference: str, title: str) -> tuple:
        return ("reference", _normal(reference)) if reference.strip() else ("title", _normal(title))

    def check(self, number: int, values: dict) -> Problem | None:
        key = self._key(values["reference"], values["title"])
        if not key[1]:
            return None
        column = key[0]
        earlier = self.rows.setdefault(key, number)
        if key in self.catalogue:
            return Problem(
                column,
                _("Your catalogue already has a micro-credential with this %(what)s.")
                % {"what": BY_KEY[column].header.lower()},
            )
        if earlier != number:
            return Problem(
                column,
                _("Row %(row)s has the same %(what)s.") % {"row": earlier, "what": BY_KEY[column].header.lower()},
            )
        return None


class RowValidator:
    """Validates rows one at a time with the web form and the alignment checks, for one provider.

    Django builds a form per request, deep-copying every field (about 2 ms); for thousands of rows one form is
    bound again to each row instead: full_clean() starts from empty errors and cleaned data and each row gets an
    instance of its own, so the outcome is that of a fresh form (tests compare the two). The database look-ups
    that model validation repeats for each row are answered once per distinct value (RememberedLookups).
    """

    def __init__(self, provider):
        from accreditation.forms.catalogue import MicroCredentialForm

        self.provider = provider
        levels = list(Level.objects.select_related("framework", "referencing"))
        fields = list(FieldOfStudy.objects.all())
        self.reader = RowReader(levels, fields, choices())
        known = {"nqf_level": {level.pk: level for level in levels}, "field": {item.pk: item for item in fields}}
        self.form = MicroCredentialForm(data={}, instance=self._instance(), provider=provider, known=known)
        self.lookups = RememberedLookups(MicroCredential)
        self.seen = Duplicates(provider)
        self.facts = load_reference_facts()  # once for the whole file, not per row

    def validate(self, number: int, cells: dict) -> RowResult:
        values, data, problems = self.reader.read(cells)
        result = RowResult(number=number, cells=cells, values=values, errors=problems)
        duplicate = self.seen.check(number, values)
        form = self._bind(data)
        if not form.is_valid():
            result.errors += [
                Problem(name if name in BY_KEY else None, str(message))
                for name, messages in form.errors.items()
                for message in messages
            ]
            return result
        specification = form.save(commit=False)
        if specification.eqf_level is None:
            specification.eqf_level = derive_eqf_level(specification.nqf_level)
        result.warnings = [
            Problem(ELEMENT_COLUMNS.get(finding.element, finding.element), str(finding.message))
            for finding in check_specification(specification, self.facts)
            if finding.severity in (ERROR, WARNING)
        ]
        if duplicate:
            result.warnings.insert(0, duplicate)
        if not result.errors:
            result.specification = specification
        return result

    def _instance(self) -> MicroCredential:
        return MicroCredential(provider=self.provider)

    def _bind(self, data: dict):
        form = self.form
        form.data = data
        form.is_bound = True
        form._errors = None
        form.__dict__.pop("changed_data", None)
        form.instance = self._instance()
        self.lookups.attach(form.instance)
        return form


def validate_rows(rows, provider) -> Iterator[RowResult]:
    """Each (row number, cells) validated, in order."""
    validator = RowValidator(provider)
    for number, cells in rows:
        yield validator.validate(number, cells)
