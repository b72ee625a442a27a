"""Who may open which task and application page: everyone else gets a 404, the public a login page."""

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory
from tests.flow import task_of

pytestmark = pytest.mark.django_db

STEP_PATHS = {"screen": "screen", "compose_panel": "compose-panel"}


@pytest.fixture
def others(other_provider_staff, other_coordinator, other_officer, outsider, authority_officer, provider_staff):
    return {
        "other provider's staff": other_provider_staff,
        "other agency's coordinator": other_coordinator,
        "other authority's officer": other_officer,
        "person without a role": outsider,
        "this application's officer": authority_officer,
        "this application's provider staff": provider_staff,
    }


def test_screening_task_is_the_coordinators_alone(driver, client, coordinator, others):
    task = task_of(driver.application, "screen")
    for label, user in others.items():
        client.force_login(user)
        assert client.get(f"/tasks/{task.pk}/screen/").status_code == 404, label
        assert client.post(f"/tasks/{task.pk}/screen/", {"outcome": "accept"}).status_code == 404, label
    assert driver.refresh().status == "screening"
    client.force_login(coordinator)
    assert "Record the screening" in client.get(f"/tasks/{task.pk}/screen/").content.decode()


def test_a_task_under_another_steps_url_is_not_found(driver, client, coordinator):
    task = task_of(driver.application, "screen")
    client.force_login(coordinator)
    assert client.get(f"/tasks/{task.pk}/finalise/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(driver, client):
    task = task_of(driver.application, "screen")
    for url in (f"/tasks/{task.pk}/screen/", f"/applications/{driver.application.pk}/", "/tasks/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_application_page_is_visible_to_those_involved_only(
    driver,
    client,
    provider_staff,
    coordinator,
    authority_officer,
    other_provider_staff,
    other_coordinator,
    other_officer,
    outsider,
):
    url = f"/applications/{driver.application.pk}/"
    for user in (provider_staff, coordinator, authority_officer):
        client.force_login(user)
        assert driver.application.reference in client.get(url).content.decode()
    for user in (other_provider_staff, other_coordinator, other_officer, outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_a_draft_is_visible_to_its_provider_only(client, provider, agency, authority, provider_staff, coordinator):
    draft = ApplicationFactory(provider=provider, agency=agency, authority=authority, created_by=provider_staff)
    client.force_login(coordinator)
    assert client.get(f"/applications/{draft.pk}/").status_code == 404
    client.force_login(provider_staff)
    assert "This application is a draft" in client.get(f"/applications/{draft.pk}/").content.decode()


def test_reviewers_see_the_application_only_while_on_its_panel(driver, client, coordinator, reviewers):
    chair, expert, student = reviewers
    url = f"/applications/{driver.application.pk}/"
    client.force_login(expert)
    assert client.get(url).status_code == 404
    driver.screen(coordinator)
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    client.force_login(expert)
    assert client.get(url).status_code == 200
    task = task_of(driver.refresh(), "review", owner=expert)
    client.post(f"/tasks/{task.pk}/review/", {"answer": "decline", "declaration": "I taught there last year."})
    assert client.get(url).status_code == 404


def test_workspaces_are_for_their_roles(client, coordinator, authority_officer, provider_staff, outsider):
    for url, allowed in (("/agency/", coordinator), ("/authority/", authority_officer)):
        for user in (provider_staff, outsider):
            client.force_login(user)
            assert client.get(url).status_code == 404, (url, user)
        client.force_login(allowed)
        assert client.get(url).status_code == 200


def test_agency_queue_lists_only_its_own_applications(driver, client, coordinator, other_coordinator):
    client.force_login(coordinator)
    assert driver.application.reference in client.get("/agency/").content.decode()
    client.force_login(other_coordinator)
    assert driver.application.reference not in client.get("/agency/").content.decode()


def test_my_tasks_lists_due_dates_and_marks_overdue(driver, client, coordinator, settings):
    client.force_login(coordinator)
    body = client.get("/tasks/").content.decode()
    assert "Screen the application" in body
    assert driver.application.reference in body
    assert "Overdue" not in body
    task = task_of(driver.application, "screen")
    task.previous  # noqa: B018
    from viewflow.workflow.models import Task

    timer = Task.objects.get(previous=task, flow_task_type="TIMER")
    from django.utils import timezone

    Task.objects.filter(pk=timer.pk).update(scheduled=timezone.now() - timezone.timedelta(days=1))
    assert "Overdue" in client.get("/tasks/").content.decode()


def test_my_tasks_query_count_does_not_grow_with_tasks(
    client,
    provider,
    agency,
    authority,
    provider_staff,
    coordinator,
    authority_officer,
    reviewers,
    django_assert_max_num_queries,
):
    from accreditation.services.applications import submit_application
    from tests.flow import draft_application

    client.force_login(coordinator)
    submit_application(application=draft_application(provider, agency, authority, provider_staff), by=provider_staff)
    with django_assert_max_num_queries(12) as one:
        client.get("/tasks/")
    for _ in range(4):
        submit_application(
            application=draft_application(provider, agency, authority, provider_staff), by=provider_staff
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        body = client.get("/tasks/").content.decode()
    assert body.count("Screen the application") == 5
