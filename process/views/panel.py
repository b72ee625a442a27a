"""The coordinator's panel steps: compose the panel (from the system's suggestion), hold the site visit, and
replace a reviewer who declined or is overdue."""

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from reviews import services
from reviews.forms import PanelForm, SiteVisitForm

from ..task_views import finish, task_view


def _seats(form: PanelForm, candidates) -> list[services.Seat]:
    users = get_user_model().objects.in_bulk([user_id for user_id, _role, _just in form.chosen()])
    reasons = {c.user_id: c for c in candidates}
    return [
        services.Seat(users[user_id], role, justification, getattr(reasons.get(user_id), "reasons", ()))
        for user_id, role, justification in form.chosen()
    ]


@task_view
def compose_panel(request: HttpRequest, task, application) -> HttpResponse:
    from reviews.suggestion import candidates_for, need_for, suggest_panel

    candidates = candidates_for(application)
    suggestion = suggest_panel(need_for(application), candidates)
    suggested = {member.user_id: member for member in suggestion.members}
    form = PanelForm(
        request.POST or None,
        candidates=candidates,
        initial_roles={user_id: member.role for user_id, member in suggested.items()},
    )
    if request.method == "POST" and form.is_valid():
        done = finish(
            request,
            task=task,
            form=form,
            action=lambda: services.compose_panel(
                application=application, seats=_seats(form, candidates), by=request.user
            ),
            done_message=_("The panel of %(reference)s is composed and the reviewers are invited.")
            % {"reference": application.reference},
        )
        if done:
            return done
    return render(
        request,
        "process/accreditation/compose_panel.html",
        {"task": task, "application": application, "form": form, "suggestion": suggestion, "suggested": suggested},
    )


@task_view
def site_visit(request: HttpRequest, task, application) -> HttpResponse:
    panel = application.panel
    form = SiteVisitForm(request.POST or None, instance=panel)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = finish(
            request,
            task=task,
            form=form,
            action=lambda: services.record_site_visit(
                panel=panel,
                visited_on=data["site_visit_on"],
                mode=data["site_visit_mode"],
                notes=data["site_visit_notes"],
                by=request.user,
            ),
            done_message=_("The site visit is recorded; the reviews can start."),
        )
        if done:
            return done
    return render(
        request, "process/accreditation/site_visit.html", {"task": task, "application": application, "form": form}
    )
