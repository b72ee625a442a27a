"""Flow nodes and helpers every procedure's flow shares: a human task that names its page and whose predicate comes
from an access module, the due delay of a step, and the URLs of a flow's task pages, generated from its nodes.

    screen = (
        HumanTask(views.screen, allowed=on_application(access.may_coordinate))   # views.screen is a @task_view
        .Annotation(title=_("Screen the application"))
        .Assign(coordinator)
        .OnTimeout(deadline("screen"), this.remind, interrupting=False)
        .Next(this.check_screening)
    )

    urlpatterns = task_urls(AccreditationFlow)   # tasks/<int:pk>/screen/  named process:task-screen
"""

from datetime import timedelta

from django.conf import settings
from django.urls import path
from viewflow.workflow import flow

from accreditation.models import Application


class HumanTask(flow.View):
    """A task that is always assigned to a named person and can never be claimed by anyone else; only a service
    reassigns it. Its owner executes it only while they still hold the right the step needs (`allowed`, a
    predicate of the access modules: losing a membership or a panel seat closes the door at once).

    The node names its page (a `@task_view`, process/task_views.py): the URL `tasks/<int:pk>/<name-with-dashes>/`
    and its name `process:task-<name-with-dashes>` come from the node (`url_path`, `url_name`), with the flow's
    `task_url_prefix` in front when two flows have a node of the same name."""

    def __init__(self, view, *, allowed, **kwargs):
        super().__init__(view, **kwargs)
        self._allowed = allowed

    @property
    def view(self):
        return self._view

    @property
    def url_slug(self) -> str:
        return getattr(self.flow_class, "task_url_prefix", "") + self.name.replace("_", "-")

    @property
    def url_path(self) -> str:
        return f"tasks/<int:pk>/{self.url_slug}/"

    @property
    def url_name(self) -> str:
        return f"process:task-{self.url_slug}"

    def can_assign(self, user, task) -> bool:
        return False

    def can_unassign(self, user, task) -> bool:
        return False

    def can_execute(self, user, task) -> bool:
        return super().can_execute(user, task) and self._allowed(user, task)

    def can_open(self, user, task) -> bool:
        """May the person open the task's page (views ask this; executing asks `can_execute`)."""
        return self.can_execute(user, task)


def human_tasks(flow_class) -> list[HumanTask]:
    """The flow's human tasks in the order the flow declares them (its process order)."""
    return [node for node in vars(flow_class).values() if isinstance(node, HumanTask)]


def task_urls(flow_class) -> list:
    """One URL per human task of the flow, to the view the node names: `tasks/<int:pk>/<node-name>/`, named
    `task-<node-name>` (underscores become dashes). Further URLs of a task (an upload, a removal) are listed by
    hand beside these, with `@task_view(part_of=...)` views."""
    return [path(node.url_path, node.view, name=node.url_name.split(":", 1)[1]) for node in human_tasks(flow_class)]


def on_application(predicate):
    """An access predicate of (user, application) as a predicate of (user, task). The application is read afresh
    rather than through `task.process.application`, which would cache a copy that the step's service then
    changes behind it (the next node's callbacks read that cache)."""
    return lambda user, task: predicate(user, Application.objects.get(process_id=task.process_id))


def deadline(step: str):
    """The due delay of a step (`ACCREDITATION["STEP_DEADLINES"]`, 14 days when a step has none), read when the
    task is created so that settings can change at run time."""
    return lambda activation: settings.ACCREDITATION["STEP_DEADLINES"].get(step, timedelta(days=14))
