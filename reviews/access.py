"""Who may see and act on panels, seats and reviews: derived from the application's visibility
(`accreditation.access`), with a reviewer's rights on one application held as guardian object permissions that
`reviews.services` grants on joining its panel and revokes on leaving it.
"""

from django.db.models import Q, QuerySet

from accreditation import access as accreditation_access
from accreditation.models import Membership

from .models import PanelMember, Review


def seats_of(user) -> QuerySet[PanelMember]:
    """The person's own seats on panels, past ones included (their invitations and reviews)."""
    if not user.is_authenticated:
        return PanelMember.objects.none()
    return PanelMember.objects.filter(reviewer=user)


def panel_members_visible_to(user, members: QuerySet | None = None) -> QuerySet[PanelMember]:
    """Seats of applications the person may see: their own, and every seat of the panels their agency runs."""
    members = PanelMember.objects.all() if members is None else members
    if not user.is_authenticated:
        return members.none()
    return members.filter(panel__application__in=accreditation_access.applications_visible_to(user)).filter(
        Q(reviewer=user) | Q(panel__agency__in=Membership.objects.agencies_of(user))
    )


def panel_members_manageable_by(user, members: QuerySet | None = None) -> QuerySet[PanelMember]:
    """Seats a coordinator may chase or replace: those of their agency's panels."""
    members = PanelMember.objects.all() if members is None else members
    if not user.is_authenticated:
        return members.none()
    return members.filter(
        panel__agency__in=Membership.objects.agencies_of(user),
        panel__application__in=accreditation_access.applications_visible_to(user),
    )


def reviews_visible_to(user, reviews: QuerySet | None = None) -> QuerySet[Review]:
    """A review is seen by its author and by the coordinators of the agency, like the seat it belongs to."""
    reviews = Review.objects.all() if reviews is None else reviews
    return reviews.filter(member__in=panel_members_visible_to(user))


def seat_of_task(task) -> PanelMember | None:
    """The seat a review task stands for (named in the task's data when the split opened it)."""
    member_id = (task.data or {}).get("member")
    if not isinstance(member_id, int):
        return None
    return (
        PanelMember.objects.select_related("panel")
        .filter(pk=member_id, panel__application__process_id=task.process_id)
        .first()
    )


def may_review(user, task) -> bool:
    """The review task's seat is the person's own and they hold `review_application` on the application."""
    seat = seat_of_task(task)
    return (
        seat is not None
        and seat.reviewer_id == user.pk
        and accreditation_access.may_review(user, seat.panel.application)
    )


def may_open_review_task(user, task) -> bool:
    """Its reviewer opens a review task; so does the coordinator it passed to when the reviewer declined, to
    appoint a replacement (they can never complete it: only `may_review` does that)."""
    if may_review(user, task):
        return True
    seat = seat_of_task(task)
    return (
        seat is not None
        and seat.status == PanelMember.Status.DECLINED
        and accreditation_access.may_coordinate(user, seat.panel.application)
    )
