"""My tasks at any size: the person's open flow tasks, filtered by step or to the overdue ones, soonest due first, a
page at a time. The number of queries does not depend on how many tasks there are: one count, one page of rows
(application, provider, due date and whether a screening is a re-screening in the same query) and one list of the
steps the person has tasks in, for the filter."""

from dataclasses import dataclass

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Exists, Min, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .models import InformationRequest

PAGE_SIZE = 50
FILTER_FROM = 10  # the filter is offered from this many open tasks on (fewer are read at a glance)


def due_dates():
    """Subquery: the due moment of a human task, the schedule of its timer boundary. Driven from the task's own row
    of the timers' `previous` links (an index lookup per task) with MIN rather than ORDER BY ... LIMIT 1, which lets
    PostgreSQL walk every timer by its schedule for each task (minutes at 10,000 tasks)."""
    links = Task.previous.through.objects.filter(to_task_id=OuterRef("pk"), from_task__flow_task_type="TIMER")
    return Subquery(links.values("to_task_id").annotate(due=Min("from_task__scheduled")).values("due")[:1])


def answered_requests():
    """Subquery: whether the task's application has an answered information request (a screening after it is a
    re-screening)."""
    return Exists(
        InformationRequest.objects.filter(application__process=OuterRef("process")).exclude(responded_at=None)
    )


def open_tasks_of(user) -> QuerySet[Task]:
    return Task.objects.filter(owner=user, status=STATUS.ASSIGNED, flow_task_type="HUMAN")


class TaskFilterForm(forms.Form):
    step = forms.ChoiceField(label=_("Step"), required=False)
    overdue = forms.BooleanField(label=_("Only overdue tasks"), required=False)

    def __init__(self, *args, steps: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [("", _("All steps")), *steps]


@dataclass
class Inbox:
    form: TaskFilterForm
    page: Page
    tasks: list
    total: int
    filtered: bool
    query: str  # the filter's query string, for the page links

    @property
    def show_filter(self) -> bool:
        return self.filtered or self.total > FILTER_FROM


def _steps(tasks: QuerySet[Task]) -> list[tuple[str, str]]:
    """(stored node reference, title) of the steps the person has open tasks in, one query."""
    from viewflow.workflow.fields import get_task_ref

    nodes = {}
    for node in tasks.order_by().values_list("flow_task", flat=True).distinct():
        if node is not None:
            nodes[get_task_ref(node)] = str(getattr(node, "task_title", "") or node.name)
    return sorted(nodes.items(), key=lambda step: (step[1], step[0]))


def inbox_for(request) -> Inbox:
    everything = open_tasks_of(request.user)
    steps = _steps(everything)
    form = TaskFilterForm(request.GET or None, steps=steps)
    tasks = everything.annotate(due=due_dates())
    now = timezone.now()
    filtered = False
    if form.is_bound and form.is_valid():
        if form.cleaned_data["step"]:
            tasks = tasks.filter(flow_task=form.cleaned_data["step"])
            filtered = True
        if form.cleaned_data["overdue"]:
            tasks = tasks.filter(due__lt=now)
            filtered = True
    # Two steps: the page's task ids in order (a narrow sort of ids and due dates only), then those rows with
    # their application, provider and re-screening flag. Sorting the 10,000 joined rows themselves was most of the
    # page's time.
    ordered = tasks.order_by("due", "created", "pk").values_list("pk", flat=True)
    paginator = Paginator(ordered, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    ids = list(page.object_list)
    found = {
        task.pk: task
        for task in Task.objects.filter(pk__in=ids)
        .select_related(
            "process__application__provider",
            "process__condition__entry__provider",
            "process__identity_change__provider",
        )
        .annotate(due=due_dates(), is_rescreening=answered_requests())
    }
    rows = [found[pk] for pk in ids if pk in found]
    for task in rows:
        task.is_overdue = task.due is not None and task.due < now
    query = request.GET.copy()
    query.pop("page", None)
    return Inbox(form, page, rows, paginator.count, filtered, query.urlencode())
