"""The agency's and the authority's workspaces: their queues of applications."""

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy

from .. import access
from ..models import Application, RegisterEntry, Role
from ..models.register import EntryStatus
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


EXPIRING_WITHIN = datetime.timedelta(days=180)
ENTRY_FILTERS = {
    "current": Q(effective_status__in=[EntryStatus.ACTIVE, EntryStatus.SUSPENDED]),
    "expiring": Q(effective_status=EntryStatus.ACTIVE),  # narrowed to the coming months below
    "suspended": Q(effective_status=EntryStatus.SUSPENDED),
    "all": Q(),
}

ENTRY_CHOICES = [
    ("current", gettext_lazy("current")),
    ("expiring", gettext_lazy("ending within six months")),
    ("suspended", gettext_lazy("suspended")),
    ("all", gettext_lazy("all, with withdrawn and expired")),
]


def _register_entries(request: HttpRequest) -> dict:
    """The register entries of the officer's authorities, soonest ending first, those ending within six months
    marked; `?entries=` narrows them (current by default)."""
    today = timezone.localdate()
    soon = today + EXPIRING_WITHIN
    shown = request.GET.get("entries", "current")
    if shown not in ENTRY_FILTERS:
        shown = "current"
    entries = (
        RegisterEntry.objects.manageable_by(request.user)
        .with_effective_status()
        .filter(ENTRY_FILTERS[shown])
        .select_related("provider")
        .order_by("valid_until", "provider__legal_name", "pk")
    )
    if shown == "expiring":
        entries = entries.filter(valid_until__lte=soon)
    entries = list(entries[:200])
    for entry in entries:
        entry.expiring_soon = entry.effective_status == EntryStatus.ACTIVE and entry.valid_until <= soon
        entry.days_left = (entry.valid_until - today).days
    return {"entries": entries, "entries_shown": shown, "entry_choices": ENTRY_CHOICES}


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
            **_register_entries(request),
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
