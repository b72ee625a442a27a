"""The reviewer's workspace: their invitations and reviews, and a submitted review read back. The review task
itself (answer the invitation, judge, submit) is a step of the flow: process/views/review.py."""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from accreditation.models import Role
from accreditation.roles import roles_of
from frameworks.models import ScaleValue

from ..access import seats_of
from ..models import Review


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


urlpatterns = [path("reviews/", home, name="home")]
