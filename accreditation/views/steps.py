"""What every task page shares: finding the signed-in person's task, and completing it exactly once."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from ..flows import AccreditationFlow
from ..models import Application
from ..services.tasks import TaskUnavailable, complete_task


def due_dates():
    """Subquery: the due moment of a human task is the schedule of its timer boundary."""
    return Subquery(
        Task.objects.filter(previous=OuterRef("pk"), flow_task_type="TIMER")
        .order_by("scheduled")
        .values("scheduled")[:1]
    )


def open_task(request, pk: int, step: str) -> tuple[Task, Application] | HttpResponse:
    """The task of this step that belongs to the signed-in person and that the step's node lets them open.
    Anyone else's task is a 404; a task that is already done sends its owner back to the application with a plain
    message."""
    node = getattr(AccreditationFlow, step)
    task = (
        Task.objects.select_related("process__application")
        .annotate(due=due_dates())
        .filter(pk=pk, owner=request.user, flow_task=node)
        .first()
    )
    # The node's predicate (accreditation/flows.py, from the access modules) decides, not ownership alone: an owner
    # who has lost the role or the panel seat behind the task no longer sees it.
    if task is None or not task.flow_task.can_open(request.user, task):
        raise Http404
    application = task.process.application
    if task.status != STATUS.ASSIGNED:
        messages.info(request, _("This task has already been completed; nothing more is needed from you here."))
        return redirect("accreditation:application-detail", application.pk)
    return task, application


def finish_task(request, *, task: Task, form, action: Callable[[], object], done_message: str) -> HttpResponse | None:
    """Run the step's service and complete the task. Returns the redirect on success, or None with the errors
    put on the form so the page shows them next to what was typed."""
    try:
        complete_task(task=task, user=request.user, action=action)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            for message in error.messages:
                form.add_error(None, message)
        return None
    except TaskUnavailable:
        messages.warning(request, _("This task was already completed (perhaps in another tab); nothing was changed."))
        return redirect("accreditation:application-detail", task.process.application.pk)
    messages.success(request, done_message)
    return redirect("accreditation:tasks")
