"""Celery application; used only when CELERY_BROKER_URL is set (otherwise jobs run in-process).

Jobs survive a worker's death: a job's message is acknowledged only once the job has ended (`task_acks_late`), and
a worker process lost mid-job rejects it back to the queue (`task_reject_on_worker_lost`); each worker takes one
message at a time, so that nothing waits unacknowledged behind a long job. A job the dead worker had already marked
running is run again when that worker starts (jobs.tasks.requeue_abandoned_jobs): running it twice is harmless, as
`run_job` ignores a job that has already ended.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("microcred")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
)
app.autodiscover_tasks()
