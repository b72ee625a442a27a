"""All reviews of an application on one printable page, for the coordinator: per standard, every reviewer's
judgement, rationale and evidence side by side; then each reviewer's verdicts on the micro-credentials, their
recommendation and overall assessment. Submitted reviews only (a draft is the reviewer's own until submitted).
Coordinators of the application's agency only; anyone else gets a 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path

from accreditation import access
from accreditation.models import Application

from ..models import AlignmentVerdict, Judgement, Review
from ..services import person_name, standards_of


@login_required
def print_reviews(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.filter(agency__in=access.agencies_coordinated_by(request.user)).select_related(
            "provider", "agency"
        ),
        pk=pk,
    )
    panel = getattr(application, "panel", None)
    if panel is None:
        raise Http404
    reviews = list(
        Review.objects.filter(member__panel=panel, submitted_at__isnull=False)
        .select_related("member__reviewer")
        .order_by("member__role", "member__pk")
    )
    for review in reviews:
        review.reviewer_name = person_name(review.member.reviewer)
    judgements = {
        (j.review_id, j.standard_id): j for j in Judgement.objects.filter(review__in=reviews).select_related("value")
    }
    verdicts = {(v.review_id, v.version_id): v for v in AlignmentVerdict.objects.filter(review__in=reviews)}
    standards = [
        {
            "standard": standard,
            "judgements": [(review, judgements.get((review.pk, standard.pk))) for review in reviews],
        }
        for standard in standards_of(application).order_by("standard_set__code", "ordinal")
    ]
    versions = [
        {"version": version, "verdicts": [(review, verdicts.get((review.pk, version.pk))) for review in reviews]}
        for version in application.submitted_versions.order_by("pk")
    ]
    pending = (
        panel.members.current().exclude(pk__in=[review.member_id for review in reviews]).select_related("reviewer")
    )
    return render(
        request,
        "reviews/print_reviews.html",
        {
            "application": application,
            "reviews": reviews,
            "standards": standards,
            "versions": versions,
            "pending": [person_name(member.reviewer) for member in pending],
        },
    )


urlpatterns = [path("reviews/applications/<int:pk>/print/", print_reviews, name="print-reviews")]
