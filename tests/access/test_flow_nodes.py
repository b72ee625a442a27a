"""The flow's nodes check the access predicates: a task's owner opens and completes it only while holding the
right behind it (a membership, or for a review a seat of their own with guardian's `review_application`)."""

import pytest
from guardian.shortcuts import remove_perm

from accreditation.models import Membership, Role
from accreditation.permissions import REVIEW_APPLICATION_CODENAME
from reviews.models import PanelMember
from tests.flow import task_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def under_review(driver, coordinator, reviewers):
    driver.screen(coordinator)
    chair, expert, student = reviewers
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    return driver.refresh()


def test_the_review_page_refuses_a_seat_that_is_not_the_reviewers_own(under_review, client, reviewers):
    chair, expert, _student = reviewers
    task = task_of(under_review, "review", owner=expert)
    chairs_seat = PanelMember.objects.get(panel__application=under_review, reviewer=chair)
    # Task data is a JSON column: anything that writes it wrongly must not hand one reviewer another's seat.
    task.data = {**task.data, "member": chairs_seat.pk}
    task.save(update_fields=["data"])
    client.force_login(expert)
    assert client.get(f"/tasks/{task.pk}/review/").status_code == 404
    assert client.post(f"/tasks/{task.pk}/review/", {"answer": "decline", "declaration": "x"}).status_code == 404
    chairs_seat.refresh_from_db()
    assert chairs_seat.status == PanelMember.Status.INVITED


def test_review_application_is_checked_by_the_review_node(under_review, client, reviewers):
    _chair, expert, _student = reviewers
    task = task_of(under_review, "review", owner=expert)
    assert task.flow_task.can_execute(expert, task)
    remove_perm(REVIEW_APPLICATION_CODENAME, expert, under_review)
    assert not task.flow_task.can_execute(expert, task)
    client.force_login(expert)
    assert client.get(f"/tasks/{task.pk}/review/").status_code == 404


def test_a_coordinator_who_leaves_the_agency_can_no_longer_screen(driver, client, coordinator):
    task = task_of(driver.application, "screen")
    assert task.flow_task.can_execute(coordinator, task)
    Membership.objects.filter(user=coordinator, role=Role.COORDINATOR).delete()
    assert not task.flow_task.can_execute(coordinator, task)
    client.force_login(coordinator)
    assert client.post(f"/tasks/{task.pk}/screen/", {"outcome": "accept"}).status_code == 404
    assert driver.refresh().status == "screening"


def test_the_provider_steps_need_the_providers_staff(driver, client, coordinator, provider_staff):
    driver.screen(coordinator, outcome="request_information", message="More, please.")
    task = task_of(driver.refresh(), "revise")
    assert task.flow_task.can_execute(provider_staff, task)
    assert not task.flow_task.can_execute(coordinator, task)
    Membership.objects.filter(user=provider_staff).delete()
    assert not task.flow_task.can_execute(provider_staff, task)
