"""An application's page: where it stands, who is expected to act and by when, its scope, evidence, documents,
decisions and history. Everyone who may see the application sees it; anyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .. import access
from ..audit import verb_label
from ..forms.lifecycle import WithdrawalForm
from ..models import Application, IssuedDocument
from ..models.audit import Verb
from ..services.applications import delete_draft_application, may_be_withdrawn, withdraw_application
from ..services.tasks import due_dates
from .confirm import confirmation_page, is_confirmed, is_going_back


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
        task.url_name = getattr(task.flow_task, "url_name", None)  # the page its flow node names
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
            "may_withdraw": is_provider and may_be_withdrawn(application),
            "withdrawal": application.audit_events.filter(verb=Verb.WITHDREW_APPLICATION).last()
            if application.status == Application.Status.WITHDRAWN
            else None,
        },
    )


def _own_application(request: HttpRequest, pk: int) -> Application:
    """An application of the person's provider (its staff only; anyone else gets a 404)."""
    return get_object_or_404(
        access.applications_manageable_by(request.user).select_related("provider", "agency"), pk=pk
    )


@login_required
@require_POST
def draft_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a draft, after a confirmation page (no script needed)."""
    application = _own_application(request, pk)
    if not application.is_draft:
        messages.error(request, _("A submitted application cannot be deleted; withdraw it instead."))
        return redirect("accreditation:application-detail", application.pk)
    if is_going_back(request):
        return redirect("accreditation:draft-edit", application.pk)
    if not is_confirmed(request):
        return confirmation_page(
            request,
            title=_("Delete the draft %(reference)s?") % {"reference": application.reference},
            facts=[
                (_("Agency"), application.agency),
                (_("Evidence attached"), application.evidence.count()),
            ],
            consequences=[
                _(
                    "The draft and its attached evidence are deleted. Your catalogue of micro-credentials is kept. "
                    "This cannot be undone."
                )
            ],
            confirm_label=_("Delete the draft"),
        )
    try:
        reference = delete_draft_application(application=application, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accreditation:application-detail", application.pk)
    messages.success(request, _("The draft %(reference)s is deleted.") % {"reference": reference})
    return redirect("accreditation:provider-home")


@login_required
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a submitted application before the decision: a reason, a confirmation, then the process ends."""
    application = _own_application(request, pk)
    if not may_be_withdrawn(application):
        messages.error(request, _("This application can no longer be withdrawn."))
        return redirect("accreditation:application-detail", application.pk)
    form = WithdrawalForm(request.POST if request.method == "POST" and not is_going_back(request) else None)
    if request.method == "POST" and is_going_back(request):
        form = WithdrawalForm(initial={"reason": request.POST.get("reason", "")})
    elif form.is_bound and form.is_valid():
        if not is_confirmed(request):
            return confirmation_page(
                request,
                title=_("Withdraw %(reference)s?") % {"reference": application.reference},
                facts=[
                    (_("Agency"), application.agency),
                    (_("Where it stands"), application.get_status_display()),
                    (_("Reason"), form.cleaned_data["reason"]),
                ],
                consequences=[
                    _(
                        "The accreditation process ends: every open task is closed and the agency is told by "
                        "e-mail. The application stays in your workspace as withdrawn. This cannot be undone; to "
                        "be accredited later you submit a new application."
                    )
                ],
                confirm_label=_("Withdraw the application"),
            )
        try:
            withdraw_application(application=application, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("%(reference)s is withdrawn; the agency is told.") % {"reference": application.reference}
            )
            return redirect("accreditation:application-detail", application.pk)
    return render(
        request,
        "accreditation/application_withdraw.html",
        {"application": application, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


urlpatterns = [
    path("applications/<int:pk>/", application_detail, name="application-detail"),
    path("applications/<int:pk>/withdraw/", application_withdraw, name="application-withdraw"),
    path("provider/applications/<int:pk>/delete/", draft_delete, name="draft-delete"),
]
