"""My tasks: the signed-in person's open work in every procedure (their flow tasks, soonest due first, and their
providers' drafts), and the link of a task that opens the page its flow node names."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from viewflow.workflow.models import Task

from ..inbox import inbox_for
from ..models import Application, Membership


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    """The signed-in person's open work: their flow tasks, soonest due first and overdue ones marked, a page at a
    time and filterable by step or to the overdue ones (accreditation/inbox.py), then the drafts of their providers
    waiting to be submitted."""
    inbox = inbox_for(request)
    drafts = (
        Application.objects.visible_to(request.user)
        .filter(status=Application.Status.DRAFT, provider__in=Membership.objects.providers_of(request.user))
        .select_related("provider")
        .order_by("created_at")
    )
    drafts = list(drafts)
    context = {
        "inbox": inbox,
        "tasks": inbox.tasks,
        "drafts": drafts,
        "count": inbox.total + len(drafts),
        "now": timezone.now(),
    }
    return render(request, "accreditation/task_list.html", context)


@login_required
def task_open(request: HttpRequest, pk: int) -> HttpResponse:
    """A task's link (in e-mails and lists): to the page its flow node names (`url_name`, process/nodes.py)."""
    task = Task.objects.filter(pk=pk, owner=request.user).first()
    url_name = getattr(getattr(task, "flow_task", None), "url_name", None)
    if url_name is None:
        raise Http404
    try:
        return redirect(reverse(url_name, args=[task.pk]))
    except NoReverseMatch:
        raise Http404 from None


urlpatterns = [
    path("tasks/", task_list, name="tasks"),
    path("tasks/<int:pk>/", task_open, name="task"),
]
