"""What every task page of every flow shares: `@task_view` finds the signed-in person's task and lets its node
decide; `finish` runs the step's service and completes the task exactly once.

How to write the task pages of a new flow (the accreditation flow in process/flows.py is the worked example)::

    # process/views/appeal.py (or process/<name>_views.py)
    from process.task_views import finish, task_view

    @task_view
    def hear(request, task, application):
        form = HearingForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            done = finish(
                request,
                task=task,
                form=form,
                action=lambda: appeal_services.record_hearing(appeal=..., by=request.user, **form.cleaned_data),
                done_message=_("The hearing is recorded."),
            )
            if done:
                return done
        return render(request, "process/appeal/task_hear.html", {"task": task, "application": application,
                                                                 "form": form})

    @task_view(part_of=hear)       # a second URL of the same task (an upload, a removal): same node, same checks
    def hear_attach(request, task, application): ...

    # process/<name>.py: the node names its view; its predicate comes from an access module.
    hear = (
        HumanTask(views.hear, allowed=on_application(access.may_hear_appeal))
        .Annotation(title=_("Hear the appeal"))
        .Assign(...)
        .Next(this.decide)
    )

    # process/urls.py: task_urls(Flow) gives every human node `tasks/<int:pk>/<node-name-with-dashes>/`, named
    # `process:task-<node-name-with-dashes>`; parts (attach, remove) are listed by hand beside it.

What the decorator does, in order, for a URL with `<int:pk>` (the task's id):

1. anonymous visitors are sent to the login page (`login_required`);
2. the task is loaded only among the signed-in person's own human tasks (`owner=request.user`), with its process
   and application and its due moment (`task.due`, from the timer boundary); any other id is a 404;
3. the task's node must be the one that names this view (or, with `part_of=`, the view this one is part of): the
   id of a review task on the screening URL is a 404;
4. the node's own predicate decides (`node.can_open(user, task)`, else `can_execute`): it calls the access module,
   so an owner who has lost the role, the membership or the panel seat behind the task gets a 404;
5. a task that is no longer open (done, cancelled) sends its owner back to the application with a plain message;
6. the view is called as `view(request, task, application, **other_url_kwargs)`.

The view never writes directly: it calls `finish(request, task=..., form=..., action=..., done_message=...)` with
the service to run, which completes the task under the flow lock (a second click, another tab or a race: a plain
message, nothing changed) or puts the service's ValidationError on the form and returns None.
Parts that change something without completing the task (attach a file) call their service directly.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accreditation.services.tasks import TaskUnavailable, complete_task, due_dates

__all__ = ["due_dates", "finish", "node_view", "task_view"]


def node_view(node):
    """The view a flow node names (`HumanTask(views.screen)`), or None for nodes without one."""
    return getattr(node, "_view", None)


def _may_open(node, user, task) -> bool:
    can_open = getattr(node, "can_open", None)
    if can_open is not None:
        return can_open(user, task)
    return node.can_execute(user, task)


def task_view(view: Callable | None = None, *, part_of: Callable | None = None):
    """Decorate the view of a flow's human task (see the module's docstring). Use as `@task_view` on the view a
    node names, or `@task_view(part_of=that_view)` on a further URL of the same task."""

    def decorate(function: Callable) -> Callable:
        @wraps(function)
        def wrapper(request, pk: int, *args, **kwargs) -> HttpResponse:
            task = (
                Task.objects.select_related("process__application")
                .annotate(due=due_dates())
                .filter(pk=pk, owner=request.user, flow_task_type="HUMAN")
                .first()
            )
            if task is None or task.flow_task is None:
                raise Http404
            if node_view(task.flow_task) is not (part_of or guarded):
                raise Http404
            if not _may_open(task.flow_task, request.user, task):
                raise Http404
            application = task.process.application
            if task.status != STATUS.ASSIGNED:
                messages.info(request, _("This task has already been completed; nothing more is needed from you here."))
                return redirect("accreditation:application-detail", application.pk)
            return function(request, task, application, *args, **kwargs)

        # The node names the decorated view, the object returned here: the check above compares with it.
        guarded = login_required(wrapper)
        guarded.task_view_part_of = part_of
        return guarded

    if view is not None:
        return decorate(view)
    return decorate


def finish(request, *, task: Task, form, action: Callable[[], object], done_message: str) -> HttpResponse | None:
    """Run the step's service and complete the task. Returns the redirect to the person's tasks on success, or
    None with the service's errors put on the form so the page shows them next to what was typed."""
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
