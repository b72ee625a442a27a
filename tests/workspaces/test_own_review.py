"""A reviewer reads their own submitted review, read-only; nobody reads someone else's through that page."""

import pytest

from reviews.models import PanelMember, Review
from reviews.services import review_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(driver, coordinator, reviewers):
    chair, expert, student = reviewers
    driver.screen(coordinator)
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    driver.review(expert, rank=3)
    return driver


def test_a_reviewer_reads_their_submitted_review(reviewed, client, reviewers):
    expert = reviewers[1]
    review = Review.objects.get(member__reviewer=expert)
    client.force_login(expert)
    home = client.get("/reviews/").content.decode()
    assert f'href="?review={review.pk}#my-review"' in home
    page = client.get("/reviews/", {"review": review.pk}).content.decode()
    assert f"My review of {reviewed.application.reference}" in page
    assert "Partly shown." in page and "Partially compliant" in page and "Solid provider." in page
    assert "level confirmed" in page
    assert "<textarea" not in page


def test_nobody_reads_another_reviewers_review(reviewed, client, reviewers, coordinator):
    review = Review.objects.get(member__reviewer=reviewers[1])
    client.force_login(reviewers[0])
    assert client.get("/reviews/", {"review": review.pk}).status_code == 404
    assert client.get("/reviews/", {"review": "x"}).status_code == 404


def test_an_unsubmitted_review_is_not_shown_there(reviewed, client, reviewers):
    chair = reviewers[0]
    draft = review_for(PanelMember.objects.get(reviewer=chair))
    client.force_login(chair)
    assert client.get("/reviews/", {"review": draft.pk}).status_code == 404
