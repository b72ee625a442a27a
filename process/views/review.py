"""The reviewer's workspace: invitations and reviews; the review task itself (answer the invitation, then judge
each standard and each micro-credential, save drafts, submit)."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from accreditation.models import Role
from accreditation.roles import roles_of
from frameworks.models import ScaleValue
from process.task_views import finish, task_view

from .. import services
from ..access import seats_of
from ..forms import InvitationForm, ReviewForm
from ..models import PanelMember, Review


def _findings(versions) -> list:
    from frameworks import alignment

    return [(version, alignment.check_specification(version)) for version in versions]


def scale_values_for(standards) -> dict[int, list[ScaleValue]]:
    values = defaultdict(list)
    scale_ids = {standard.standard_set.scale_id for standard in standards}
    for value in ScaleValue.objects.filter(scale_id__in=scale_ids).order_by("rank"):
        values[value.scale_id].append(value)
    return values


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if Role.REVIEWER not in roles_of(request.user):
        raise Http404
    seats = seats_of(request.user).select_related("panel__application__provider", "review").order_by("-invited_at")
    return render(request, "reviews/home.html", {"seats": seats, "shown": _own_submitted_review(request)})


def _own_submitted_review(request: HttpRequest) -> Review | None:
    """The reviewer's own submitted review chosen with ?review=<id>, read-only; anything else is a 404."""
    chosen = request.GET.get("review")
    if chosen is None:
        return None
    if not chosen.isdigit():
        raise Http404
    review = (
        Review.objects.visible_to(request.user)
        .submitted()
        .filter(member__reviewer=request.user, pk=int(chosen))
        .select_related("member__panel__application__provider")
        .prefetch_related("judgements__standard", "judgements__value", "verdicts__version")
        .first()
    )
    if review is None:
        raise Http404
    return review


def _initial(review) -> dict:
    initial = {"recommendation": review.recommendation, "summary": review.summary}
    for judgement in review.judgements.all():
        initial[f"value_{judgement.standard_id}"] = judgement.value_id
        initial[f"rationale_{judgement.standard_id}"] = judgement.rationale
        initial[f"evidence_{judgement.standard_id}"] = judgement.evidence
    for verdict in review.verdicts.all():
        initial[f"level_{verdict.version_id}"] = "yes" if verdict.level_confirmed else "no"
        initial[f"workload_{verdict.version_id}"] = "yes" if verdict.workload_confirmed else "no"
        initial[f"reason_{verdict.version_id}"] = verdict.reason
    return initial


@task_view
def review_task(request: HttpRequest, task, application) -> HttpResponse:
    # The seat named in the task's data is looked up among the seats this person may see; the review node has
    # already checked that it is their own (or, once declined, their agency's vacancy).
    member = get_object_or_404(
        PanelMember.objects.visible_to(request.user).select_related("panel"),
        pk=task.data.get("member"),
        panel__application=application,
    )
    if member.status == PanelMember.Status.INVITED:
        return _invitation(request, task, application, member)
    if member.status != PanelMember.Status.ACCEPTED:
        # A declined seat's task sits with the coordinator until they appoint a replacement.
        messages.info(
            request,
            _("%(name)s declined: choose a replacement reviewer.") % {"name": services.person_name(member.reviewer)},
        )
        return redirect("reviews:member-replace", member.pk)
    review = services.review_for(member)
    standards = list(services.standards_of(application).order_by("standard_set__code", "ordinal"))
    versions = list(application.submitted_versions.select_related("nqf_level__referencing", "nqf_level__framework"))
    form = ReviewForm(
        request.POST or None,
        initial=_initial(review),
        standards=standards,
        versions=versions,
        scale_values=scale_values_for(standards),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_review(
                review=review,
                judgements=form.judgements(),
                verdicts=form.verdicts(),
                recommendation=form.cleaned_data["recommendation"],
                summary=form.cleaned_data["summary"],
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if "submit" not in request.POST:
                messages.success(request, _("Your draft review is saved. You can come back to it at any time."))
                return redirect("reviews:task-review", task.pk)
            done = finish(
                request,
                task=task,
                form=form,
                action=lambda: services.submit_review(review=review, by=request.user),
                done_message=_("Your review is submitted. Thank you."),
            )
            if done:
                return done
    return render(
        request,
        "reviews/task_review.html",
        {
            "task": task,
            "application": application,
            "member": member,
            "form": form,
            "findings": _findings(versions),
            "evidence": application.evidence.all(),
        },
    )


def _invitation(request, task, application, member) -> HttpResponse:
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["answer"] in ("accept", "accept_declaring")
        try:
            services.respond_to_invitation(
                member=member, accept=accept, declaration=form.cleaned_data["declaration"], by=request.user
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field, errors)
            else:
                form.add_error(None, error)
        else:
            if accept:
                messages.success(request, _("Thank you for accepting. You can now write your review."))
                return redirect("reviews:task-review", task.pk)
            messages.info(request, _("You declined; the coordinator will appoint someone else."))
            return redirect("reviews:home")
    return render(
        request,
        "reviews/task_invitation.html",
        {"task": task, "application": application, "member": member, "form": form},
    )


urlpatterns = [
    path("reviews/", home, name="home"),
    path("tasks/<int:pk>/review/", review_task, name="task-review"),
]
