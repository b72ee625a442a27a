"""The coordinator's consolidation step: one block per standard with the panel's judgements stacked beneath it
(the disagreements first), the panel's consolidated judgement and recommendation, which feed the review report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews import services
from reviews.consolidation import consolidation_matrix, disagreements_first
from reviews.forms import ConsolidationForm
from reviews.models import Consolidation
from reviews.views.review import scale_values_for

from ..task_views import finish, task_view

ONLY_DISAGREEMENTS = "disagreements"


def _initial(consolidation: Consolidation | None, rows) -> dict:
    if consolidation is None:
        # Start from the judgement most reviewers gave where they agree.
        initial = {}
        for row in rows:
            values = [cell.value_id for cell in row.cells if cell is not None]
            if values and not row.disagreement:
                initial[f"value_{row.standard.pk}"] = max(set(values), key=values.count)
        return initial
    initial = {
        "recommendation": consolidation.recommendation,
        "conditions": consolidation.conditions,
        "summary": consolidation.summary,
    }
    for judgement in consolidation.judgements.all():
        initial[f"value_{judgement.standard_id}"] = judgement.value_id
        initial[f"rationale_{judgement.standard_id}"] = judgement.rationale
    return initial


@task_view
def consolidate(request: HttpRequest, task, application) -> HttpResponse:
    """The consolidation page; posting its form saves the consolidation."""
    return _consolidate(request, task, application, complete=False)


@task_view(part_of=consolidate)
@require_POST
def consolidate_complete(request: HttpRequest, task, application) -> HttpResponse:
    """The "Complete" button posts here: save the consolidation, then send the draft report and complete the task."""
    return _consolidate(request, task, application, complete=True)


def _consolidate(request: HttpRequest, task, application, *, complete: bool) -> HttpResponse:
    # The filter is a GET parameter so that it survives a save; the agreed standards stay in the form, folded.
    only_disagreements = request.GET.get("only") == ONLY_DISAGREEMENTS
    panel = application.panel
    standards = list(services.standards_of(application).order_by("standard_set__code", "ordinal"))
    members, rows, disputes = consolidation_matrix(panel, standards)
    consolidation = Consolidation.objects.filter(panel=panel).first()
    form = ConsolidationForm(
        request.POST or None,
        initial=_initial(consolidation, rows),
        standards=standards,
        scale_values=scale_values_for(standards),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consolidation = services.save_consolidation(
                panel=panel,
                judgements=form.judgements(),
                recommendation=data["recommendation"],
                conditions=data["conditions"],
                summary=data["summary"],
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if not complete:
                messages.success(request, _("The consolidation is saved."))
                url = reverse("process:task-consolidate", args=[task.pk])
                return redirect(f"{url}?only={ONLY_DISAGREEMENTS}" if only_disagreements else url)
            done = finish(
                request,
                task=task,
                form=form,
                action=lambda: services.complete_consolidation(consolidation=consolidation, by=request.user),
                done_message=_("The draft report was sent to the provider for comments."),
            )
            if done:
                return done
    return render(
        request,
        "process/accreditation/consolidate.html",
        {
            "task": task,
            "application": application,
            "form": form,
            "members": members,
            "disputes": disputes,
            **_blocks(form, rows, only_disagreements),
        },
    )


def _blocks(form: ConsolidationForm, rows, only_disagreements: bool) -> dict:
    """The standards as blocks of (row, judgement field, rationale field): the disputed ones, then the agreed ones,
    which the filter folds away (still in the form, so a save keeps them)."""
    disputed, agreed = disagreements_first(rows)

    def block(row):
        return row, form[f"value_{row.standard.pk}"], form[f"rationale_{row.standard.pk}"]

    agreed_blocks = [block(row) for row in agreed]
    return {
        "disputed_blocks": [block(row) for row in disputed],
        "agreed_blocks": agreed_blocks,
        "only_disagreements": only_disagreements,
        # The folded group opens by itself when one of its fields needs correcting.
        "agreed_open": not only_disagreements or any(value.errors or note.errors for row, value, note in agreed_blocks),
    }


urlpatterns = [path("tasks/<int:pk>/consolidate/complete/", consolidate_complete, name="task-consolidate-complete")]
