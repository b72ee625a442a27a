"""Celery tasks (used when CELERY_BROKER_URL is set)."""

from celery import shared_task

from .jobs import run_job


@shared_task
def run_job_task(job_id: int) -> None:
    run_job(job_id)
