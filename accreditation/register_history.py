"""What the register said of an entry on a date, optionally as it was recorded on a later (or earlier) day.

`as_of` alone is the register's own answer (accreditation's `entry_state`). With `as_recorded_on`, only history
rows recorded by the end of that day count, and the validity comes from the last of them (history rows carry the
dates they recorded), so that a later correction of an entry's dates does not rewrite what was said before it.
The status rule itself is the register's (`status_on`); only the choice of rows is made here.
"""

import dataclasses
import datetime

from django.db.models import Prefetch
from django.utils import timezone

from .models import RegisterEntry, RegisterEvent
from .models.register import entry_state, status_on


@dataclasses.dataclass(frozen=True)
class SaidOn:
    entry: RegisterEntry
    status: str
    valid_from: datetime.date
    valid_until: datetime.date
    as_of: datetime.date
    as_recorded_on: datetime.date | None


def end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def with_history(entries):
    """Entries with their history rows read once (no query per entry)."""
    return entries.prefetch_related(Prefetch("events", queryset=RegisterEvent.objects.order_by("effective_on", "pk")))


def said_on(entry: RegisterEntry, on: datetime.date, recorded_on: datetime.date | None = None) -> SaidOn | None:
    """The entry's status and validity on `on` as recorded by `recorded_on`; None when it was not on the register
    then (not yet published, or nothing recorded of it by that day)."""
    if recorded_on is None:
        if entry.published_on > on:
            return None
        state = entry_state(entry, on)
        return SaidOn(entry, state.status, state.valid_from, state.valid_until, on, None)
    moment = end_of(recorded_on)
    known = [event for event in entry.events.all() if event.recorded_at <= moment]
    events = [event for event in known if event.effective_on <= on]
    if not events:
        return None
    last = events[-1]
    withdrawn_on = next((e.effective_on for e in reversed(events) if e.kind == RegisterEvent.Kind.WITHDRAWN), None)
    status = status_on(stored=last.status, valid_until=last.valid_until, on=on, withdrawn_on=withdrawn_on)
    if on < last.valid_from and status != "withdrawn":
        status = "expired"
    return SaidOn(entry, status, last.valid_from, last.valid_until, on, recorded_on)
