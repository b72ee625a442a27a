"""The review step: invitations, judgements against the set's scale, alignment verdicts, drafts, submission,
and replacing a reviewer who declines."""

import pytest
from django.core.exceptions import ValidationError

from accreditation.models import Application
from frameworks.models import JudgementScale, ScaleValue, Standard, StandardSet
from reviews import services
from reviews.models import PanelMember, Review
from tests.flow import make_reviewer, task_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel_ready(driver, coordinator, reviewers):
    chair, expert, student = reviewers
    driver.screen(coordinator)
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    driver.refresh()
    return driver


def accept(client, application, reviewer):
    task = task_of(application, "review", owner=reviewer)
    client.force_login(reviewer)
    client.post(f"/tasks/{task.pk}/review/", {"answer": "accept", "declaration": ""})
    return task


def test_three_reviewers_each_get_their_own_review_task(panel_ready, reviewers):
    application = panel_ready.application
    assert application.status == Application.Status.REVIEW
    for reviewer in reviewers:
        assert task_of(application, "review", owner=reviewer).data["reviewer"] == reviewer.pk


def test_draft_is_saved_and_shown_again(panel_ready, client, reviewers):
    expert = reviewers[1]
    task = accept(client, panel_ready.application, expert)
    standard = services.standards_of(panel_ready.application).first()
    partial = ScaleValue.objects.get(scale_id=standard.standard_set.scale_id, rank=3)
    response = client.post(
        f"/tasks/{task.pk}/review/",
        {f"value_{standard.pk}": partial.pk, f"rationale_{standard.pk}": "Policy not published.", "save": "1"},
    )
    assert response.status_code == 302
    page = client.get(f"/tasks/{task.pk}/review/").content.decode()
    assert "Policy not published." in page
    assert f'value="{partial.pk}" selected' in page
    assert not Review.objects.get(member__reviewer=expert).is_submitted


