"""What the coordinator sees on the consolidation step: one block per standard with each reviewer's judgement and
rationale beneath it, the disagreements first, a filter "only disagreements" that needs no JavaScript, and every
control of the step on the page, reachable without sideways scrolling at 1280 px and on a phone."""

import lxml.html
import pytest

from frameworks.models import ScaleValue
from reviews.models import Consolidation, Judgement
from reviews.services import standards_of
from tests.browser import SCREENSHOTS, assert_accessible, login
from tests.flow import task_of


def _to_consolidation(driver, coordinator, reviewers, disputed=2):
    """Every reviewer judges every standard 'fully'; the expert judges the last `disputed` standards two steps
    lower, which makes those the disagreements."""
    chair, expert, student = reviewers
    driver.screen(coordinator)
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    for reviewer in reviewers:
        driver.review(reviewer)
    standards = list(standards_of(driver.application).order_by("standard_set__code", "ordinal"))
    for standard in standards[-disputed:] if disputed else []:
        judgement = Judgement.objects.get(review__member__reviewer=expert, standard=standard)
        judgement.value = ScaleValue.objects.get(scale_id=standard.standard_set.scale_id, rank=3)
        judgement.rationale = f"The evidence for {standard.code} is thin."
        judgement.save()
    task = task_of(driver.refresh(), "consolidate", owner=coordinator)
    return task, standards


def _page(client, coordinator, url):
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def _blocks(element):
    return element.xpath(".//section[contains(concat(' ', @class, ' '), ' standard-block ')]")


def _form(doc):
    return doc.xpath("//main//form[@method='post']")[0]


def _one(element, xpath, **variables):
    found = element.xpath(xpath, **variables)
    assert len(found) == 1, xpath
    return found[0]


def test_disagreements_are_listed_first_then_the_rest_in_order(driver, client, coordinator, reviewers):
    task, standards = _to_consolidation(driver, coordinator, reviewers, disputed=2)
    doc = _page(client, coordinator, f"/tasks/{task.pk}/consolidate/")
    blocks = _blocks(doc)
    assert len(blocks) == len(standards)
    expected = [*standards[-2:], *standards[:-2]]
    assert [b.get("id") for b in blocks] == [f"standard-{s.pk}" for s in expected]
    flagged = ["disagreement" in b.get("class").split() for b in blocks]
    assert flagged == [True, True] + [False] * (len(standards) - 2)
    first = blocks[0].text_content()
    assert "Disagreement (2 steps)" in first
    assert f"The evidence for {standards[-2].code} is thin." in first  # the rationale in full, not cut short
    # The disputed blocks are not inside the group that the filter folds away.
    disputed_group = doc.get_element_by_id("disagreements")
    assert {b.get("id") for b in _blocks(disputed_group)} == {f"standard-{s.pk}" for s in standards[-2:]}


def test_each_block_stacks_every_reviewers_judgement_and_the_consolidated_fields(
    driver, client, coordinator, reviewers
):
    task, standards = _to_consolidation(driver, coordinator, reviewers, disputed=1)
    doc = _page(client, coordinator, f"/tasks/{task.pk}/consolidate/")
    form = _form(doc)
    for standard in standards:
        block = _one(form, ".//section[@id=$id]", id=f"standard-{standard.pk}")
        names = [
            name.text_content().strip() for name in block.xpath(".//li[@class='judgement']/span[@class='reviewer']")
        ]
        assert names == [r.get_full_name() for r in reviewers]
        select = _one(block, ".//select[@name=$name]", name=f"value_{standard.pk}")
        textarea = _one(block, ".//textarea[@name=$name]", name=f"rationale_{standard.pk}")
        for control in (select, textarea):
            assert _one(form, ".//label[@for=$id]", id=control.get("id")).text_content().strip()
    for name in ("recommendation", "conditions", "summary"):
        _one(form, ".//*[@name=$name]", name=name)
    _one(form, ".//button[not(@formaction)][normalize-space()='Save']")  # posts to the page itself: saves
    _one(form, ".//button[contains(@formaction, '/consolidate/complete/')]")  # its own URL: completes
    # The recommendations each reviewer gave are at hand too.
    assert "Accredit" in form.get_element_by_id("reviewer-recommendations").text_content()


def test_agreed_standards_start_from_the_shared_judgement(driver, client, coordinator, reviewers):
    task, standards = _to_consolidation(driver, coordinator, reviewers, disputed=1)
    doc = _page(client, coordinator, f"/tasks/{task.pk}/consolidate/")
    fully = ScaleValue.objects.get(scale_id=standards[0].standard_set.scale_id, rank=1)
    agreed = doc.xpath("//select[@name=$name]/option[@selected]", name=f"value_{standards[0].pk}")
    assert [o.get("value") for o in agreed] == [str(fully.pk)]
    disputed = doc.xpath("//select[@name=$name]/option[@selected]", name=f"value_{standards[-1].pk}")
    assert [o.get("value") for o in disputed] == [""]  # a disagreement is the coordinator's to settle


