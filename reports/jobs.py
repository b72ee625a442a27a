"""Running jobs outside the request: a Celery task when a broker is configured, otherwise a background thread
in this process (the embedded default). Tests set JOBS_RUN_INLINE to run them at once."""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone

from .models import Job

logger = logging.getLogger(__name__)
RUNNERS = {}


def runner(kind: str):
    def register(function):
        RUNNERS[kind] = function
        return function

    return register


def run_job(job_id: int) -> None:
    """Run one job to its end, recording failure instead of raising."""
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    try:
        RUNNERS[job.kind](job)
    except Exception as error:  # a broken file must end as a failed job with a message, never a crash
        logger.exception("Job %s failed", job_id)
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, message=str(error)[:2000], finished_at=timezone.now()
        )


def _in_thread(job_id: int) -> None:
    close_old_connections()
    try:
        run_job(job_id)
    finally:
        close_old_connections()


def start_job(job: Job) -> None:
    """Start the job once the transaction that created it has committed."""
    if getattr(settings, "JOBS_RUN_INLINE", False):
        transaction.on_commit(lambda: run_job(job.pk))
    elif settings.CELERY_BROKER_URL:
        from .tasks import run_job_task

        transaction.on_commit(lambda: run_job_task.delay(job.pk))
    else:
        transaction.on_commit(lambda: threading.Thread(target=_in_thread, args=(job.pk,), daemon=True).start())
