"""Running jobs outside the request: a Celery task when a broker is configured, otherwise a background thread
in this process (the embedded default). Tests set JOBS_RUN_INLINE to run them at once, in the test's thread."""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.site import recorded_site_url, site_url

from .models import Job

logger = logging.getLogger(__name__)
RUNNERS = {}


def runner(kind: str):
    """Register the function that does the work of one kind of job; it sets the job's end state itself."""

    def register(function):
        RUNNERS[kind] = function
        return function

    return register


def update(job: Job, **changes) -> None:
    """Write progress or an outcome at once, without saving (and overwriting) the rest of the row."""
    Job.objects.filter(pk=job.pk).update(**changes)
    for name, value in changes.items():
        setattr(job, name, value)


class JobLimitReached(Exception):
    """Too many jobs are running, for this client or overall; try again after retry_after seconds."""

    def __init__(self, retry_after: int = 60):
        super().__init__(f"too many background jobs; retry after {retry_after} s")
        self.retry_after = retry_after


def check_capacity(kind: str, client: str) -> None:
    """Refuse a new job of this kind when the client already has JOBS_ACTIVE_PER_CLIENT active ones, or
    JOBS_ACTIVE_MAX are active overall (jobs looking stuck for over an hour do not count)."""
    recent = timezone.now() - timedelta(hours=1)
    active = Job.objects.filter(kind=kind, status__in=Job.ACTIVE, created_at__gte=recent)
    if active.filter(result__client=client).count() >= settings.JOBS_ACTIVE_PER_CLIENT:
        raise JobLimitReached()
    if active.count() >= settings.JOBS_ACTIVE_MAX:
        raise JobLimitReached()


def remove_old_job_files() -> int:
    """Delete finished jobs older than JOB_FILE_RETENTION with their files; return how many files went."""
    cutoff = timezone.now() - settings.JOB_FILE_RETENTION
    removed = 0
    old = Job.objects.exclude(status__in=Job.ACTIVE).filter(created_at__lt=cutoff)
    for job in old.iterator():
        for field in (job.output, job.source):
            if field.name:
                field.storage.delete(field.name)
                removed += 1
        job.delete()
    return removed


def fail(job: Job, message: str) -> None:
    update(job, status=Job.Status.FAILED, message=message[:2000], finished_at=timezone.now())


def run_job(job_id: int) -> None:
    """Run one job to its end, recording a failure instead of raising. A job that is not waiting (already run
    by a redelivered Celery message, say) is left alone."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.status not in (Job.Status.QUEUED, Job.Status.IMPORTING):
        return
    if job.status == Job.Status.QUEUED:
        update(job, status=Job.Status.RUNNING)
    try:
        with recorded_site_url((job.result or {}).get("site_url", "")):
            RUNNERS[job.kind](job)
    except Exception:  # whatever breaks, the person waiting must see an end and a plain message, not a spinner
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        fail(job, _("The work stopped on an unexpected error and nothing was changed. Try again later."))


def _in_thread(job_id: int) -> None:
    close_old_connections()
    try:
        run_job(job_id)
    finally:
        # This thread's connections would otherwise stay open until the process ends.
        connections.close_all()


def start_job(job: Job) -> None:
    """Start the job once the transaction that created it has committed (so that the worker can read it). The
    address of the request that asked for it is recorded for the links the job writes."""
    update(job, result={**(job.result or {}), "site_url": site_url()})
    if settings.JOBS_RUN_INLINE:
        transaction.on_commit(lambda: run_job(job.pk))
    elif settings.CELERY_BROKER_URL:
        from .tasks import run_job_task

        transaction.on_commit(lambda: run_job_task.delay(job.pk))
    else:
        transaction.on_commit(
            lambda: threading.Thread(target=_in_thread, args=(job.pk,), daemon=True, name=f"job-{job.pk}").start()
        )
