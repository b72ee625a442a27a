"""An application's page: where it stands, who is expected to act and by when, its scope, evidence, documents,
decisions and history. Everyone who may see the application sees it; anyone else gets a 404."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .. import access
from ..audit import verb_label
from ..models import Application, IssuedDocument
from .steps import due_dates
from .tasks import STEP_URLS


def _with_labels(events):
    """Audit events with the status they moved to in words."""
    labels = dict(Application.Status.choices)
    events = list(events)
    for event in events:
        event.to_label = labels.get(event.data.get("to"), "") if isinstance(event.data, dict) else ""
        event.verb_label = verb_label(event.verb)
    return events


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.visible_to(request.user).select_related(
            "provider", "agency", "authority", "coordinator", "officer", "submitted_by"
        ),
        pk=pk,
    )
    open_tasks = []
    if application.process_id:
        open_tasks = list(
            Task.objects.filter(process_id=application.process_id, flow_task_type="HUMAN", status=STATUS.ASSIGNED)
            .select_related("owner")
            .annotate(due=due_dates())
            .order_by("created")
        )
    for task in open_tasks:
        task.url_name = STEP_URLS.get(task.flow_task.name)
    documents = IssuedDocument.objects.visible_to(request.user).filter(application=application)
    is_provider = access.may_act_for_provider(request.user, application)
    panel = getattr(application, "panel", None)
    return render(
        request,
        "accreditation/application_detail.html",
        {
            "application": application,
            "open_tasks": open_tasks,
            "versions": application.submitted_versions.select_related("field", "nqf_level__framework"),
            "drafts": application.micro_credentials.all() if application.is_draft else [],
            "evidence": application.evidence.select_related("uploaded_by"),
            "requests": application.information_requests.select_related("requested_by", "responded_by"),
            "documents": documents.order_by("kind", "-version"),
            "decisions": application.decisions.select_related("officer"),
            "comments": application.report_comments.select_related("author"),
            "members": panel.members.select_related("reviewer").order_by("role", "pk") if panel else [],
            "history": _with_labels(application.audit_events.order_by("pk")),
            "is_provider": is_provider,
            "is_coordinator": access.may_coordinate(request.user, application),
        },
    )


urlpatterns = [path("applications/<int:pk>/", application_detail, name="application-detail")]
