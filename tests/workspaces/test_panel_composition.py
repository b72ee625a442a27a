"""The compose-panel page: the agency's reviewers ranked (the suggested panel first), each with why (expertise,
languages, load, conflicts), chosen with a box each; errors stand beside the field they are about, with the ids
aria-describedby names, and the summary links to them. Nothing typed is lost when the page comes back in error."""

import lxml.html
import pytest

from accreditation.models import Application
from reviews.models import EmploymentRecord, PanelMember
from tests.flow import make_reviewer, task_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def compose(driver, coordinator, reviewers, client):
    driver.screen(coordinator)
    client.force_login(coordinator)
    task = task_of(driver.refresh(), "compose_panel")
    return f"/tasks/{task.pk}/compose-panel/"


@pytest.fixture
def conflicted(agency, provider):
    """A fourth reviewer who worked for the provider until recently."""
    user = make_reviewer(agency, "former")
    EmploymentRecord.objects.create(profile=user.reviewer_profile, provider=provider, role="Lecturer")
    return user


def _doc(response):
    return lxml.html.fromstring(response.content)


def _blocks(doc):
    return doc.xpath("//main//fieldset[contains(@class, 'candidate')]")


def test_the_reviewers_come_ranked_with_their_reasons_and_the_suggestion_ticked(client, compose, reviewers, conflicted):
    doc = _doc(client.get(compose))
    blocks = _blocks(doc)
    assert len(blocks) == 4
    names = [block.xpath("string(.//h3)") for block in blocks]
    assert all("suggested" in name for name in names[:3]) and "suggested" not in names[3]
    assert "Former" in names[3]  # the one with a conflict comes last
    last = blocks[3].text_content()
    assert "Expertise" in last and "Languages" in last and "open reviews" in last
    assert "worked for" in last and "until now" in last  # the conflict, in words
    for block in blocks[:3]:
        assert block.xpath(".//input[@type='checkbox']")[0].get("checked") is not None
    assert blocks[3].xpath(".//input[@type='checkbox']")[0].get("checked") is None
    assert blocks[3].xpath(f".//input[@name='justification_{conflicted.pk}']")  # asked only of the conflicted
    assert not blocks[0].xpath(".//input[starts-with(@name, 'justification_')]")


def _post(reviewers, *, ticked: dict, justification: dict | None = None):
    data = {"chosen_by": "boxes"}
    for user in reviewers:
        data[f"role_{user.pk}"] = ticked.get(user, "member")
        if user in ticked:
            data[f"invite_{user.pk}"] = "on"
    for user, text in (justification or {}).items():
        data[f"justification_{user.pk}"] = text
    return data


def test_the_coordinator_ticks_the_panel(client, compose, driver, reviewers, conflicted):
    chair, _expert, student = reviewers
    everyone = [*reviewers, conflicted]
    data = _post(
        everyone,
        ticked={chair: "chair", student: "student", conflicted: "member"},
        justification={conflicted: "Left the provider six years ago; no current link."},
    )
    assert client.post(compose, data).status_code == 302
    application = driver.refresh()
    assert application.status != Application.Status.PANEL
    seated = dict(application.panel.members.current().values_list("reviewer_id", "role"))
    assert seated == {chair.pk: "chair", student.pk: "student", conflicted.pk: "member"}
    member = PanelMember.objects.get(reviewer=conflicted)
    assert member.conflict_override.startswith("Left the provider")


def test_errors_stand_beside_their_fields_and_nothing_typed_is_lost(client, compose, driver, reviewers, conflicted):
    chair, expert, student = reviewers
    everyone = [*reviewers, conflicted]
    data = _post(everyone, ticked={chair: "chair", expert: "chair", conflicted: "member", student: "student"})
    data[f"justification_{expert.pk}"] = "typed and kept"
    response = client.post(compose, data)
    assert response.status_code == 200
    doc = _doc(response)
    summary = doc.xpath("//div[contains(@class, 'error-summary')]")[0]
    links = {a.get("href") for a in summary.xpath(".//a")}
    for user in (chair, expert):
        control = doc.get_element_by_id(f"id_role_{user.pk}")
        error = doc.get_element_by_id(f"id_role_{user.pk}_error")
        assert "Only one reviewer can chair the panel." in error.text_content()
        assert f"id_role_{user.pk}_error" in control.get("aria-describedby", "").split()
        assert control.get("aria-invalid") == "true"
        assert f"#id_role_{user.pk}" in links
    justification = doc.get_element_by_id(f"id_justification_{conflicted.pk}")
    error = doc.get_element_by_id(f"id_justification_{conflicted.pk}_error")
    assert "has a conflict of interest" in error.text_content()
    assert f"id_justification_{conflicted.pk}_error" in justification.get("aria-describedby", "").split()
    # What was chosen comes back as it was.
    assert doc.get_element_by_id(f"id_invite_{conflicted.pk}").get("checked") is not None
    assert doc.get_element_by_id(f"id_invite_{expert.pk}").get("checked") is not None
    assert driver.refresh().status == Application.Status.PANEL


def test_nothing_ticked_says_so(client, compose, driver, reviewers):
    data = _post(reviewers, ticked={})  # every role menu posts its value; no box is ticked
    body = client.post(compose, data).content.decode()
    assert "Tick at least one reviewer to invite." in body
    assert driver.refresh().status == Application.Status.PANEL
