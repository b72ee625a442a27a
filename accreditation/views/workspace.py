"""The agency's and the authority's workspaces: their queues of applications."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from .. import access
from ..models import Application, Role
from ..roles import roles_of


def _queue(applications):
    return applications.select_related("provider", "coordinator", "officer").order_by("-submitted_at")


@login_required
def agency_home(request: HttpRequest) -> HttpResponse:
    """A coordinator's agency queue: submitted applications of their agency by status."""
    if Role.COORDINATOR not in roles_of(request.user):
        raise Http404
    agencies = access.agencies_coordinated_by(request.user)
    applications = _queue(
        Application.objects.visible_to(request.user).filter(agency__in=agencies).exclude(status="draft")
    )
    status = request.GET.get("status", "")
    if status in Application.Status.values:
        applications = applications.filter(status=status)
    return render(
        request,
        "accreditation/agency_home.html",
        {
            "agencies": agencies,
            "applications": applications[:200],
            "status": status,
            "statuses": [(value, label) for value, label in Application.Status.choices if value != "draft"],
        },
    )


@login_required
def authority_home(request: HttpRequest) -> HttpResponse:
    """An officer's queue: applications of their jurisdiction awaiting decision, and the decided ones."""
    if Role.OFFICER not in roles_of(request.user):
        raise Http404
    authorities = access.authorities_of(request.user)
    visible = Application.objects.visible_to(request.user).filter(authority__in=authorities)
    return render(
        request,
        "accreditation/authority_home.html",
        {
            "authorities": authorities,
            "awaiting": _queue(visible.awaiting_decision()),
            "decided": _queue(visible.filter(status__in=Application.CLOSED_STATUSES))[:100],
            "in_progress": _queue(visible.exclude(status__in=[*Application.CLOSED_STATUSES, "draft", "decision"]))[
                :100
            ],
        },
    )


urlpatterns = [
    path("agency/", agency_home, name="agency-home"),
    path("authority/", authority_home, name="authority-home"),
]
