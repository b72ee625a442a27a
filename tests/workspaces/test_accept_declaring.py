"""A reviewer may accept while declaring a possible conflict: the coordinator is told and judges it (keeps the
reviewer or replaces them); a plain acceptance cannot carry a declaration, and a declaring one needs it."""

import pytest

from reviews.models import PanelMember
from tests.flow import task_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(driver, coordinator, reviewers):
    chair, expert, student = reviewers
    driver.screen(coordinator)
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    return driver


def answer(client, application, reviewer, data):
    task = task_of(application, "review", owner=reviewer)
    client.force_login(reviewer)
    return client.post(f"/tasks/{task.pk}/review/", data)


def test_accepting_with_a_declaration_tells_the_coordinator(
    invited, client, reviewers, coordinator, django_capture_on_commit_callbacks
):
    from django.core import mail

    expert = reviewers[1]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(
            client,
            invited.application,
            expert,
            {"answer": "accept_declaring", "declaration": "I examined a course of theirs in 2019."},
        )
    assert response.status_code == 302
    member = PanelMember.objects.get(reviewer=expert)
    assert member.status == PanelMember.Status.ACCEPTED
    assert any("declared a possible conflict" in m.subject and coordinator.email in m.to for m in mail.outbox)
    client.force_login(coordinator)
    page = client.get(f"/applications/{invited.application.pk}/").content.decode()
    assert "Declared a possible conflict:" in page and "I examined a course of theirs in 2019." in page
    assert f"/panel-members/{member.pk}/replace/" in page  # the coordinator may replace them


def test_a_declaring_acceptance_needs_the_declaration(invited, client, reviewers):
    response = answer(client, invited.application, reviewers[1], {"answer": "accept_declaring", "declaration": ""})
    assert response.status_code == 200 and "Describe the possible conflict" in response.content.decode()
    assert PanelMember.objects.get(reviewer=reviewers[1]).status == PanelMember.Status.INVITED


def test_a_plain_acceptance_with_a_declaration_asks_which_was_meant(invited, client, reviewers):
    response = answer(client, invited.application, reviewers[1], {"answer": "accept", "declaration": "Some link."})
    assert response.status_code == 200 and "You wrote a declaration" in response.content.decode()
    assert PanelMember.objects.get(reviewer=reviewers[1]).status == PanelMember.Status.INVITED
