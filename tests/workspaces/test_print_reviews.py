"""The coordinator prints all reviews of an application: one page with, per standard, every reviewer's judgement
and rationale side by side, the verdicts on each micro-credential and each recommendation; reviews not submitted
yet are named, not shown. Only coordinators of the agency."""

import lxml.html
import pytest

from reviews.services import standards_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(driver, coordinator, reviewers):
    driver.screen(coordinator)
    chair, expert, student = reviewers
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    driver.review(chair)
    driver.review(expert, rank=2)  # below the best, with "Partly shown." as rationale
    return driver


def test_the_coordinator_prints_every_submitted_review_per_standard(client, reviewed, coordinator, reviewers):
    application = reviewed.refresh()
    client.force_login(coordinator)
    detail = client.get(f"/applications/{application.pk}/").content.decode()
    url = f"/reviews/applications/{application.pk}/print/"
    assert f'href="{url}"' in detail
    response = client.get(url)
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content)
    text = doc.text_content()
    assert "2 submitted reviews side by side." in text
    assert "Not submitted yet:" in text and "Student Reviewer" in text
    standards = list(standards_of(application))
    for standard in standards:
        block = doc.get_element_by_id(f"standard-{standard.pk}").getparent()
        items = block.xpath(".//li")
        assert len(items) == 2
        assert "Chair Reviewer" in items[0].text_content() and "Expert Reviewer" in items[1].text_content()
        assert "Partly shown." in items[1].text_content()
    assert text.count("Accredit") >= 2  # each reviewer's recommendation


def test_only_the_agencys_coordinators_may_print(client, reviewed, other_coordinator, reviewers, provider_staff):
    url = f"/reviews/applications/{reviewed.application.pk}/print/"
    for person in (other_coordinator, reviewers[0], provider_staff):
        client.force_login(person)
        assert client.get(url).status_code == 404
