"""Replacing or chasing a panel member while the reviews are open (the coordinator). Composing the panel and the
site visit are steps of the flow: process/views/panel.py."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accreditation.models import Application

from .. import services
from ..forms import ReplaceMemberForm
from ..models import PanelMember


@login_required
def replace_member(request: HttpRequest, pk: int) -> HttpResponse:
    """Replace a panel member; only coordinators of the application's agency, while reviews are open."""
    member = get_object_or_404(
        PanelMember.objects.manageable_by(request.user)
        .select_related("panel__application", "reviewer")
        .filter(panel__application__status__in=[Application.Status.SITE_VISIT, Application.Status.REVIEW]),
        pk=pk,
    )
    application = member.panel.application
    from ..replacement import rank_replacements
    from ..suggestion import candidates_for, need_for

    candidates = candidates_for(application)
    staying_ids = set(member.panel.members.current().exclude(pk=member.pk).values_list("reviewer_id", flat=True))
    replacements = rank_replacements(
        need=need_for(application),
        candidates=candidates,
        role=member.role,
        ever_seated=set(member.panel.members.values_list("reviewer_id", flat=True)),
        staying=[c for c in candidates if c.user_id in staying_ids],
    )
    form = ReplaceMemberForm(request.POST or None, offered=replacements.offered)
    if request.method == "POST" and form.is_valid():
        new_reviewer = get_user_model().objects.get(pk=form.cleaned_data["reviewer"])
        reasons = {c.user_id: r for c, r in replacements.offered}.get(new_reviewer.pk, ())
        try:
            services.replace_panel_member(
                member=member, seat=services.Seat(new_reviewer, member.role, "", reasons), by=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("%(old)s was replaced by %(new)s, who is invited to review.")
                % {"old": services.person_name(member.reviewer), "new": services.person_name(new_reviewer)},
            )
            return redirect("accreditation:application-detail", application.pk)
    return render(
        request,
        "reviews/member_replace.html",
        {"member": member, "application": application, "form": form, "replacements": replacements},
    )


@login_required
@require_POST
def chase_member(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(
        PanelMember.objects.manageable_by(request.user).select_related("panel__application", "reviewer"),
        pk=pk,
    )
    try:
        services.chase_reviewer(member=member, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("A reminder was sent to %(name)s.") % {"name": services.person_name(member.reviewer)}
        )
    return redirect("accreditation:application-detail", member.panel.application_id)


urlpatterns = [
    path("panel-members/<int:pk>/chase/", chase_member, name="member-chase"),
    path("panel-members/<int:pk>/replace/", replace_member, name="member-replace"),
]
