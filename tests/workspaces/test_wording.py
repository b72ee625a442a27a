"""Words people read: outcomes by their labels in histories, people by their names, re-screenings told apart."""

import pytest

from reviews.models import PanelMember
from tests.flow import task_of

pytestmark = pytest.mark.django_db


def test_history_shows_outcome_labels_not_codes(
    driver, client, coordinator, reviewers, provider_staff, authority_officer
):
    application = driver.application
    driver.to_decision(coordinator, reviewers, provider_staff)
    driver.decide(authority_officer, "accredit_with_conditions", conditions="Publish the appeals procedure.")
    client.force_login(coordinator)
    page = client.get(f"/applications/{application.pk}/").content.decode()
    assert "screened the application (Accept for review)" in page
    assert "decided (Accredit with conditions)" in page
    assert "(accept)" not in page and "(accredit_with_conditions)" not in page


def test_people_without_a_full_name_are_named_by_username(
    driver, client, coordinator, reviewers, django_capture_on_commit_callbacks
):
    from django.core import mail

    chair, expert, student = reviewers
    expert.first_name = expert.last_name = ""
    expert.save()
    driver.screen(coordinator)
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    task = task_of(driver.refresh(), "review", owner=expert)
    client.force_login(expert)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/tasks/{task.pk}/review/", {"answer": "decline", "declaration": "Abroad."})
    assert any(m.subject.startswith("expert declined to review") for m in mail.outbox)
    member = PanelMember.objects.get(reviewer=expert)
    client.force_login(coordinator)
    page = client.get(f"/applications/{driver.application.pk}/").content.decode()
    assert f'href="/panel-members/{member.pk}/replace/">Replace<span class="visually-hidden"> expert</span>' in page


def test_a_screening_after_the_providers_answer_is_named_so(driver, client, coordinator, provider_staff):
    client.force_login(coordinator)
    assert "Screen the application" in client.get("/tasks/").content.decode()
    driver.screen(coordinator, outcome="request_information", message="Send the regulations.")
    driver.post(provider_staff, "revise", {"response": "Attached."})
    client.force_login(coordinator)
    tasks = client.get("/tasks/").content.decode()
    assert "Screen again after the provider&#x27;s answer" in tasks
    assert "Screen the application" not in tasks
    task = task_of(driver.refresh(), "screen")
    assert "Screen again after the provider&#x27;s answer" in client.get(f"/tasks/{task.pk}/screen/").content.decode()
