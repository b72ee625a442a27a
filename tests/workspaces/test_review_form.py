"""The reviewer's form: a section per standard set with its progress, save as you go ("Save draft" in each section,
no script), errors beside the field they are about and linked from the summary, and a summary of what is left
before submitting. Nothing typed is lost: a refused submission still saves the draft."""

import lxml.html
import pytest

from frameworks.models import ScaleValue
from reviews.models import Review
from reviews.services import standards_of
from tests.flow import task_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def review_url(driver, coordinator, reviewers, client):
    driver.screen(coordinator)
    chair, expert, student = reviewers
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    task = task_of(driver.refresh(), "review", owner=expert)
    client.force_login(expert)
    url = f"/tasks/{task.pk}/review/"
    assert client.post(url, {"answer": "accept", "declaration": ""}).status_code == 302
    return url


def _submit_url(client, review_url):
    """Where the page's "Submit the review" button posts (its formaction, or the form's own address)."""
    doc = lxml.html.fromstring(client.get(review_url).content)
    button = doc.xpath("//main//form//button[contains(., 'Submit the review')]")[0]
    return button.get("formaction") or review_url


def _standards(driver):
    return list(standards_of(driver.application).order_by("standard_set__code", "ordinal"))


def _lowest(standard):
    return ScaleValue.objects.filter(scale_id=standard.standard_set.scale_id).order_by("-rank").first()


def _best(standard):
    return ScaleValue.objects.get(scale_id=standard.standard_set.scale_id, rank=1)


def test_the_form_has_a_section_per_standard_set_with_its_progress(client, review_url, driver):
    standards = _standards(driver)
    doc = lxml.html.fromstring(client.get(review_url).content)
    progress = doc.get_element_by_id("review-progress").text_content()
    assert f"0 of {len(standards)} standards judged" in progress
    sets = {standard.standard_set for standard in standards}
    for standard_set in sets:
        section = doc.get_element_by_id(f"set-{standard_set.pk}")
        assert standard_set.title in section.xpath("string(.//h2)")
        assert section.xpath(".//button[@name='save']"), "each section can be saved"
        assert "Evidence and learning outcomes at hand" in section.text_content()
    for standard in standards:
        block = doc.get_element_by_id(f"standard-{standard.pk}")
        assert "not judged yet" in block.text_content()
        assert block.xpath(f".//select[@name='value_{standard.pk}']")
    before = doc.get_element_by_id("before-submitting")
    links = {a.get("href") for a in before.xpath(".//a")}
    assert f"#id_value_{standards[0].pk}" in links and "#id_recommendation" in links


def test_saving_a_draft_keeps_what_was_typed_and_shows_the_progress(client, review_url, driver, reviewers):
    first, second = _standards(driver)[:2]
    data = {
        f"value_{first.pk}": _best(first).pk,
        f"value_{second.pk}": _lowest(second).pk,
        f"rationale_{second.pk}": "Assessment methods are not described.",
        "summary": "Half way.",
        "save": "1",
    }
    response = client.post(review_url, data, follow=True)
    body = response.content.decode()
    assert "Your draft review is saved" in body
    doc = lxml.html.fromstring(response.content)
    assert "2 of" in doc.get_element_by_id("review-progress").text_content()
    assert "Assessment methods are not described." in doc.get_element_by_id(f"id_rationale_{second.pk}").text_content()
    assert "judged" in doc.get_element_by_id(f"standard-{first.pk}").xpath("string(.//h3)")
    review = Review.objects.get(member__reviewer=reviewers[1])
    assert review.judgements.count() == 2 and review.summary == "Half way." and not review.is_submitted


def test_submitting_an_incomplete_review_saves_it_and_puts_each_error_beside_its_field(
    client, review_url, driver, reviewers
):
    standards = _standards(driver)
    first, second = standards[:2]
    data = {
        f"value_{first.pk}": _best(first).pk,
        f"value_{second.pk}": _lowest(second).pk,  # below the best: needs a rationale
        "summary": "Typed before submitting.",
    }
    response = client.post(f"{review_url}submit/", data)  # the "Submit the review" button's own URL
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content)
    summary_links = {a.get("href") for a in doc.xpath("//div[contains(@class, 'error-summary')]//a")}
    checks = [(f"rationale_{second.pk}", "Give a rationale for"), ("recommendation", "overall recommendation")]
    if len(standards) > 2:
        checks.append((f"value_{standards[2].pk}", "Judge standard"))
    for name, words in checks:
        error = doc.get_element_by_id(f"id_{name}_error")
        assert words in error.text_content()
        control = doc.get_element_by_id(f"id_{name}")
        assert f"id_{name}_error" in control.get("aria-describedby", "").split()
        assert f"#id_{name}" in summary_links
    assert "Typed before submitting." in doc.get_element_by_id("id_summary").text_content()
    review = Review.objects.get(member__reviewer=reviewers[1])
    assert not review.is_submitted and review.summary == "Typed before submitting."  # the draft is saved
    assert review.judgements.count() == 2


def test_a_complete_review_says_so_before_submitting_and_submits(client, review_url, driver, reviewers):
    data = {"recommendation": "accredit", "summary": "Solid.", "save": "1"}
    for standard in _standards(driver):
        data[f"value_{standard.pk}"] = _best(standard).pk
    for version in driver.application.submitted_versions.all():
        data[f"level_{version.pk}"] = "yes"
        data[f"workload_{version.pk}"] = "yes"
    page = client.post(review_url, data, follow=True)
    before = lxml.html.fromstring(page.content).get_element_by_id("before-submitting").text_content()
    assert "Every standard is judged" in before
    del data["save"]
    data["submit"] = "1"
    assert client.post(_submit_url(client, review_url), data).status_code == 302
    assert Review.objects.get(member__reviewer=reviewers[1]).is_submitted
