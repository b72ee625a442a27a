"""The task pages of the conditions follow-up (the flow is process/conditions.py): the provider reports, the
coordinator assesses, the authority officer decides on a condition not met. Each page is found only among the
signed-in person's own tasks of that node, and the node's predicate (from accreditation/access.py) decides."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accreditation.forms.conditions import ConditionAssessmentForm, ConditionDecisionForm, ConditionReportForm
from accreditation.models import Condition
from accreditation.services import conditions as services
from accreditation.services.tasks import TaskUnavailable, complete_task
from accreditation.views.confirm import confirmation_page, is_confirmed, is_going_back


def due_dates():
    """Subquery: a human task is due when its timer boundary is scheduled."""
    return Subquery(
        Task.objects.filter(previous=OuterRef("pk"), flow_task_type="TIMER")
        .order_by("scheduled")
        .values("scheduled")[:1]
    )


def condition_of(task) -> Condition:
    return Condition.objects.select_related("entry__provider", "entry__application", "entry__agency").get(
        process_id=task.process_id
    )


def condition_task(view: Callable) -> Callable:
    """The signed-in person's open task of the node that names this view, with its condition; anything else is a
    404, and a task already done sends its owner back to their tasks with a plain message."""

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
        task = Task.objects.annotate(due=due_dates()).filter(pk=pk, owner=request.user, flow_task_type="HUMAN").first()
        if task is None or task.flow_task is None or getattr(task.flow_task, "_view", None) is not guarded:
            raise Http404
        if not task.flow_task.can_open(request.user, task):
            raise Http404
        if task.status != STATUS.ASSIGNED:
            messages.info(request, _("This task has already been completed; nothing more is needed from you here."))
            return redirect("accreditation:tasks")
        return view(request, task, condition_of(task))

    guarded = login_required(wrapper)
    return guarded


def _finish(request, *, task, form, action: Callable[[], object], done_message: str) -> HttpResponse | None:
    """Run the service and complete the task once; None (errors on the form, what was typed kept) otherwise."""
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
    except (TaskUnavailable, PermissionDenied):
        messages.warning(request, _("This task was already completed (perhaps in another tab); nothing was changed."))
        return redirect("accreditation:tasks")
    messages.success(request, done_message)
    return redirect("accreditation:tasks")


def _page(request, template: str, task, condition, form, **extra) -> HttpResponse:
    context = {
        "task": task,
        "condition": condition,
        "entry": condition.entry,
        "reports": condition.reports.select_related("submitted_by", "assessed_by").prefetch_related("documents"),
        "form": form,
        "today": timezone.localdate(),
        **extra,
    }
    return render(request, template, context, status=400 if form.errors else 200)


@condition_task
def report(request: HttpRequest, task, condition: Condition) -> HttpResponse:
    """The provider's report on a condition, with evidence files."""
    form = ConditionReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            done = _finish(
                request,
                task=task,
                form=form,
                action=lambda: services.report_on_condition(
                    condition=condition,
                    text=form.cleaned_data["text"],
                    files=form.cleaned_data["files"],
                    by=request.user,
                ),
                done_message=_("Your report on condition %(number)s is sent to the agency.")
                % {"number": condition.number},
            )
            if done:
                return done
        if request.FILES:
            form.add_error(None, _("Your text is kept; choose the files again before sending."))
    return _page(request, "process/conditions/report.html", task, condition, form)


@condition_task
def assess(request: HttpRequest, task, condition: Condition) -> HttpResponse:
    """The coordinator's assessment of the provider's waiting report."""
    form = ConditionAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _finish(
            request,
            task=task,
            form=form,
            action=lambda: services.assess_condition_report(
                condition=condition,
                assessment=form.cleaned_data["assessment"],
                note=form.cleaned_data["note"],
                by=request.user,
            ),
            done_message=_("Your assessment of condition %(number)s is recorded; the provider is told.")
            % {"number": condition.number},
        )
        if done:
            return done
    waiting = condition.reports.filter(assessment="").prefetch_related("documents").first()
    return _page(request, "process/conditions/assess.html", task, condition, form, waiting=waiting)


@condition_task
def decide(request: HttpRequest, task, condition: Condition) -> HttpResponse:
    """The authority officer's decision on a condition not met: extend, suspend (with dates) or withdraw."""
    form = ConditionDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not is_going_back(request):
        data = form.cleaned_data
        if data["decision"] == services.AuthorityDecision.WITHDRAW and not is_confirmed(request):
            return confirmation_page(
                request,
                title=_("Withdraw the entry %(certificate)s of %(provider)s?")
                % {"certificate": condition.entry.certificate_id, "provider": condition.entry.provider.legal_name},
                facts=[(_("Reason, shown on the public register"), data["reason"])],
                consequences=[
                    _(
                        "A withdrawal is final: the register shows the entry as withdrawn from today, its "
                        "certificate no longer verifies, and it cannot be reinstated."
                    )
                ],
                confirm_label=_("Withdraw the entry"),
            )
        done = _finish(
            request,
            task=task,
            form=form,
            action=lambda: services.decide_on_condition(
                condition=condition,
                decision=data["decision"],
                reason=data["reason"],
                due_on=data.get("due_on"),
                suspend_from=data.get("suspend_from"),
                suspend_until=data.get("suspend_until"),
                by=request.user,
            ),
            done_message=_("Your decision on condition %(number)s is recorded; the provider is told.")
            % {"number": condition.number},
        )
        if done:
            return done
    return _page(request, "process/conditions/decide.html", task, condition, form)
