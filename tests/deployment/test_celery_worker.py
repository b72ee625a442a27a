"""Background jobs on a real Celery worker: a separate process, started here, consuming from the Redis that runs on
this machine, on the test database. A large download asked for on the web is built by that worker, and the web
side serves the file it wrote."""

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from openpyxl import load_workbook

from jobs.models import Job
from tests.factories import make_register_entry

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the worker is another process: SQLite's test database lives in this process's memory; "
        "CI runs this test on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BROKER = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/14")
CELERY = Path(sys.executable).with_name("celery")


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path, settings, reference_data):
    """A Celery worker process, and this process's Celery app sending to the same broker."""
    import redis

    from config.celery import app

    redis.Redis.from_url(BROKER).flushdb()
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
            str(CELERY),
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    settings.JOBS_RUN_INLINE = False
    settings.CELERY_BROKER_URL = BROKER
    eager, broker = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, BROKER
    reconnect(app)
    try:
        yield process
    finally:
        app.conf.task_always_eager, app.conf.broker_url = eager, broker
        reconnect(app)
        process.terminate()
        process.wait(timeout=30)


def reconnect(app) -> None:
    """Drop the connections the app made with its earlier broker setting (an earlier test may have opened them to
    the default broker), so that what it sends next goes to the broker it has now."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


def wait_for(job: Job, seconds: float = 90) -> Job:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in (Job.Status.DONE, Job.Status.FAILED):
            return job
        time.sleep(0.3)
    raise AssertionError(f"the job is still {job.status} after {seconds} s")


def test_a_large_download_is_built_by_the_worker_process_and_served_by_the_web(client, worker, settings, monkeypatch):
    settings.REGISTER_EXPORT_INLINE_MAX = 0

    def not_here(job_id):
        raise AssertionError("the job ran in the web process, not in the worker")

    monkeypatch.setattr("jobs.tasks.run_job", not_here)
    monkeypatch.setattr("jobs.runner.run_job", not_here)
    entries = [make_register_entry() for _ in range(3)]
    response = client.get("/register/export.xlsx")
    assert response.status_code == 302
    job = wait_for(Job.objects.get(kind=Job.Kind.REGISTER_EXPORT))
    assert job.status == Job.Status.DONE, job.message
    workbook = b"".join(client.get(f"{response['Location']}register.xlsx").streaming_content)
    sheet = load_workbook(io.BytesIO(workbook), read_only=True).worksheets[0]
    assert {entry.provider.legal_name for entry in entries} <= {
        cell for row in sheet.iter_rows(values_only=True) for cell in row
    }
