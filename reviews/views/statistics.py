"""The agency's view of its reviewers: workload, timeliness, and how consistently its panels judge."""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from viewflow.workflow.models import Task

from accreditation.access import agencies_coordinated_by
from accreditation.models import Agency, Membership, Role
from accreditation.services.tasks import due_dates

from ..agreement import agency_agreement_periods
from ..models import PanelMember


def reviewer_rows(agency: Agency) -> list[dict]:
    """One row per reviewer of the agency's pool: open and completed reviews, and how many were on time (the
    review task finished before its due date)."""
    pool = (
        Membership.objects.filter(agency=agency, role=Role.REVIEWER)
        .select_related("user")
        .annotate(
            open=Count(
                "user__panel_seats",
                filter=Q(
                    user__panel_seats__panel__agency=agency,
                    user__panel_seats__status__in=[PanelMember.Status.INVITED, PanelMember.Status.ACCEPTED],
                    user__panel_seats__review__submitted_at__isnull=True,
                ),
                distinct=True,
            ),
            completed=Count(
                "user__panel_seats",
                filter=Q(
                    user__panel_seats__panel__agency=agency, user__panel_seats__review__submitted_at__isnull=False
                ),
                distinct=True,
            ),
        )
        .order_by("user__last_name", "user__first_name")
    )
    finished = defaultdict(lambda: [0, 0])
    tasks = (
        # The review tasks: the only human tasks whose data names a panel seat (the flow's review split gives
        # each one its "member"); reviews sit below the process layer and do not import its flow.
        Task.objects.filter(
            flow_task_type="HUMAN",
            data__has_key="member",
            process__application__agency=agency,
            finished__isnull=False,
        )
        .annotate(due=due_dates())
        .values_list("owner_id", "finished", "due", "status")
    )
    for owner_id, finished_at, due, status in tasks:
        if status != "DONE":
            continue
        finished[owner_id][0] += 1
        if due is None or finished_at <= due:
            finished[owner_id][1] += 1
    rows = []
    for membership in pool:
        done, on_time = finished[membership.user_id]
        rows.append(
            {
                "name": membership.user.get_full_name() or membership.user.get_username(),
                "open": membership.open,
                "completed": membership.completed,
                "on_time": on_time,
                "on_time_share": round(100 * on_time / done) if done else None,
            }
        )
    return rows


@login_required
def reviewer_statistics(request: HttpRequest) -> HttpResponse:
    agencies = list(agencies_coordinated_by(request.user))
    if not agencies:
        raise Http404
    return render(
        request,
        "reviews/reviewer_statistics.html",
        {"sections": [(agency, reviewer_rows(agency), agency_agreement_periods(agency)) for agency in agencies]},
    )


urlpatterns = [path("agency/reviewers/", reviewer_statistics, name="reviewer-statistics")]
