"""A reviewer who declines: a reason is asked, the seat is freed, the coordinator gets a task to replace them,
and only suitable reviewers who have not been on the panel and have no conflict are offered."""

import pytest
from django.core.exceptions import ValidationError

from reviews import services
from reviews.models import PanelMember, ReviewerProfile
from tests.flow import make_reviewer, task_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel_ready(driver, coordinator, reviewers):
    chair, expert, student = reviewers
    driver.screen(coordinator)
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    driver.refresh()
    return driver


def decline(client, application, reviewer, reason="Not available in March."):
    task = task_of(application, "review", owner=reviewer)
    client.force_login(reviewer)
    response = client.post(f"/tasks/{task.pk}/review/", {"answer": "decline", "declaration": reason})
    return task, response


def test_declining_without_a_reason_is_refused_and_the_seat_kept(panel_ready, client, reviewers):
    expert = reviewers[1]
    task, response = decline(client, panel_ready.application, expert, reason="  ")
    assert response.status_code == 200
    assert "Say why you decline" in response.content.decode()
    assert PanelMember.objects.get(reviewer=expert).status == PanelMember.Status.INVITED
    task.refresh_from_db()
    assert task.owner == expert


def test_the_service_also_refuses_a_decline_without_reason(panel_ready, reviewers):
    member = PanelMember.objects.get(reviewer=reviewers[1])
    with pytest.raises(ValidationError, match="Say why you decline"):
        services.respond_to_invitation(member=member, accept=False, declaration="", by=reviewers[1])


def test_the_coordinator_gets_a_replace_task_not_a_review(panel_ready, client, reviewers, coordinator):
    expert = reviewers[1]
    _task, response = decline(client, panel_ready.application, expert)
    assert response.status_code == 302
    client.force_login(coordinator)
    tasks_page = client.get("/tasks/").content.decode()
    assert "Replace a reviewer who declined" in tasks_page
    assert "Review the application" not in tasks_page
    detail = client.get(f"/applications/{panel_ready.application.pk}/").content.decode()
    assert "Replace a reviewer who declined" in detail
    assert f"Review the application</a> — expected from {coordinator.get_full_name()}" not in detail


def test_remind_is_not_offered_for_a_reviewer_who_declined(panel_ready, client, reviewers, coordinator):
    expert = reviewers[1]
    decline(client, panel_ready.application, expert)
    member = PanelMember.objects.get(reviewer=expert)
    client.force_login(coordinator)
    detail = client.get(f"/applications/{panel_ready.application.pk}/").content.decode()
    assert f"/panel-members/{member.pk}/chase/" not in detail
    assert f"/panel-members/{member.pk}/replace/" in detail
    chair_member = PanelMember.objects.get(reviewer=reviewers[0])
    assert f"/panel-members/{chair_member.pk}/chase/" in detail


def test_replace_page_offers_suitable_unconflicted_newcomers_only(
    panel_ready, client, reviewers, coordinator, agency, provider
):
    expert = reviewers[1]
    decline(client, panel_ready.application, expert)
    member = PanelMember.objects.get(reviewer=expert)
    newcomer = make_reviewer(agency, "newcomer")
    conflicted = make_reviewer(agency, "insider")
    ReviewerProfile.objects.filter(user=conflicted).update(employer=provider)
    second_student = make_reviewer(agency, "pupil", student=True)
    client.force_login(coordinator)
    page = client.get(f"/panel-members/{member.pk}/replace/").content.decode()
    assert f'value="{newcomer.pk}"' in page
    assert "Not available in March." in page  # the reason given
    for not_offered in (expert, conflicted, second_student, *reviewers):
        assert f'value="{not_offered.pk}"' not in page
    assert "Left out for a conflict of interest" in page and "Insider Reviewer" in page


def test_the_reviewer_who_declined_cannot_be_appointed_again(panel_ready, client, reviewers, coordinator):
    expert = reviewers[1]
    decline(client, panel_ready.application, expert)
    member = PanelMember.objects.get(reviewer=expert)
    client.force_login(coordinator)
    response = client.post(f"/panel-members/{member.pk}/replace/", {"reviewer": expert.pk})
    assert response.status_code == 200
    assert PanelMember.objects.filter(reviewer=expert).count() == 1
    with pytest.raises(ValidationError, match="already on this panel"):
        services.replace_panel_member(member=member, seat=services.Seat(expert, "member"), by=coordinator)
    with pytest.raises(ValidationError, match="already on this panel"):
        services.replace_panel_member(member=member, seat=services.Seat(reviewers[0], "member"), by=coordinator)


def test_replacing_names_people_and_hands_over_the_task(panel_ready, client, reviewers, coordinator, agency):
    expert = reviewers[1]
    task, _response = decline(client, panel_ready.application, expert)
    member = PanelMember.objects.get(reviewer=expert)
    newcomer = make_reviewer(agency, "newcomer")
    client.force_login(coordinator)
    response = client.post(f"/panel-members/{member.pk}/replace/", {"reviewer": newcomer.pk}, follow=True)
    assert "Expert Reviewer was replaced by Newcomer Reviewer" in response.content.decode()
    task.refresh_from_db()
    assert task.owner == newcomer and not task.data["vacant"]
    client.force_login(newcomer)
    assert "Review the application" in client.get("/tasks/").content.decode()


def test_the_coordinator_is_told_by_name(panel_ready, client, reviewers, django_capture_on_commit_callbacks):
    from django.core import mail

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decline(client, panel_ready.application, reviewers[1])
    subjects = [m.subject for m in mail.outbox]
    assert any(s.startswith("Expert Reviewer declined to review") for s in subjects), subjects


def test_a_chair_seat_is_offered_to_members_when_nobody_left_can_chair(
    panel_ready, client, reviewers, coordinator, agency
):
    chair = reviewers[0]
    decline(client, panel_ready.application, chair)
    member = PanelMember.objects.get(reviewer=chair)
    newcomer = make_reviewer(agency, "newcomer")  # cannot chair
    client.force_login(coordinator)
    page = client.get(f"/panel-members/{member.pk}/replace/").content.decode()
    assert f'value="{newcomer.pk}"' in page
