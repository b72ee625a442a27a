"""The reviewer's workspace: invitations and reviews; the review task itself (answer the invitation, then judge
each standard and each micro-credential, save drafts, submit)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews import services
from reviews.forms import InvitationForm, ReviewForm
from reviews.models import PanelMember
from reviews.views.review import scale_values_for

from ..task_views import finish, task_view


def _findings(versions) -> list:
    from frameworks import alignment

    return [(version, alignment.check_specification(version)) for version in versions]


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
    """The review page: the invitation while it is unanswered, then the review form; posting it saves a draft."""
    return _review(request, task, application, submit=False)


@task_view(part_of=review_task)
@require_POST
def review_submit(request: HttpRequest, task, application) -> HttpResponse:
    """The review form's "Submit" button posts here: save the review, then submit it and complete the task."""
    return _review(request, task, application, submit=True)


def _review(request: HttpRequest, task, application, *, submit: bool) -> HttpResponse:
    # The seat named in the task's data is looked up among the seats this person may see; the review node has
    # already checked that it is their own (or, once declined, their agency's vacancy).
    member = get_object_or_404(
        PanelMember.objects.visible_to(request.user).select_related("panel"),
        pk=task.data.get("member"),
        panel__application=application,
    )
    if member.status == PanelMember.Status.INVITED:
        if submit:  # the invitation is answered first, on the review page
            return redirect("process:task-review", task.pk)
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
            if not submit:
                messages.success(request, _("Your draft review is saved. You can come back to it at any time."))
                return redirect("process:task-review", task.pk)
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
        "process/accreditation/review.html",
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
                return redirect("process:task-review", task.pk)
            messages.info(request, _("You declined; the coordinator will appoint someone else."))
            return redirect("reviews:home")
    return render(
        request,
        "process/accreditation/invitation.html",
        {"task": task, "application": application, "member": member, "form": form},
    )


urlpatterns = [path("tasks/<int:pk>/review/submit/", review_submit, name="task-review-submit")]
