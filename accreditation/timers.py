"""The regular sweeps that the `workflow_timers` command runs after viewflow's own timers: scheduled
suspensions start and end, reminders before a condition is due and before an entry expires. Layers above
(process) add theirs with `@sweep`, so this layer never imports them."""

import datetime
from collections.abc import Callable

from django.utils import timezone

_sweeps: list[Callable[[datetime.date], str]] = []


def sweep(function: Callable[[datetime.date], str]) -> Callable[[datetime.date], str]:
    """Register a sweep: a function of today's date that does its work idempotently and says what it did."""
    _sweeps.append(function)
    return function


def run_sweeps(today: datetime.date | None = None) -> list[str]:
    today = today or timezone.localdate()
    return [function(today) for function in _sweeps]


@sweep
def suspensions(today: datetime.date) -> str:
    from .services.register import apply_due_suspensions

    started, lifted = apply_due_suspensions(today)
    return f"{started} suspension(s) started, {lifted} lifted"


@sweep
def conditions_due(today: datetime.date) -> str:
    from .services.conditions import remind_conditions_due

    return f"{remind_conditions_due(today)} condition reminder(s) sent"


@sweep
def expiry(today: datetime.date) -> str:
    from .services.expiry import send_expiry_reminders

    return f"{send_expiry_reminders(today)} expiry reminder(s) sent"
