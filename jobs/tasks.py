"""Celery tasks (used when CELERY_BROKER_URL is set)."""

from celery import shared_task

from .runner import run_job


# The name it had in the reports app, so that messages queued before the move still find it.
@shared_task(name="reports.tasks.run_job_task")
def run_job_task(job_id: int) -> None:
    run_job(job_id)
