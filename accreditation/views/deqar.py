"""The coordinator's DEQAR page: each decision of their agency, what was sent to DEQAR and what DEQAR said."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.site import site_url
from reports import deqar as builder

from .. import deqar
from ..access import agencies_coordinated_by
from ..models import DeqarSubmission


def _agency(request: HttpRequest, pk: int):
    return get_object_or_404(agencies_coordinated_by(request.user), pk=pk)


@login_required
def deqar_reports(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _agency(request, pk)
    site = site_url(request)
    rows = []
    for decision in deqar.decisions().filter(application__agency=agency):
        result = builder.build_report(deqar.report_data(decision, site))
        submission = DeqarSubmission.objects.filter(decision=decision).first()
        rows.append({"decision": decision, "result": result, "submission": submission})
    return render(
        request,
        "accreditation/deqar_reports.html",
        {"agency": agency, "rows": rows, "configured": bool(settings.DEQAR_SUBMISSION_URL and agency.deqar_token)},
    )


@login_required
@require_POST
def deqar_send(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _agency(request, pk)
    if not (settings.DEQAR_SUBMISSION_URL and agency.deqar_token):
        raise Http404
    submissions = deqar.submit_agency(agency, site=site_url(request))
    accepted = sum(s.state == DeqarSubmission.State.ACCEPTED for s in submissions)
    messages.info(
        request,
        _("%(accepted)s of %(total)s reports are accepted by DEQAR.")
        % {"accepted": accepted, "total": len(submissions)},
    )
    return redirect("accreditation:deqar-reports", agency.pk)


urlpatterns = [
    path("agency/<int:pk>/deqar/", deqar_reports, name="deqar-reports"),
    path("agency/<int:pk>/deqar/send/", deqar_send, name="deqar-send"),
]
