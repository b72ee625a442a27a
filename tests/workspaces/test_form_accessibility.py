"""Every form's fields say what describes them: an input with help or an error names both in aria-describedby (and
is aria-invalid when in error), each error stands next to its field, and the summary at the top links to each field
in error. Checked on two real forms, the provider's micro-credential and the officer's decision, by parsing the
HTML the pages answer."""

import lxml.html
import pytest

from tests.flow import task_of

CONTROLS = ".//input[not(@type='hidden') and not(@type='submit')] | .//select | .//textarea"


def _post_form(response):
    doc = lxml.html.fromstring(response.content)
    forms = doc.xpath("//main//form[@method='post'][.//div[contains(@class, 'field')]]")
    assert forms, "no form with fields on the page"
    return doc, forms[0]


def _described_by(control) -> list[str]:
    return (control.get("aria-describedby") or "").split()


def _field_of(control):
    """The .field block (div or fieldset) that holds the control."""
    return control.xpath("ancestor::*[contains(concat(' ', @class, ' '), ' field ')][1]")[0]


def _check_every_field(doc, form) -> tuple[int, int]:
    """Asserts the rules for every control of the form; returns how many controls have help and how many errors."""
    with_help = with_errors = 0
    for control in form.xpath(CONTROLS):
        field = _field_of(control)
        names = _described_by(control)
        if field.tag == "fieldset":  # a group of radios or checkboxes: the group carries the description
            names = _described_by(field)
        for name in names:
            assert doc.get_element_by_id(name) is not None, f"{control.get('name')} describedby {name} is missing"
        help_notes = field.xpath(".//p[@class='help']")
        errors = field.xpath(".//div[@class='field-errors']")
        if help_notes:
            with_help += 1
            assert help_notes[0].get("id") in names, f"{control.get('name')}: help not in aria-describedby"
        if errors:
            with_errors += 1
            assert errors[0].get("id") in names, f"{control.get('name')}: error not in aria-describedby"
            assert errors[0].text_content().strip()
            if field.tag != "fieldset":
                assert control.get("aria-invalid") == "true", control.get("name")
        else:
            assert control.get("aria-invalid") is None, control.get("name")
    return with_help, with_errors


def _check_summary_links(doc, form, expected_fields: set[str]) -> None:
    links = form.xpath(".//div[@class='error-summary']//a/@href")
    assert {href.removeprefix("#id_") for href in links} >= expected_fields
    for href in links:
        assert href.startswith("#id_")
        target = doc.get_element_by_id(href[1:])
        # The link lands on the field itself, or on the group that holds its radios.
        assert target.tag in ("input", "select", "textarea", "div"), href


def test_the_micro_credential_form_describes_its_fields(client, provider_staff):
    client.force_login(provider_staff)
    doc, form = _post_form(client.get("/provider/catalogue/new/"))
    with_help, with_errors = _check_every_field(doc, form)
    assert with_help >= 3 and with_errors == 0
    assert not form.xpath(".//div[@class='error-summary']")


def test_the_micro_credential_form_in_error_links_each_error_from_the_summary(client, provider, provider_staff):
    client.force_login(provider_staff)
    response = client.post("/provider/catalogue/new/", {"provider": provider.pk, "title": "", "ects": "many"})
    assert response.status_code == 200
    doc, form = _post_form(response)
    _with_help, with_errors = _check_every_field(doc, form)
    assert with_errors >= 2
    _check_summary_links(doc, form, {"title", "ects"})
    title_error = doc.get_element_by_id("id_title_error")
    assert title_error.getparent() is _field_of(doc.get_element_by_id("id_title"))  # beside its field


@pytest.fixture
def decision_task(driver, coordinator, reviewers, provider_staff, authority_officer):
    driver.to_decision(coordinator, reviewers, provider_staff)
    return task_of(driver.refresh(), "decide", owner=authority_officer)


def test_the_officers_decision_form_describes_its_fields(client, decision_task, authority_officer):
    client.force_login(authority_officer)
    doc, form = _post_form(client.get(f"/tasks/{decision_task.pk}/decide/"))
    _check_every_field(doc, form)


def test_the_officers_decision_in_error_marks_and_links_each_field(client, decision_task, authority_officer):
    client.force_login(authority_officer)
    response = client.post(f"/tasks/{decision_task.pk}/decide/", {"outcome": "", "rationale": "", "valid_from": "x"})
    assert response.status_code == 200
    doc, form = _post_form(response)
    _with_help, with_errors = _check_every_field(doc, form)
    assert with_errors >= 2
    _check_summary_links(doc, form, {"outcome", "rationale"})