def test_the_filter_folds_the_agreed_standards_away_without_dropping_their_fields(
    driver, client, coordinator, reviewers
):
    task, standards = _to_consolidation(driver, coordinator, reviewers, disputed=2)
    url = f"/tasks/{task.pk}/consolidate/"
    everything = _page(client, coordinator, url)
    agreed = _one(everything, "//details[@id='agreed']")
    assert agreed.get("open") is not None
    _one(everything, "//a[@href=$href]", href=f"{url}?only=disagreements")

    only = _page(client, coordinator, url + "?only=disagreements")
    agreed = _one(only, "//details[@id='agreed']")
    assert agreed.get("open") is None  # folded: the coordinator sees only the disagreements
    assert f"({len(standards) - 2})" in _one(agreed, "./summary").text_content()
    _one(only, "//a[@href=$href]", href=url)
    # Folded fields are still in the form, so a save from the filtered page keeps what they hold.
    form = _form(only)
    assert len(form.xpath(".//select[starts-with(@name, 'value_')]")) == len(standards)
    assert len(_blocks(agreed)) == len(standards) - 2
    assert agreed in form.iterancestors() or form in agreed.iterancestors()


def test_saving_from_the_filtered_page_keeps_every_standard(driver, client, coordinator, reviewers):
    task, standards = _to_consolidation(driver, coordinator, reviewers, disputed=2)
    url = f"/tasks/{task.pk}/consolidate/"
    form = _form(_page(client, coordinator, url + "?only=disagreements"))
    data = dict(form.form_values())
    partially = ScaleValue.objects.get(scale_id=standards[-1].standard_set.scale_id, rank=2)
    data[f"value_{standards[-1].pk}"] = partially.pk
    data[f"rationale_{standards[-1].pk}"] = "The panel settled on substantially."
    data.update(recommendation="accredit", summary="Consolidated.", save="")
    response = client.post(url, data)
    assert response.status_code == 302
    consolidation = Consolidation.objects.get(panel=driver.refresh().panel)
    saved = {j.standard_id: j for j in consolidation.judgements.all()}
    assert saved[standards[-1].pk].value_id == partially.pk
    assert saved[standards[-1].pk].rationale == "The panel settled on substantially."
    fully = ScaleValue.objects.get(scale_id=standards[0].standard_set.scale_id, rank=1)
    assert all(saved[s.pk].value_id == fully.pk for s in standards[:-2])  # the folded ones too


def test_an_error_in_an_agreed_standard_unfolds_its_group(driver, client, coordinator, reviewers):
    task, standards = _to_consolidation(driver, coordinator, reviewers, disputed=2)
    url = f"/tasks/{task.pk}/consolidate/"
    client.force_login(coordinator)
    response = client.post(url + "?only=disagreements", {f"rationale_{standards[0].pk}": "bad\x00text", "save": ""})
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content)
    assert _one(doc, "//details[@id='agreed']").get("open") is not None
    field = doc.get_element_by_id(f"id_rationale_{standards[0].pk}")
    assert field.get("aria-invalid") == "true"
    assert doc.get_element_by_id(f"id_rationale_{standards[0].pk}_error").text_content().strip()
    assert doc.xpath("//div[@class='error-summary']//a[@href=$href]", href=f"#id_rationale_{standards[0].pk}")


def test_the_panel_has_no_disagreement_says_so(driver, client, coordinator, reviewers):
    task, standards = _to_consolidation(driver, coordinator, reviewers, disputed=0)
    doc = _page(client, coordinator, f"/tasks/{task.pk}/consolidate/")
    assert "The reviewers agree on every standard." in doc.get_element_by_id("disagreements").text_content()
    assert len(_blocks(doc.get_element_by_id("agreed"))) == len(standards)


CONTROLS_OUTSIDE = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('main form[method=post] input, main form[method=post] select,'
                                       + ' main form[method=post] textarea, main form[method=post] button')]
    .filter(el => el.type !== 'hidden' && el.getClientRects().length > 0)
    .filter(el => { const r = el.getBoundingClientRect(); return r.left < 0 || r.right > width; })
    .map(el => el.name || el.id);
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("width", [1280, 375])
def test_every_control_of_the_step_is_within_the_viewport(page, width, driver, coordinator, reviewers):
    task, standards = _to_consolidation(driver, coordinator, reviewers, disputed=2)
    page.set_viewport_size({"width": width, "height": 900})
    login(page, coordinator)
    for url in (f"/tasks/{task.pk}/consolidate/", f"/tasks/{task.pk}/consolidate/?only=disagreements"):
        page.goto(url)
        assert page.evaluate(CONTROLS_OUTSIDE) == []
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        assert_accessible(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = "only-disagreements" if "only=" in url else "all"
        page.screenshot(path=str(SCREENSHOTS / f"consolidation-{name}-{width}.png"), full_page=True)
    # Folded by the filter; one click on its summary unfolds it, no script needed.
    assert not page.locator(f"#id_value_{standards[0].pk}").is_visible()
    page.click("details#agreed > summary")
    assert page.locator(f"#id_value_{standards[0].pk}").is_visible()
    page.select_option(f"#id_value_{standards[-1].pk}", index=1)
    page.select_option("#id_recommendation", "accredit")
    page.click("main form button:text-is('Save')")
    assert "The consolidation is saved." in page.inner_text("main")
