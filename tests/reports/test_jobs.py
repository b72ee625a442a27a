"""Background jobs: the status page (htmx polling, and a plain link without JavaScript), the three ways a job
runs (inline in tests, a thread in the embedded default, a Celery task with a broker), and failures that end
with a plain message."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from jobs import runner as jobs
from jobs.models import Job
from jobs.tasks import run_job_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def test_runner(monkeypatch):
    """A runner for a kind of job of the tests' own: it records the thread it ran in and finishes the job."""
    ran_in = []

    def work(job):
        ran_in.append(threading.current_thread().name)
        jobs.update(job, status=Job.Status.DONE, progress=3, total=3)

    monkeypatch.setitem(jobs.RUNNERS, "test_work", work)
    return ran_in


def make_job(user, organisation, **fields) -> Job:
    return Job.objects.create(
        kind="test_work", created_by=user, **{organisation._meta.model_name: organisation}, **fields
    )


def test_a_running_job_s_page_polls_and_offers_a_refresh_link(client, provider_staff, provider):
    job = make_job(provider_staff, provider, status=Job.Status.RUNNING, progress=40, total=200)
    client.force_login(provider_staff)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f'hx-get="/jobs/{job.pk}/" hx-trigger="every 2s" hx-swap="outerHTML"' in page
    assert '<progress max="200" value="40"' in page and "40 of 200 done" in page
    assert f'<a href="/jobs/{job.pk}/">Refresh</a>' in page
    partial = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert partial.startswith('<div id="job-progress"') and "<html" not in partial


def test_a_finished_job_stops_polling(client, provider_staff, provider):
    job = make_job(provider_staff, provider, status=Job.Status.FAILED, message="The file is damaged.")
    client.force_login(provider_staff)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "hx-get" not in page and "Refresh" not in page
    assert '<div class="error-summary" role="alert"><p>The file is damaged.</p></div>' in page
    poll = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"})
    assert poll["HX-Refresh"] == "true"  # htmx reloads the page, which shows the outcome


def test_inline_runs_in_the_request_s_thread(
    provider_staff, provider, test_runner, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_RUN_INLINE = True
    job = make_job(provider_staff, provider)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.start_job(job)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and test_runner == [threading.current_thread().name]


def test_with_a_broker_the_job_is_a_celery_task(
    provider_staff, provider, test_runner, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_RUN_INLINE = False
    settings.CELERY_BROKER_URL = "memory://"  # the task runs eagerly: the test process has no worker
    job = make_job(provider_staff, provider)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.start_job(job)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and len(test_runner) == 1
    assert run_job_task.name == "reports.tasks.run_job_task"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_without_a_broker_the_job_runs_in_a_thread_that_closes_its_connection(
    provider_staff, provider, test_runner, settings, monkeypatch
):
    settings.JOBS_RUN_INLINE = False
    settings.CELERY_BROKER_URL = ""
    started = []

    class RecordedThread(threading.Thread):
        def start(self):
            started.append(self)
            super().start()

    # Recorded when started, not looked up afterwards: a quick job's thread may be gone by then.
    monkeypatch.setattr(jobs.threading, "Thread", RecordedThread)
    job = make_job(provider_staff, provider)
    jobs.start_job(job)  # no transaction is open: it starts at once
    [worker] = started
    worker.join(timeout=30)
    assert not worker.is_alive()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and test_runner == [f"job-{job.pk}"]
    assert connection.connection is not None  # the request's own connection is untouched


def test_a_crash_ends_the_job_with_a_plain_message(provider_staff, provider, monkeypatch, caplog):
    def crash(job):
        raise KeyError("internal detail")

    monkeypatch.setitem(jobs.RUNNERS, "test_work", crash)
    job = make_job(provider_staff, provider)
    jobs.run_job(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.finished_at
    assert job.message == "The work stopped on an unexpected error and nothing was changed. Try again later."
    assert "internal detail" in caplog.text


def test_a_job_runs_once(provider_staff, provider, test_runner):
    job = make_job(provider_staff, provider)
    jobs.run_job(job.pk)
    jobs.run_job(job.pk)  # a redelivered message
    assert len(test_runner) == 1


def test_a_job_is_seen_only_by_its_author_while_a_member(
    client, provider_staff, provider, other_provider_staff, coordinator, agency, outsider
):
    job = make_job(provider_staff, provider, status=Job.Status.DONE)
    for user in (other_provider_staff, coordinator, outsider):
        client.force_login(user)
        assert client.get(f"/jobs/{job.pk}/").status_code == 404
    agency_job = make_job(coordinator, agency, status=Job.Status.DONE)
    client.force_login(coordinator)
    assert client.get(f"/jobs/{agency_job.pk}/").status_code == 200
    coordinator.memberships.all().delete()
    assert client.get(f"/jobs/{agency_job.pk}/").status_code == 404


def test_a_job_that_seems_stuck_says_so(client, provider_staff, provider):
    job = make_job(provider_staff, provider, status=Job.Status.RUNNING)
    client.force_login(provider_staff)
    assert "may have stopped" not in client.get(f"/jobs/{job.pk}/").content.decode()
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    assert "may have stopped. Start it again if nothing changes." in client.get(f"/jobs/{job.pk}/").content.decode()
