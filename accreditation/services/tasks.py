"""Completing and reassigning flow tasks safely: one transition per task, whatever the number of clicks."""

from collections.abc import Callable

from django.db import transaction
from django.db.models import OuterRef, Subquery
from viewflow.fsm import TransitionNotAllowed
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .. import audit


def due_dates():
    """Subquery: the due moment of a human task is the schedule of its timer boundary."""
    return Subquery(
        Task.objects.filter(previous=OuterRef("pk"), flow_task_type="TIMER")
        .order_by("scheduled")
        .values("scheduled")[:1]
    )


class TaskUnavailable(Exception):
    """The task was completed (or cancelled) by someone else, or is busy; nothing was changed."""


def complete_task(*, task, user, action: Callable[[], object]):
    """Run `action` (the step's service) and complete the task, under the flow's process lock. A second attempt
    on the same task raises TaskUnavailable and changes nothing."""
    # The flow lock opens the transaction itself: it must be the outermost one, since it retries a busy row
    # lock inside its own atomic block.
    try:
        with task.activation() as activation:
            if task.status != STATUS.ASSIGNED or not task.flow_task.can_execute(user, task):
                raise TaskUnavailable
            activation.start(request=None)
            result = action()
            activation.execute()
            return result
    except (FlowLockFailed, TransitionNotAllowed) as exc:
        raise TaskUnavailable from exc


@transaction.atomic
def reassign_task(*, task, to_user, data: dict | None = None, by) -> None:
    """Give an open task to another person (e.g. a replacement reviewer). Only services call this."""
    with task.activation():
        if task.status not in (STATUS.ASSIGNED, STATUS.NEW):
            raise TaskUnavailable
        previous_owner = task.owner
        task.owner = to_user
        task.status = STATUS.ASSIGNED
        if data:
            task.data = {**task.data, **data}
        task.save(update_fields=["owner", "status", "data"])
    audit.record(
        actor=by,
        verb="reassigned a task",
        target=task.process.application,
        data={"task": task.flow_task.name, "from": getattr(previous_owner, "pk", None), "to": to_user.pk},
    )
