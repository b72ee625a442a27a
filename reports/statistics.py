"""Figures about applications for the agency's and the authority's dashboards and downloads: plain data, from a
fixed number of queries whatever the number of applications.

Time in each step is read from the flow's task rows (viewflow.workflow.models.Task, process = the application's
process, flow_task_type "HUMAN"): a step lasts from a task's creation to its end, and parallel or repeated tasks
of one step (reviews; screening again after an information request) count once for the time they cover. A task's
due moment is the schedule of its timer (the timer task that follows it)."""

import datetime
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accreditation.flows import HUMAN_STEPS
from accreditation.models import Application, Decision, MicroCredentialVersion
from frameworks.models import FieldOfStudy
from frameworks.vocabularies import Country

STEPS = HUMAN_STEPS  # the flow's human nodes, in process order, as named in task rows
OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
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


def step_titles() -> dict[str, str]:
    from accreditation.flows import AccreditationFlow

    return {step: str(getattr(getattr(AccreditationFlow, step, None), "task_title", "") or step) for step in STEPS}


def step_tasks(applications: QuerySet) -> list[StepTask]:
    """The human tasks of these applications' processes, in one query."""
    due = Task.objects.filter(previous=OuterRef("pk"), flow_task_type="TIMER").order_by("scheduled").values("scheduled")
    rows = (
        Task.objects.filter(process__application__in=applications.values("pk"), flow_task_type="HUMAN")
        .annotate(due=Subquery(due[:1]))
        .values_list("process__application", "flow_task", "status", "created", "finished", "due", "owner_id")
    )
    return [StepTask(app, step_name(node), *rest) for app, node, *rest in rows]


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
        if task.status == STATUS.DONE and task.finished:
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


def median_days_per_step(tasks: list[StepTask], applications: QuerySet) -> list[tuple[str, float]]:
    titles = step_titles()
    per_step = defaultdict(list)
    for steps in days_in_steps(tasks).values():
        for step, days in steps.items():
            per_step[step].append(days)
    rows = [(titles.get(step, step), round(statistics.median(per_step[step]), 1)) for step in STEPS if per_step[step]]
    overall = [
        (closed - submitted).total_seconds() / DAY
        for submitted, closed in applications.filter(submitted_at__isnull=False, closed_at__isnull=False).values_list(
            "submitted_at", "closed_at"
        )
    ]
    if overall:
        rows.append((_("Overall, submission to closing"), round(statistics.median(overall), 1)))
    return rows


def overdue_tasks(tasks: list[StepTask], now=None) -> list[tuple[str, int]]:
    now = now or timezone.now()
    titles = step_titles()
    late = Counter(task.step for task in tasks if task.status in OPEN and task.due and task.due < now)
    return [(titles.get(step, step), late[step]) for step in STEPS if late[step]]


def review_timeliness(tasks: list[StepTask]) -> tuple[list[tuple[str, int]], list[dict]]:
    """Finished reviews on time and late, in all and per reviewer (share on time, in per cent)."""
    per_owner = defaultdict(lambda: [0, 0])
    for task in tasks:
        if task.step == "review" and task.status == STATUS.DONE and task.finished:
            per_owner[task.owner_id][0] += 1
            per_owner[task.owner_id][1] += task.due is None or task.finished <= task.due
    done = sum(counts[0] for counts in per_owner.values())
    on_time = sum(counts[1] for counts in per_owner.values())
    users = get_user_model().objects.in_bulk([owner for owner in per_owner if owner])
    reviewers = [
        {
            "name": (users[owner].get_full_name() or users[owner].get_username()) if owner in users else _("unknown"),
            "reviews": counts[0],
            "on_time": counts[1],
            "on_time_share": round(100 * counts[1] / counts[0]),
        }
        for owner, counts in per_owner.items()
    ]
    reviewers.sort(key=lambda row: row["name"])
    totals = [(_("On time"), on_time), (_("Late"), done - on_time)] if done else []
    return totals, reviewers


