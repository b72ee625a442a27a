"""Moved: the task pages' shared parts are `process.task_views` (`@task_view`, `finish`, `due_dates`)."""

from process.task_views import due_dates

__all__ = ["due_dates"]
