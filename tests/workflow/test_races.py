"""Two people (or two tabs) completing the same task produce exactly one transition."""

import threading

import pytest
from django.db import connection
from django.test import Client
from viewflow.workflow.models import Task

from accreditation.models import InformationRequest
from accreditation.services.applications import submit_application
from tests.flow import draft_application, task_of


@pytest.mark.django_db
def test_second_click_on_a_completed_task_changes_nothing_and_says_so(driver, client, coordinator):
    task = task_of(driver.application, "screen")
    client.force_login(coordinator)
    first = client.post(f"/tasks/{task.pk}/screen/", {"outcome": "request_information", "message": "More please."})
    assert first.status_code == 302
    second = client.post(
        f"/tasks/{task.pk}/screen/", {"outcome": "request_information", "message": "More please."}, follow=True
    )
    assert "already been completed" in second.content.decode()
    assert InformationRequest.objects.filter(application=driver.application).count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs real row locks: SQLite ignores SELECT FOR UPDATE and its in-memory test database is per thread; "
    "CI runs this test on PostgreSQL",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_tabs_completing_the_same_task_at_once_make_one_transition(
    reference_data, provider, agency, authority, provider_staff, coordinator, authority_officer, reviewers
):
    application = submit_application(
        application=draft_application(provider, agency, authority, provider_staff), by=provider_staff
    )
    task = task_of(application, "screen")
    barrier = threading.Barrier(2)
    statuses = []

    errors = []

    def click():
        try:
            tab = Client(raise_request_exception=True)
            tab.force_login(coordinator)
            barrier.wait()
            response = tab.post(
                f"/tasks/{task.pk}/screen/",
                {"outcome": "request_information", "message": "Send the annexes."},
                follow=True,
            )
            statuses.append(("already" in response.content.decode(), response.status_code))
        except Exception as error:  # surfaced in the assertion below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert InformationRequest.objects.filter(application=application).count() == 1
    revise_tasks = [t for t in Task.objects.filter(process=application.process) if t.flow_task.name == "revise"]
    assert len(revise_tasks) == 1
    assert sorted(flag for flag, _status in statuses) == [False, True]
    assert all(status == 200 for _flag, status in statuses)
