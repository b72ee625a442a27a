"""Jobs survive a worker's death: messages are acknowledged late, and a worker that starts again runs the jobs its
previous run left marked running (a real worker process on the local Redis and the test database)."""

import os
import subprocess

import pytest
import redis
from django.db import connection
from kombu import pools

from config.celery import app
from jobs.models import Job
from jobs.tasks import requeue_abandoned_jobs
from tests.deployment.test_celery_worker import BROKER, CELERY, database_url, reconnect, wait_for
from tests.factories import make_register_entry


def test_messages_are_acknowledged_once_the_job_has_ended():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


@pytest.mark.django_db
def test_a_starting_worker_requeues_only_the_jobs_its_previous_run_left_running(monkeypatch):
    sent = []
    monkeypatch.setattr("jobs.tasks.run_job_task.delay", sent.append)
    mine = Job.objects.create(kind=Job.Kind.REGISTER_EXPORT, status=Job.Status.RUNNING, result={"worker": "celery@a"})
    other = Job.objects.create(kind=Job.Kind.REGISTER_EXPORT, status=Job.Status.RUNNING, result={"worker": "celery@b"})
    done = Job.objects.create(kind=Job.Kind.REGISTER_EXPORT, status=Job.Status.DONE, result={"worker": "celery@a"})
    assert requeue_abandoned_jobs("celery@a") == [mine.pk] == sent
    mine.refresh_from_db(), other.refresh_from_db(), done.refresh_from_db()
    assert (mine.status, other.status, done.status) == (Job.Status.QUEUED, Job.Status.RUNNING, Job.Status.DONE)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the worker is another process: SQLite's test database lives in this process's memory; "
    "CI runs this test on PostgreSQL",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_job_whose_worker_died_is_finished_when_the_worker_starts_again(client, settings, tmp_path, reference_data):
    """The web asks for a download; the worker that took it died mid-job (the job says running, its message is
    gone); the worker starts again under its name and the download is built."""
    redis.Redis.from_url(BROKER).flushdb()
    settings.JOBS_RUN_INLINE = False
    settings.CELERY_BROKER_URL = BROKER
    settings.REGISTER_EXPORT_INLINE_MAX = 0
    eager, broker = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, BROKER
    reconnect(app)
    process = None
    try:
        make_register_entry()
        assert client.get("/register/export.xlsx").status_code == 302
        job = Job.objects.get(kind=Job.Kind.REGISTER_EXPORT)
        # What a worker killed mid-job leaves: the job marked running by it, and no message left to deliver.
        redis.Redis.from_url(BROKER).flushdb()
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.RUNNING, result={**job.result, "worker": "celery@restarted"}
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": BROKER,
            "PRIVATE_FILES_ROOT": str(settings.PRIVATE_FILES_ROOT),
            "SIGNING_KEY_DIR": str(tmp_path / "keys"),
            "SIGNING_KEY_AUTOCREATE": "true",
            "VAR_DIR": str(tmp_path / "var"),
        }
        process = subprocess.Popen(
            [
                *(str(CELERY), "-A", "config", "worker", "--pool", "solo", "-n", "celery@restarted"),
                *("--without-gossip", "--without-mingle", "--loglevel", "WARNING"),
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        job = wait_for(job)
        assert job.status == Job.Status.DONE, job.message
        assert job.output.name and job.result["worker"] == "celery@restarted"
    finally:
        app.conf.task_always_eager, app.conf.broker_url = eager, broker
        reconnect(app)
        pools.reset()  # kombu's shared producer pools for this broker were closed with the app's: make new ones
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
