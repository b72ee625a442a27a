"""The authority officer's step: the decision."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from ..forms.steps import DecisionForm
from ..models import Decision, IssuedDocument
from ..services import applications as services
from .steps import finish_task, open_task


@login_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    opened = open_task(request, pk, "decide")
    if isinstance(opened, HttpResponse):
        return opened
    task, application = opened
    consolidation = getattr(getattr(application, "panel", None), "consolidation", None)
    initial = {}
    if consolidation is not None and consolidation.recommendation:
        initial = {"outcome": consolidation.recommendation, "conditions": consolidation.conditions}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = finish_task(
            request,
            task=task,
            form=form,
            action=lambda: services.record_decision(
                application=application,
                outcome=data["outcome"],
                rationale=data["rationale"],
                conditions=data["conditions"],
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
                by=request.user,
            ),
            done_message=_("Decision recorded for %(reference)s.") % {"reference": application.reference},
        )
        if done:
            return done
    return render(
        request,
        "accreditation/task_decide.html",
        {
            "task": task,
            "application": application,
            "form": form,
            "consolidation": consolidation,
            "report": application.documents.filter(kind=IssuedDocument.Kind.FINAL_REPORT).order_by("-version").first(),
            "earlier": application.decisions.filter(outcome=Decision.Outcome.SEND_BACK),
        },
    )


urlpatterns = [path("tasks/<int:pk>/decide/", decide, name="task-decide")]
