"""Figures about applications for the agency's and the authority's dashboards and downloads: plain data, from a
fixed number of queries whatever the number of applications (the computing is reports.statistics').

Time in each step is read from the flow's task rows (viewflow.workflow.models.Task, process = the application's
process, flow_task_type "HUMAN"). A task's due moment is the schedule of its timer (the timer task that follows
it). The steps, an ordered {node name: title} mapping, are the flow's: the layer that has the flow passes them."""

import statistics
from collections import Counter

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from frameworks.models import FieldOfStudy
from frameworks.vocabularies import Country
from reports.statistics import (
    DAY,
    Figure,
    StepTask,
    current_steps,
    days_in_steps,
    median_days,
    overdue_tasks,
    review_counts,
    step_name,
)

from .models import Application, Decision, MicroCredentialVersion


def step_tasks(applications: QuerySet) -> list[StepTask]:
    """The human tasks of these applications' processes, in one query."""
    due = Task.objects.filter(previous=OuterRef("pk"), flow_task_type="TIMER").order_by("scheduled").values("scheduled")
    rows = (
        Task.objects.filter(process__application__in=applications.values("pk"), flow_task_type="HUMAN")
        .annotate(due=Subquery(due[:1]))
        .values_list("process__application", "flow_task", "status", "created", "finished", "due", "owner_id")
    )
    return [StepTask(app, step_name(node), *rest) for app, node, *rest in rows]


def median_days_per_step(
    tasks: list[StepTask], applications: QuerySet, steps: dict[str, str]
) -> list[tuple[str, float]]:
    rows = median_days(tasks, steps)
    overall = [
        (closed - submitted).total_seconds() / DAY
        for submitted, closed in applications.filter(submitted_at__isnull=False, closed_at__isnull=False).values_list(
            "submitted_at", "closed_at"
        )
    ]
    if overall:
        rows.append((_("Overall, submission to closing"), round(statistics.median(overall), 1)))
    return rows


def review_timeliness(tasks: list[StepTask]) -> tuple[list[tuple[str, int]], list[dict]]:
    """Finished reviews on time and late, in all and per reviewer (share on time, in per cent)."""
    per_owner = review_counts(tasks)
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


def dashboard(applications: QuerySet, steps: dict[str, str]) -> list[Figure]:
    """Every figure for applications the viewer may see (drafts left out); `steps` are the flow's, in order."""
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
            median_days_per_step(tasks, submitted, steps),
            unit="\u00a0d",
            column=_("Days"),
        ),
        Figure("overdue", _("Open tasks past their due date, by step"), overdue_tasks(tasks, steps), column=_("Tasks")),
        Figure("timeliness", _("Reviews finished on time and late"), timeliness, column=_("Reviews")),
        Figure(
            "reviewers",
            _("Share of each reviewer's reviews finished on time"),
            [(row["name"], row["on_time_share"]) for row in reviewers],
            unit="\u00a0%",
            column=_("On time (%)"),
        ),
    ]


def application_rows(applications: QuerySet, steps: dict[str, str]) -> list[dict]:
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
    titles = steps
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
