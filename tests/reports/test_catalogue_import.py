"""Catalogue import: the template, row-level checks with the web form's rules, the preview, the checked
workbook, and the import of a clean file in one go."""

import io

import pytest
from openpyxl import load_workbook

from accreditation.catalogue_import import RowValidator, choices
from accreditation.forms.catalogue import MicroCredentialForm
from accreditation.models import AuditEvent, MicroCredential
from frameworks.models import FieldOfStudy, Level
from jobs.models import Job
from reports.catalogue import COLUMNS, HEADERS, RowReader

from .conftest import GOOD, workbook_bytes

pytestmark = pytest.mark.django_db


def _list_values(workbook, header: str) -> list:
    """The values offered by the drop-down list of a column of the sheet Catalogue."""
    letter = workbook["Catalogue"].cell(row=1, column=HEADERS.index(header) + 1).column_letter
    for validation in workbook["Catalogue"].data_validations.dataValidation:
        if str(validation.sqref).startswith(f"{letter}2:"):
            sheet, cells = validation.formula1.lstrip("=").split("!")
            start, end = cells.replace("$", "").split(":")
            return [cell.value for row in workbook[sheet][start:end] for cell in row]
    raise AssertionError(f"no list on {header}")


def test_template_has_every_element_drop_down_lists_and_instructions(client, provider_staff):
    client.force_login(provider_staff)
    response = client.get("/provider/catalogue/import/template.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="catalogue-template.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Instructions", "Catalogue", "Lists"]
    assert [cell.value for cell in workbook["Catalogue"][1]] == HEADERS
    for header in ("Title", "Learning outcomes", "ECTS", "NQF level", "EQF level", "ISCED-F field", "Languages"):
        assert header in HEADERS
    assert "IE-NFQ 8" in _list_values(workbook, "NQF level")
    assert _list_values(workbook, "EQF level") == [str(n) for n in range(1, 9)]
    assert "06 Information and Communication Technologies (ICTs)" in _list_values(workbook, "ISCED-F field")
    assert {"written_exam", "practical", "project"} <= set(_list_values(workbook, "Type of assessment"))
    assert _list_values(workbook, "Form of participation") == ["online", "onsite", "blended", "work_based", "volunteer"]
    assert "IE" in _list_values(workbook, "Country")
    instructions = {row[0]: row[1:] for row in workbook["Instructions"].iter_rows(values_only=True) if row[0]}
    assert instructions["Title"][0] == "mandatory" and instructions["Region"][0] == "optional"
    assert any("one row per micro-credential" in line.lower() for line in instructions)


def test_only_provider_staff_get_the_import_pages(client, coordinator, outsider):
    for user in (coordinator, outsider):
        client.force_login(user)
        assert client.get("/provider/catalogue/import/").status_code == 404
        assert client.get("/provider/catalogue/import/template.xlsx").status_code == 404


def test_a_clean_file_is_previewed_then_imported_in_one_go(client, provider_staff, provider, upload, confirm):
    client.force_login(provider_staff)
    second = {**GOOD, "reference": "SOL-102", "title": "Solar Maintenance", "nqf_level": "IE-NFQ 7"}
    response = upload(workbook_bytes([GOOD, second]))
    job = Job.objects.get()
    assert response.url == f"/jobs/{job.pk}/"
    page = client.get(response.url).content.decode()
    assert "Import 2 micro-credentials" in page
    assert "Solar Maintenance" in page and "SOL-102" in page and "IE-NFQ 7" in page
    assert not MicroCredential.objects.filter(provider=provider).exists()

    response = confirm(job)
    assert "2 micro-credentials were added to your catalogue" in response.content.decode()
    imported = MicroCredential.objects.filter(provider=provider).order_by("reference")
    assert [(m.reference, m.title, m.eqf_level, str(m.nqf_level)) for m in imported] == [
        ("SOL-101", "Solar Installation Basics", 5, "IE-NFQ 6"),  # EQF derived from the national level
        ("SOL-102", "Solar Maintenance", 6, "IE-NFQ 7"),
    ]
    assert imported[0].field.code == "07" and imported[0].learning_outcomes.count("\n") == 2
    event = AuditEvent.objects.get(verb="imported a catalogue")
    assert event.data == {"count": 2}

    response = confirm(job)
    assert "already been imported" in response.content.decode()
    assert MicroCredential.objects.filter(provider=provider).count() == 2


def test_row_errors_block_the_import_and_come_back_marked_in_the_workbook(
    client, provider_staff, provider, upload, confirm
):
    client.force_login(provider_staff)
    bad = {
        **GOOD,
        "title": "Bad row",
        "ects": "five",
        "workload_hours": "01/03/2026",
        "nqf_level": "IE-NFQ 99",
        "participation_form": "by post",
        "languages": "English",
    }
    upload(workbook_bytes([GOOD, bad]))
    job = Job.objects.get()
    assert job.status == Job.Status.DONE and job.result["errors"] == 1
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Nothing can be imported while a row has errors" in page
    assert "<strong>ECTS</strong>: Enter a number." in page
    assert "<strong>Workload (hours)</strong>: A date (01/03/2026) where a number belongs" in page
    assert "“IE-NFQ 99” is not a level in the list" in page
    assert "Select a valid choice. by post is not one of the available choices." in page
    assert "Give two-letter language codes" in page
    assert "Import 2" not in page

    response = confirm(job)
    assert "Only a checked file without errors can be imported" in response.content.decode()
    assert not MicroCredential.objects.filter(provider=provider).exists()

    response = client.get(f"/jobs/{job.pk}/checked.xlsx")
    assert response["Content-Disposition"] == f'attachment; filename="catalogue-checked-{job.pk}.xlsx"'
    checked = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = checked["Catalogue"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (*HEADERS, "Problems")
    assert rows[1][-1] is None  # the good row
    assert rows[2][HEADERS.index("Title")] == "Bad row"
    assert "ECTS: Enter a number." in rows[2][-1] and "NQF level:" in rows[2][-1]
    ects = sheet.cell(row=3, column=HEADERS.index("ECTS") + 1)
    assert ects.value == "five" and ects.comment.text == "Enter a number."
    assert ects.fill.fgColor.rgb.endswith("F8D7DA")
    assert sheet.cell(row=3, column=HEADERS.index("Title") + 1).comment is None
    assert checked.sheetnames == ["Instructions", "Catalogue", "Lists"]  # ready to correct and upload again


def test_a_corrected_checked_workbook_can_be_uploaded_as_it_is(client, provider_staff, provider, upload):
    client.force_login(provider_staff)
    upload(workbook_bytes([{**GOOD, "ects": "five"}]))
    first = Job.objects.get()
    checked = load_workbook(io.BytesIO(b"".join(client.get(f"/jobs/{first.pk}/checked.xlsx").streaming_content)))
    checked["Catalogue"].cell(row=2, column=HEADERS.index("ECTS") + 1).value = 3
    buffer = io.BytesIO()
    checked.save(buffer)
    upload(buffer.getvalue())
    second = Job.objects.exclude(pk=first.pk).get()
    assert second.status == Job.Status.DONE and second.result["errors"] == 0


def test_alignment_findings_are_points_to_check_that_do_not_block(client, provider_staff, provider, upload, confirm):
    client.force_login(provider_staff)
    thin = {**GOOD, "learning_outcomes": "Install photovoltaic panels safely", "quality_assurance": ""}
    upload(workbook_bytes([thin]))
    job = Job.objects.get()
    assert job.result["errors"] == 0 and job.result["warnings"] == 1
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Give at least two learning outcomes." in page
    assert "Missing mandatory element: Type of quality assurance." in page
    assert "Import 1 micro-credential" in page
    confirm(job)
    assert MicroCredential.objects.filter(provider=provider, title=GOOD["title"]).exists()


def test_codes_and_labels_are_both_understood(client, provider_staff, provider, upload, confirm):
    client.force_login(provider_staff)
    row = {
        **GOOD,
        "country": "ireland",
        "assessment_type": "Project or assignment",
        "participation_form": "ONLINE",
        "nqf_level": "ie-nfq  8 (EQF 6)",
        "eqf_level": "EQF 6",
        "field": "061 Information and Communication Technologies (ICTs)",
        "languages": "EN, fr",
    }
    upload(workbook_bytes([row]))
    job = Job.objects.get()
    assert job.result["errors"] == 0, job.result["problems"]
    confirm(job)
    imported = MicroCredential.objects.get(provider=provider)
    assert (imported.country, imported.assessment_type, imported.participation_form) == ("IE", "project", "online")
    assert (str(imported.nqf_level), imported.eqf_level, imported.field.code) == ("IE-NFQ 8", 6, "061")
    assert imported.languages == "en,fr"


def test_a_declared_eqf_level_that_contradicts_the_national_level_is_an_error(client, provider_staff, upload):
    client.force_login(provider_staff)
    upload(workbook_bytes([{**GOOD, "eqf_level": 7}]))
    job = Job.objects.get()
    assert job.result["errors"] == 1
    assert "IE-NFQ 6 is referenced to EQF 5" in job.result["problems"][0]["errors"][0][1]
    assert job.result["problems"][0]["errors"][0][0] == "EQF level"


ROWS_TO_COMPARE = [
    GOOD,
    {**GOOD, "ects": "0"},  # a validator and the model's check constraint both refuse it
    {**GOOD, "ects": "0"},  # the same again: the constraint's verdict is remembered, the outcome must not change
    {**GOOD, "ects": "-1", "eqf_level": "9"},
    {**GOOD, "title": "", "workload_hours": "12.5", "languages": "english"},
    {**GOOD, "eqf_level": "7"},
    {**GOOD, "country": "XX", "cycle": "fourth", "title": "x" * 300},
]


def test_the_import_validates_exactly_as_a_fresh_web_form(provider):
    validator = RowValidator(provider)
    reader = RowReader(Level.objects.select_related("framework"), FieldOfStudy.objects.all(), choices())
    for number, row in enumerate(ROWS_TO_COMPARE, 2):
        _values, data, _problems = reader.read(row)
        fresh = MicroCredentialForm(data=data, instance=MicroCredential(provider=provider), provider=provider)
        expected = {(name, str(message)) for name, messages in fresh.errors.items() for message in messages}
        result = validator.validate(number, row)
        assert {(problem.column or "__all__", problem.message) for problem in result.errors} == expected, row
        assert (result.specification is not None) == fresh.is_valid()
    # The repeated rows did not ask the database again.
    assert len(validator.lookups.verdicts) < len(ROWS_TO_COMPARE)
    assert len(validator.lookups.existing) == 2  # one level, one field


def test_each_column_is_a_form_field():
    assert {column.key for column in COLUMNS} == set(MicroCredentialForm.base_fields)


def test_jobs_and_their_files_belong_to_their_author(
    client, provider_staff, other_provider_staff, coordinator, outsider, upload
):
    client.force_login(provider_staff)
    upload(workbook_bytes([GOOD]))
    job = Job.objects.get()
    for user in (other_provider_staff, coordinator, outsider):
        client.force_login(user)
        assert client.get(f"/jobs/{job.pk}/").status_code == 404
        assert client.get(f"/jobs/{job.pk}/checked.xlsx").status_code == 404
        assert client.post(f"/jobs/{job.pk}/import/").status_code == 404
    assert not MicroCredential.objects.exists()


def test_rows_already_in_the_catalogue_or_repeated_are_pointed_out(client, provider_staff, provider, upload, confirm):
    client.force_login(provider_staff)
    upload(workbook_bytes([GOOD]))
    confirm(Job.objects.get())
    untitled = {**GOOD, "reference": "", "title": "Solar Storage"}
    upload(workbook_bytes([GOOD, untitled, untitled]))
    job = Job.objects.latest("pk")
    warnings = {row["number"]: row["warnings"][0] for row in job.result["problems"]}
    assert warnings == {
        2: ["Reference", "Your catalogue already has a micro-credential with this reference."],
        4: ["Title", "Row 3 has the same title."],
    }
    assert job.result["errors"] == 0  # advice only: the provider decides
