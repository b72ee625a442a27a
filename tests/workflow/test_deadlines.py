"""Deadlines: reminders go out when a step is overdue, and the comment period ends on its own."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accreditation.models import Application
from tests.flow import task_of

pytestmark = pytest.mark.django_db


def make_due(task):
    Task.objects.filter(previous=task, flow_task_type="TIMER").update(
        scheduled=timezone.now() - datetime.timedelta(minutes=1)
    )


def test_overdue_screening_reminds_the_coordinator_and_keeps_the_task(
    driver, coordinator, fire_timers, django_capture_on_commit_callbacks
):
    task = task_of(driver.application, "screen")
    make_due(task)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        fire_timers()
    reminder = next(m for m in mail.outbox if m.subject.startswith("Overdue"))
    assert reminder.to == [coordinator.email]
    assert f"/tasks/{task.pk}/" in reminder.body
    task.refresh_from_db()
    assert task.status == STATUS.ASSIGNED  # a reminder does not take the task away
    assert driver.application.audit_events.filter(verb="sent a reminder").exists()


def test_overdue_review_also_tells_the_coordinator(
    driver, coordinator, reviewers, fire_timers, django_capture_on_commit_callbacks
):
    chair, expert, student = reviewers
    driver.screen(coordinator)
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    make_due(task_of(driver.refresh(), "review", owner=expert))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        fire_timers()
    recipients = [address for m in mail.outbox if m.subject.startswith("Overdue") for address in m.to]
    assert sorted(recipients) == sorted([expert.email, coordinator.email])


def test_comment_period_ends_without_comments_and_the_process_moves_on(
    driver, coordinator, reviewers, provider_staff, fire_timers
):
    driver.screen(coordinator)
    chair, expert, student = reviewers
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    for reviewer in reviewers:
        driver.review(reviewer)
    driver.consolidate(coordinator)
    application = driver.refresh()
    assert application.status == Application.Status.COMMENTS
    comment_task = task_of(application, "comment", owner=provider_staff)
    assert application.comment_deadline > timezone.now()

    make_due(comment_task)
    Application.objects.filter(pk=application.pk).update(
        comment_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    fire_timers()
    application = driver.refresh()
    assert application.status == Application.Status.FINALISING
    comment_task.refresh_from_db()
    assert comment_task.status == STATUS.CANCELED
    assert task_of(application, "finalise", owner=coordinator)
    assert not application.report_comments.exists()
