"""Figures about the conditions follow-up for the statistics dashboard (issue 13): how many conditions are in
each state, and how long they took to be met or found not met, for the applications the viewer may count."""

import statistics

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.statistics import Figure

from .models import Condition


def condition_figures(applications: QuerySet) -> list[Figure]:
    """Two figures in two queries: conditions by state, and the median days from the decision to the outcome."""
    conditions = Condition.objects.filter(entry__application__in=applications.values("pk"))
    labels = dict(Condition.State.choices)
    counts = dict(conditions.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    by_state = [(str(labels[state]), counts[state]) for state in Condition.State.values if counts.get(state)]
    durations: dict[str, list[int]] = {Condition.State.MET: [], Condition.State.NOT_MET: []}
    closed = conditions.filter(state__in=list(durations)).exclude(closed_on=None)
    for state, closed_on, decided_at in closed.values_list("state", "closed_on", "entry__decision__decided_at"):
        durations[state].append((closed_on - timezone.localdate(decided_at)).days)
    median = [(str(labels[state]), round(statistics.median(days), 1)) for state, days in durations.items() if days]
    return [
        Figure("conditions", _("Conditions by state"), by_state, column=_("Conditions")),
        Figure(
            "condition_days",
            _("Median days from the decision to a condition's outcome"),
            median,
            unit="\u00a0d",
            column=_("Days"),
        ),
    ]
