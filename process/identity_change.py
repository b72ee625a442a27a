"""The change of an accredited provider's identity: provider staff ask (the profile page, services.identity), an
officer of the authority that accredited the provider approves or refuses, with a reason.

    request (provider staff, profile page) ─► decide (officer of the accrediting authority) ─► end

Why the officer and not the agency's coordinator: the register entry and its certificate are the authority's
(its decision, its seal on the certificate, its officers suspend and withdraw); the agency reviewed the quality
of the provision, not who the legal person is. The task goes to the officer who decided the provider's latest
entry while they are still an officer of that authority, otherwise to its longest-serving officer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from viewflow import this
from viewflow.utils import is_owner
from viewflow.workflow import flow, lock
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accreditation.forms.identity import IdentityChangeDecisionForm
from accreditation.models import IdentityChangeRequest, Membership, RegisterEntry, Role
from accreditation.models.identity import IdentityChangeProcess, deciding_officers
from accreditation.services import identity as services
from accreditation.services.tasks import TaskUnavailable, complete_task


def may_decide(user, change: IdentityChangeRequest) -> bool:
    return Membership.objects.filter(user=user, authority=change.authority_id, role=Role.OFFICER).exists()


def change_of(task) -> IdentityChangeRequest:
    return IdentityChangeRequest.objects.select_related("provider", "authority").get(process_id=task.process_id)


class OfficerTask(flow.View):
    """Assigned to one named officer, never claimed by anyone else; executed only while they are an officer of the
    request's authority. Its page is `url_name` (the task links of "My tasks" and e-mails follow it)."""

    url_name = "process:task-decide-identity-change"

    def can_assign(self, user, task) -> bool:
        return False

    def can_unassign(self, user, task) -> bool:
        return False

    def can_execute(self, user, task) -> bool:
        return super().can_execute(user, task) and may_decide(user, change_of(task))

    def can_open(self, user, task) -> bool:
        return is_owner(task.owner, user) and may_decide(user, change_of(task))


def deciding_officer(activation):
    change = activation.process.identity_change
    latest = RegisterEntry.objects.filter(provider=change.provider_id, authority=change.authority_id)
    latest = latest.select_related("decision").order_by("-published_at", "-pk").first()
    officers = deciding_officers(change.authority)
    if latest is not None and officers.filter(pk=latest.decision.officer_id).exists():
        return latest.decision.officer
    return officers.first()


@login_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer's task: the accredited and requested values side by side, approve or refuse with a reason."""
    task = Task.objects.filter(
        Q(pk=pk, owner=request.user, flow_task_type="HUMAN"), process__flow_class=IdentityChangeFlow
    ).first()
    if task is None or task.flow_task is not IdentityChangeFlow.decide_identity_change:
        raise Http404
    if not task.flow_task.can_open(request.user, task):
        raise Http404
    change = change_of(task)
    if task.status != STATUS.ASSIGNED:
        messages.info(request, _("This task has already been completed; nothing more is needed from you here."))
        return redirect("accreditation:tasks")
    form = IdentityChangeDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["outcome"] == "approve"
        service = services.approve_identity_change if approve else services.refuse_identity_change
        try:
            complete_task(
                task=task,
                user=request.user,
                action=lambda: service(change=change, reason=form.cleaned_data["reason"], by=request.user),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        except (TaskUnavailable, PermissionDenied):
            messages.warning(
                request, _("This task was already completed (perhaps in another tab); nothing was changed.")
            )
            return redirect("accreditation:tasks")
        else:
            done = (
                _("The new identity of %(provider)s is on the register.")
                if approve
                else _("The identity change of %(provider)s is refused; its staff are told why.")
            )
            messages.success(request, done % {"provider": change.new_values.get("legal_name", change.provider)})
            return redirect("accreditation:tasks")
    entries = change.provider.register_entries.order_by("-published_at")
    return render(
        request,
        "process/identity_decide.html",
        {"task": task, "change": change, "form": form, "entries": entries},
    )


class IdentityChangeFlow(flow.Flow):
    process_class = IdentityChangeProcess
    lock_impl = lock.SelectForUpdateLock(nowait=False)
    process_title = gettext_lazy("Change of a provider's identity")

    start = flow.StartHandle(this.start_process).Next(this.decide_identity_change)
    decide_identity_change = (
        OfficerTask(decide)
        .Annotation(title=gettext_lazy("Approve or refuse a change of a provider's identity"))
        .Assign(deciding_officer)
        .Next(this.decided)
    )
    decided = flow.End()

    def start_process(self, activation, *, change: IdentityChangeRequest):
        activation.process.save()
        IdentityChangeRequest.objects.filter(pk=change.pk).update(process=activation.process)
        change.process = activation.process
        return activation.process


@services.on_request
def start_identity_change(change: IdentityChangeRequest) -> None:
    IdentityChangeFlow.start.run(change=change)


urlpatterns = [
    path("tasks/<int:pk>/decide-identity-change/", decide, name="task-decide-identity-change"),
]
