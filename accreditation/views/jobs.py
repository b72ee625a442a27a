"""What a job's outcome lets one do next, and jobs the domain starts: confirming a checked catalogue (its import
then runs in the background) and reissuing an authority's certificates. The job's own page is jobs.views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobs.views import job_of

from ..access import authorities_of
from ..services.background import start_certificate_reissue
from ..services.catalogue_import import ImportRefused, confirm_catalogue_import
from .confirm import confirmation_page, is_confirmed, is_going_back


@login_required
@require_POST
def reissue_certificates(request: HttpRequest) -> HttpResponse:
    """An officer reissues the certificates of their authority's current entries, in the background."""
    authority = authorities_of(request.user).order_by("pk").first()
    if authority is None:
        raise Http404
    if is_going_back(request):
        return redirect("accreditation:authority-home")
    if not is_confirmed(request):
        return confirmation_page(
            request,
            title=_("Reissue the certificates of all current entries of %(authority)s?") % {"authority": authority},
            consequences=[
                _(
                    "Every current entry gets a new certificate version, built in the background; the versions "
                    "already issued stay as they are, and this cannot be undone."
                )
            ],
            confirm_label=_("Reissue all certificates"),
        )
    job = start_certificate_reissue(authority=authority, by=request.user)
    return redirect("jobs:job", job.pk)


@login_required
@require_POST
def job_import(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_of(request, pk)
    try:
        confirm_catalogue_import(job=job, by=request.user)
    except ImportRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.info(request, _("The import has started; this page shows its progress."))
    return redirect("jobs:job", job.pk)


urlpatterns = [
    path("authority/certificates/reissue/", reissue_certificates, name="reissue-certificates"),
    path("jobs/<int:pk>/import/", job_import, name="job-import"),
]