def _counted(queryset, key: str, labels: dict) -> list[tuple[str, int]]:
    """Counts per value of `key`, in the order of `labels` (a choice's order: the process for statuses)."""
    rows = queryset.values(key).annotate(n=Count("pk", distinct=True)).order_by(key)
    order = {value: index for index, value in enumerate(labels)}
    rows = sorted((row for row in rows if row[key] not in (None, "")), key=lambda row: order.get(row[key], len(order)))
    return [(str(labels.get(row[key], row[key])), row["n"]) for row in rows]


def by_field(versions: QuerySet) -> list[tuple[str, int]]:
    """Micro-credentials by ISCED-F broad field (a narrow field counts under its broad one)."""
    names = dict(FieldOfStudy.objects.filter(parent=None).values_list("code", "name"))
    counts = Counter()
    for code, n in versions.exclude(field=None).values_list("field__code").annotate(n=Count("pk", distinct=True)):
        counts[code[:2]] += n
    return [(f"{code} {names.get(code, '')}".strip(), counts[code]) for code in sorted(counts)]


def dashboard(applications: QuerySet) -> list[Figure]:
    """Every figure for applications the viewer may see (drafts left out)."""
    submitted = applications.exclude(status=Application.Status.DRAFT)
    versions = MicroCredentialVersion.objects.filter(applications__in=submitted.values("pk"))
    tasks = step_tasks(submitted)
    timeliness, reviewers = review_timeliness(tasks)
    n = _("Applications")
    return [
        Figure(
            "status",
            _("Applications by status"),
            _counted(submitted, "status", dict(Application.Status.choices)),
            column=n,
        ),
        Figure(
            "outcome",
            _("Decisions by outcome"),
            _counted(
                Decision.objects.filter(application__in=submitted.values("pk")),
                "outcome",
                dict(Decision.Outcome.choices),
            ),
            column=_("Decisions"),
        ),
        Figure(
            "country",
            _("Applications by provider's country"),
            _counted(submitted, "provider__country", dict(Country.choices)),
            column=n,
        ),
        Figure(
            "eqf",
            _("Micro-credentials submitted, by EQF level"),
            [(f"EQF {level}", count) for level, count in _counted(versions, "eqf_level", {})],
            column=_("Micro-credentials"),
        ),
        Figure(
            "field",
            _("Micro-credentials submitted, by ISCED-F broad field"),
            by_field(versions),
            column=_("Micro-credentials"),
        ),
        Figure(
            "time",
            _("Median days in each step"),
            median_days_per_step(tasks, submitted),
            unit="\u00a0d",
            column=_("Days"),
        ),
        Figure("overdue", _("Open tasks past their due date, by step"), overdue_tasks(tasks), column=_("Tasks")),
        Figure("timeliness", _("Reviews finished on time and late"), timeliness, column=_("Reviews")),
        Figure(
            "reviewers",
            _("Share of each reviewer's reviews finished on time"),
            [(row["name"], row["on_time_share"]) for row in reviewers],
            unit="\u00a0%",
            column=_("On time (%)"),
        ),
    ]


def application_rows(applications: QuerySet) -> list[dict]:
    """One row per application for the agency's download: status, dates, outcome and days in each step."""
    applications = applications.exclude(status=Application.Status.DRAFT)
    tasks = step_tasks(applications)
    days = days_in_steps(tasks)
    current = current_steps(tasks)
    outcomes = dict(Decision.Outcome.choices)
    latest = dict(
        Decision.objects.filter(application__in=applications.values("pk"))
        .order_by("application", "decided_at")
        .values_list("application", "outcome")
    )
    titles = step_titles()
    rows = []
    for application in applications.select_related("provider").order_by("submitted_at", "pk"):
        step, open_days = current.get(application.pk, ("", None))
        rows.append(
            {
                "reference": application.reference,
                "provider": application.provider.legal_name,
                "country": application.provider.country,
                "status": application.get_status_display(),
                "submitted": application.submitted_at,
                "closed": application.closed_at,
                "outcome": str(outcomes.get(latest.get(application.pk), "")),
                "steps": days.get(application.pk, {}),
                "current_step": titles.get(step, step),
                "current_days": open_days,
            }
        )
    return rows
