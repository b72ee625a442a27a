"""Who may see what the reports app serves: background jobs and the scope of the statistics. Issued documents
follow the accreditation app's rule (`accreditation.access.documents_visible_to`, `public_documents`)."""

from django.db.models import Q, QuerySet

from accreditation import access as accreditation_access
from accreditation.models import Membership

from .models import Job


def jobs_visible_to(user) -> QuerySet[Job]:
    """A job is its author's, and only while they still work for the organisation it belongs to."""
    if not user.is_authenticated:
        return Job.objects.none()
    return Job.objects.filter(created_by=user).filter(
        Q(provider__in=Membership.objects.providers_of(user))
        | Q(authority__in=Membership.objects.authorities_of(user))
        | Q(agency__in=Membership.objects.agencies_of(user))
    )


def statistics_scope(user) -> tuple[list, QuerySet]:
    """The organisations whose applications the person may count (their agencies and authorities), and those
    applications; nobody else has statistics."""
    organisations = [*accreditation_access.agencies_coordinated_by(user), *accreditation_access.authorities_of(user)]
    return organisations, accreditation_access.applications_overseen_by(user)
