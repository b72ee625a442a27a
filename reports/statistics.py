"""Figures about applications, computed from plain data: the flow's tasks as `StepTask` rows and the steps as an
ordered {name: title} mapping, both given by the caller (accreditation.statistics reads them from the database
and the flow). A step lasts from a task's creation to its end, and parallel or repeated tasks of one step (reviews;
screening again after an information request) count once for the time they cover."""

import datetime
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils import timezone

# viewflow's task statuses, as stored (viewflow.workflow.status.STATUS).
NEW, ASSIGNED, STARTED, DONE = "NEW", "ASSIGNED", "STARTED", "DONE"
OPEN = (NEW, ASSIGNED, STARTED)
DAY = 86400


@dataclass
class Figure:
    key: str
    title: str
    rows: list[tuple[str, float]]
    unit: str = ""  # shown after each value, e.g. "\u00a0d" (a no-break space keeps it with its number)
    column: str = ""  # what the values count, for the table's header


@dataclass(frozen=True)
class StepTask:
    application_id: int
    step: str
    status: str
    created: datetime.datetime
    finished: datetime.datetime | None
    due: datetime.datetime | None
    owner_id: int | None


def step_name(flow_task) -> str:
    """The node's name, from the node itself or its stored reference ("accreditation/flows.AccreditationFlow.x")."""
    return getattr(flow_task, "name", "") or str(flow_task).rsplit(".", 1)[-1]


def covered_days(intervals: list[tuple[datetime.datetime, datetime.datetime]]) -> float:
    """Days covered by the union of the intervals (overlapping parallel tasks count once)."""
    total, end = 0.0, None
    for start, finish in sorted(intervals):
        if end is None or start > end:
            total += (finish - start).total_seconds()
            end = finish
        elif finish > end:
            total += (finish - end).total_seconds()
            end = finish
    return total / DAY


def days_in_steps(tasks: list[StepTask]) -> dict[int, dict[str, float]]:
    """For each application, the days spent in each step (finished tasks only)."""
    intervals = defaultdict(list)
    for task in tasks:
        if task.status == DONE and task.finished:
            intervals[task.application_id, task.step].append((task.created, task.finished))
    days: dict[int, dict[str, float]] = defaultdict(dict)
    for (application_id, step), spans in intervals.items():
        days[application_id][step] = covered_days(spans)
    return days


def current_steps(tasks: list[StepTask], now=None) -> dict[int, tuple[str, float]]:
    """For each application with an open task, that step and the days it has been open."""
    now = now or timezone.now()
    current = {}
    for task in sorted(tasks, key=lambda t: t.created):
        if task.status in OPEN:
            current[task.application_id] = (task.step, (now - task.created).total_seconds() / DAY)
    return current


def median_days(tasks: list[StepTask], steps: dict[str, str]) -> list[tuple[str, float]]:
    """The median days in each step (finished tasks), by step title in the steps' order."""
    per_step = defaultdict(list)
    for days in days_in_steps(tasks).values():
        for step, value in days.items():
            per_step[step].append(value)
    return [(title, round(statistics.median(per_step[step]), 1)) for step, title in steps.items() if per_step[step]]


def overdue_tasks(tasks: list[StepTask], steps: dict[str, str], now=None) -> list[tuple[str, int]]:
    now = now or timezone.now()
    late = Counter(task.step for task in tasks if task.status in OPEN and task.due and task.due < now)
    return [(title, late[step]) for step, title in steps.items() if late[step]]


def review_counts(tasks: list[StepTask]) -> dict[int | None, list[int]]:
    """For each reviewer (task owner), [finished reviews, of which on time]."""
    per_owner = defaultdict(lambda: [0, 0])
    for task in tasks:
        if task.step == "review" and task.status == DONE and task.finished:
            per_owner[task.owner_id][0] += 1
            per_owner[task.owner_id][1] += task.due is None or task.finished <= task.due
    return dict(per_owner)
