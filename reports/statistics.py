"""Figures about applications for an agency's or an authority's dashboard: plain data, one query per figure."""

import statistics
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accreditation.models import Application, Decision, MicroCredentialVersion
from frameworks.vocabularies import Country


@dataclass
class Figure:
    key: str
    title: str
    rows: list[tuple[str, float]]
    unit: str = ""


def _step_name(flow_task) -> str:
    return getattr(flow_task, "name", "") or str(flow_task).rsplit(".", 1)[-1]


def dashboard(applications) -> list[Figure]:
    """All figures for a queryset of applications (already limited to what the viewer may see)."""
    from django.utils.translation import gettext as _

    from accreditation.flows import HUMAN_STEPS

    submitted = applications.exclude(status=Application.Status.DRAFT)
    status_labels = dict(Application.Status.choices)
    by_status = [
        (str(status_labels[row["status"]]), row["n"])
        for row in submitted.values("status").annotate(n=Count("pk")).order_by("status")
    ]
    outcome_labels = dict(Decision.Outcome.choices)
    by_outcome = [
        (str(outcome_labels[row["outcome"]]), row["n"])
        for row in Decision.objects.filter(application__in=submitted)
        .values("outcome")
        .annotate(n=Count("pk"))
        .order_by("outcome")
    ]
    countries = dict(Country.choices)
    by_country = [
        (str(countries.get(row["provider__country"], row["provider__country"])), row["n"])
        for row in submitted.values("provider__country").annotate(n=Count("pk")).order_by("provider__country")
    ]
    versions = MicroCredentialVersion.objects.filter(applications__in=submitted)
    by_level = [
        (f"EQF {row['eqf_level']}", row["n"])
        for row in versions.exclude(eqf_level=None).values("eqf_level").annotate(n=Count("pk")).order_by("eqf_level")
    ]
    by_field = [
        (f"{row['field__parent__code'] or row['field__code']}", row["n"])
        for row in versions.exclude(field=None)
        .values("field__parent__code", "field__code")
        .annotate(n=Count("pk"))
        .order_by("field__code")
    ]
    due = Subquery(
        Task.objects.filter(previous=OuterRef("pk"), flow_task_type="TIMER")
        .order_by("scheduled")
        .values("scheduled")[:1]
    )
    tasks = list(
        Task.objects.filter(process__application__in=submitted, flow_task_type="HUMAN")
        .annotate(due=due)
        .values_list("flow_task", "status", "created", "finished", "due")
    )
    durations: dict[str, list[float]] = {step: [] for step in HUMAN_STEPS}
    overdue = Counter()
    on_time = late = 0
    now = timezone.now()
    for flow_task, status, created, finished, due_at in tasks:
        step = _step_name(flow_task)
        if status == STATUS.DONE and finished:
            durations.setdefault(step, []).append((finished - created).total_seconds() / 86400)
            if step == "review" and due_at:
                on_time += finished <= due_at
                late += finished > due_at
        elif status == STATUS.ASSIGNED and due_at and due_at < now:
            overdue[step] += 1
    from accreditation.flows import AccreditationFlow

    titles = {step: str(getattr(AccreditationFlow, step).task_title) for step in HUMAN_STEPS}
    median_days = [
        (titles.get(step, step), round(statistics.median(days), 1)) for step, days in durations.items() if days
    ]
    overall = [
        (closed - started).total_seconds() / 86400
        for started, closed in submitted.filter(closed_at__isnull=False, submitted_at__isnull=False).values_list(
            "submitted_at", "closed_at"
        )
    ]
    if overall:
        median_days.append((_("overall"), round(statistics.median(overall), 1)))
    return [
        Figure("status", _("Applications by status"), by_status),
        Figure("outcome", _("Decisions by outcome"), by_outcome),
        Figure("country", _("Applications by provider country"), by_country),
        Figure("eqf", _("Micro-credentials by EQF level"), by_level),
        Figure("field", _("Micro-credentials by ISCED-F broad field"), _merge(by_field)),
        Figure("time", _("Median time in each step"), median_days, unit=" d"),
        Figure("overdue", _("Overdue open tasks by step"), [(titles.get(s, s), n) for s, n in sorted(overdue.items())]),
        Figure("timeliness", _("Reviews on time and late"), [(_("on time"), on_time), (_("late"), late)]),
    ]


def _merge(rows: list[tuple[str, int]]) -> list[tuple[str, int]]:
    merged = Counter()
    for code, n in rows:
        merged[code[:2]] += n
    return sorted(merged.items())