def test_submitting_an_incomplete_review_is_refused_with_what_is_missing(panel_ready, client, reviewers):
    expert = reviewers[1]
    task = accept(client, panel_ready.application, expert)
    standard = services.standards_of(panel_ready.application).first()
    not_compliant = ScaleValue.objects.get(scale_id=standard.standard_set.scale_id, rank=4)
    response = client.post(
        f"/tasks/{task.pk}/review/submit/", {f"value_{standard.pk}": not_compliant.pk, "recommendation": "refuse"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f"Give a rationale for {standard.code}" in body
    assert "Confirm or dispute the level and workload" in body
    assert "Judge standard" in body
    assert not Review.objects.get(member__reviewer=expert).is_submitted
    assert task_of(panel_ready.application, "review", owner=expert).status == "ASSIGNED"


def test_judgement_outside_the_scale_is_refused(panel_ready, client, reviewers):
    expert = reviewers[1]
    task = accept(client, panel_ready.application, expert)
    standard = services.standards_of(panel_ready.application).first()
    other_scale = ScaleValue.objects.exclude(scale_id=standard.standard_set.scale_id).first()
    response = client.post(f"/tasks/{task.pk}/review/", {f"value_{standard.pk}": other_scale.pk, "save": "1"})
    assert "Select a valid choice" in response.content.decode()
    review = services.review_for(PanelMember.objects.get(reviewer=expert))
    with pytest.raises(ValidationError, match="is not on the scale"):
        services.save_review(
            review=review,
            judgements={standard.pk: (other_scale, "", "")},
            verdicts={},
            recommendation="",
            summary="",
            by=expert,
        )


def test_standard_outside_the_set_is_refused(panel_ready, client, reviewers):
    expert = reviewers[1]
    accept(client, panel_ready.application, expert)
    scale = JudgementScale.objects.get(code="esg-committee")
    foreign_set = StandardSet.objects.create(code="other", version="1", title="Other", scale=scale)
    foreign = Standard.objects.create(standard_set=foreign_set, code="X1", title="Unrelated", ordinal=1)
    review = services.review_for(PanelMember.objects.get(reviewer=expert))
    with pytest.raises(ValidationError, match="not in the set"):
        services.save_review(
            review=review,
            judgements={foreign.pk: (scale.values.first(), "", "")},
            verdicts={},
            recommendation="",
            summary="",
            by=expert,
        )


def test_a_submitted_review_is_read_only(panel_ready, reviewers):
    expert = reviewers[1]
    panel_ready.review(expert)
    review = Review.objects.get(member__reviewer=expert)
    assert review.is_submitted
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.save_review(review=review, judgements={}, verdicts={}, recommendation="refuse", summary="x", by=expert)
    assert Review.objects.get(pk=review.pk).recommendation == "accredit"


def test_all_three_reviews_move_the_process_to_consolidation(panel_ready, reviewers, coordinator):
    for reviewer in reviewers[:2]:
        panel_ready.review(reviewer)
    assert panel_ready.refresh().status == Application.Status.REVIEW
    panel_ready.review(reviewers[2])
    assert panel_ready.refresh().status == Application.Status.CONSOLIDATION
    assert task_of(panel_ready.application, "consolidate", owner=coordinator)


def test_declining_hands_the_seat_to_the_coordinator_who_appoints_a_replacement(
    panel_ready, client, reviewers, coordinator, agency
):
    expert = reviewers[1]
    task = task_of(panel_ready.application, "review", owner=expert)
    client.force_login(expert)
    client.post(f"/tasks/{task.pk}/review/", {"answer": "decline", "declaration": "Too busy this month."})
    member = PanelMember.objects.get(reviewer=expert)
    assert member.status == PanelMember.Status.DECLINED
    assert not expert.has_perm("accreditation.view_application", panel_ready.application)

    task.refresh_from_db()
    assert task.owner == coordinator
    client.force_login(coordinator)
    response = client.get(f"/tasks/{task.pk}/review/")
    assert response.status_code == 302 and response.url == f"/panel-members/{member.pk}/replace/"

    newcomer = make_reviewer(agency, "newcomer")
    client.post(f"/panel-members/{member.pk}/replace/", {"reviewer": newcomer.pk, "justification": ""})
    task.refresh_from_db()
    assert task.owner == newcomer
    assert newcomer.has_perm("accreditation.view_application", panel_ready.application)
    panel_ready.review(newcomer)
    for reviewer in (reviewers[0], reviewers[2]):
        panel_ready.review(reviewer)
    assert panel_ready.refresh().status == Application.Status.CONSOLIDATION


def test_a_reviewer_who_left_the_panel_cannot_act(panel_ready, client, reviewers, coordinator, agency):
    expert = reviewers[1]
    task = accept(client, panel_ready.application, expert)
    member = PanelMember.objects.get(reviewer=expert)
    newcomer = make_reviewer(agency, "newcomer")
    services.replace_panel_member(member=member, seat=services.Seat(newcomer, "member"), by=coordinator)
    client.force_login(expert)
    assert client.get(f"/tasks/{task.pk}/review/").status_code == 404
    review = services.review_for(member)
    with pytest.raises(ValidationError, match="no longer on this panel"):
        services.save_review(review=review, judgements={}, verdicts={}, recommendation="", summary="", by=expert)


def test_consolidation_flags_disagreements_of_two_steps(panel_ready, client, reviewers, coordinator):
    chair, expert, student = reviewers
    panel_ready.review(chair, rank=1)
    panel_ready.review(expert, rank=3)
    panel_ready.review(student, rank=1)
    task = task_of(panel_ready.refresh(), "consolidate", owner=coordinator)
    client.force_login(coordinator)
    body = client.get(f"/tasks/{task.pk}/consolidate/").content.decode()
    assert "Disagreement (2 steps)" in body
    assert body.count("Partially compliant") >= 20  # the expert's column


def test_incomplete_consolidation_is_refused(panel_ready, client, reviewers, coordinator):
    for reviewer in reviewers:
        panel_ready.review(reviewer)
    task = task_of(panel_ready.refresh(), "consolidate", owner=coordinator)
    client.force_login(coordinator)
    response = client.post(f"/tasks/{task.pk}/consolidate/complete/", {"recommendation": ""})
    assert "Record the panel&#x27;s recommendation" in response.content.decode()
    assert panel_ready.refresh().status == Application.Status.CONSOLIDATION


def test_panel_without_a_chair_is_refused_and_choices_kept(driver, client, coordinator, reviewers):
    driver.screen(coordinator)
    task = task_of(driver.refresh(), "compose_panel")
    _chair, expert, student = reviewers
    client.force_login(coordinator)
    response = client.post(
        f"/tasks/{task.pk}/compose-panel/", {f"role_{expert.pk}": "member", f"role_{student.pk}": "student"}
    )
    body = response.content.decode()
    assert "Choose exactly one chair." in body
    assert f'name="role_{expert.pk}"' in body
    assert driver.refresh().status == Application.Status.PANEL


def test_coordinator_chases_a_reviewer_by_email(
    panel_ready, client, reviewers, coordinator, django_capture_on_commit_callbacks
):
    from django.core import mail

    expert = reviewers[1]
    member = PanelMember.objects.get(reviewer=expert)
    client.force_login(coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/panel-members/{member.pk}/chase/")
    reminder = next(m for m in mail.outbox if expert.email in m.to)
    assert "Reminder" in reminder.subject
    assert panel_ready.application.audit_events.filter(verb="chased a reviewer").exists()


def test_only_the_agencys_coordinators_may_chase_or_replace(
    panel_ready, client, reviewers, other_coordinator, provider_staff
):
    member = PanelMember.objects.get(reviewer=reviewers[1])
    for user in (other_coordinator, provider_staff, reviewers[0]):
        client.force_login(user)
        assert client.post(f"/panel-members/{member.pk}/chase/").status_code == 404
        assert client.get(f"/panel-members/{member.pk}/replace/").status_code == 404


def test_agency_with_site_visits_adds_the_step_before_reviews(
    client, provider, agency, authority, provider_staff, coordinator, authority_officer, reviewers
):
    from accreditation.services.applications import submit_application
    from tests.flow import Driver, draft_application

    agency.site_visits = True
    agency.save()
    application = submit_application(
        application=draft_application(provider, agency, authority, provider_staff), by=provider_staff
    )
    driver = Driver(client, application)
    driver.screen(coordinator)
    chair, expert, student = reviewers
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    assert driver.refresh().status == Application.Status.SITE_VISIT
    driver.post(
        coordinator,
        "site_visit",
        {"site_visit_on": "2026-10-01", "site_visit_mode": "online", "site_visit_notes": "Met staff and students."},
    )
    application = driver.refresh()
    assert application.status == Application.Status.REVIEW
    assert application.panel.site_visit_notes == "Met staff and students."
    assert len([t for t in application.process.task_set.all() if t.flow_task.name == "review"]) == 3
