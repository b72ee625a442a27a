"""The authority officer's step: the decision."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accreditation.forms.steps import DecisionForm
from accreditation.models import Decision, IssuedDocument
from accreditation.services import applications as services
from accreditation.views.confirm import confirmation_page, is_confirmed, is_going_back

from ..task_views import finish, task_view

# What each outcome sets in motion, said on the confirmation page before the decision is recorded.
DECISION_CONSEQUENCES = {
    Decision.Outcome.ACCREDIT: gettext_lazy(
        "The provider and the micro-credentials in scope are published on the public register at once, and the "
        "certificate and decision letter are issued. The decision cannot be changed afterwards."
    ),
    Decision.Outcome.ACCREDIT_WITH_CONDITIONS: gettext_lazy(
        "The provider is published on the public register with these conditions, and the certificate and decision "
        "letter are issued. The decision cannot be changed afterwards."
    ),
    Decision.Outcome.REFUSE: gettext_lazy(
        "The process ends and the provider receives the decision letter; the appeal period opens. The decision "
        "cannot be changed afterwards."
    ),
    Decision.Outcome.SEND_BACK: gettext_lazy(
        "The application goes back to the agency's coordinator with your reasons, for the consolidation to be revised."
    ),
}


def _confirm_decision(request, application, data) -> HttpResponse:
    outcome = Decision.Outcome(data["outcome"])
    facts = [(_("Decision"), outcome.label)]
    if data.get("conditions"):
        facts.append((_("Conditions"), data["conditions"]))
    if data.get("valid_from") or data.get("valid_until"):
        facts.append((_("Validity"), f"{data.get('valid_from') or '—'} – {data.get('valid_until') or '—'}"))
    facts.append((_("Reasons"), data["rationale"]))
    return confirmation_page(
        request,
        title=_("Record this decision on %(reference)s?") % {"reference": application.reference},
        facts=facts,
        consequences=[DECISION_CONSEQUENCES[outcome]],
        confirm_label=_("Record the decision"),
    )


@task_view
def decide(request: HttpRequest, task, application) -> HttpResponse:
    consolidation = getattr(getattr(application, "panel", None), "consolidation", None)
    initial = {}
    if consolidation is not None and consolidation.recommendation:
        initial = {"outcome": consolidation.recommendation, "conditions": consolidation.conditions}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and not is_going_back(request):
        data = form.cleaned_data
        if not is_confirmed(request):
            return _confirm_decision(request, application, data)
        done = finish(
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
        "process/accreditation/decide.html",
        {
            "task": task,
            "application": application,
            "form": form,
            "consolidation": consolidation,
            "report": application.documents.filter(kind=IssuedDocument.Kind.FINAL_REPORT).order_by("-version").first(),
            "earlier": application.decisions.filter(outcome=Decision.Outcome.SEND_BACK),
        },
    )
