"""Celery tasks (used when CELERY_BROKER_URL is set).

Each job records the worker that runs it; when a worker starts, the jobs still marked running by a worker of its
name (its previous run, which died or was killed mid-job) go back to the queue, so that nobody waits for ever on a
job that nothing is running (config/celery.py: messages are acknowledged late as well)."""

from celery import shared_task
from celery.signals import worker_ready

from .models import Job
from .runner import run_job, update


# The name it had in the reports app, so that messages queued before the move still find it.
@shared_task(name="reports.tasks.run_job_task", bind=True)
def run_job_task(self, job_id: int) -> None:
    job = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).first()
    if job is not None and self.request.hostname:
        update(job, result={**(job.result or {}), "worker": self.request.hostname})
    run_job(job_id)


def requeue_abandoned_jobs(worker: str) -> list[int]:
    """Put back in the queue the jobs marked running by this worker's name: a worker starting has none running."""
    requeued = []
    for job in Job.objects.filter(status=Job.Status.RUNNING, result__worker=worker):
        if Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(status=Job.Status.QUEUED):
            requeued.append(job.pk)
            run_job_task.delay(job.pk)
    return requeued


@worker_ready.connect
def _on_worker_ready(sender=None, **kwargs) -> None:
    if sender is not None and getattr(sender, "hostname", None):
        requeue_abandoned_jobs(sender.hostname)
