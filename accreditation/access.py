"""Who may see and act on what in the accreditation app: the one home of these rules.

Memberships give a person their organisations (provider staff, agency coordinators, authority officers); an
object permission held through django-guardian gives a reviewer an application (granted and revoked only by
`reviews.services` when they join or leave its panel). Everything else derives from the application: evidence
and issued documents are visible exactly when their application is, minus the draft report for the authority.
Views take their querysets from here (through `Model.objects.visible_to(user)`), so a hidden object is a 404;
the flow's nodes ask the `may_*` predicates below.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from jobs.models import Job

from .models import (
    Agency,
    Application,
    ApplicationUserObjectPermission,
    Authority,
    Condition,
    Decision,
    EvidenceDocument,
    IssuedDocument,
    Membership,
    MicroCredential,
    Provider,
    RegisterEntry,
)
from .permissions import REVIEW_APPLICATION_CODENAME, VIEW_APPLICATION_CODENAME


def providers_of(user) -> QuerySet[Provider]:
    """The providers the person works for as staff."""
    if not user.is_authenticated:
        return Provider.objects.none()
    return Provider.objects.filter(pk__in=Membership.objects.providers_of(user))


def agencies_coordinated_by(user) -> QuerySet[Agency]:
    if not user.is_authenticated:
        return Agency.objects.none()
    return Agency.objects.filter(pk__in=Membership.objects.agencies_of(user))


def authorities_of(user) -> QuerySet[Authority]:
    """The authorities the person is an officer of."""
    if not user.is_authenticated:
        return Authority.objects.none()
    return Authority.objects.filter(pk__in=Membership.objects.authorities_of(user))


def _granted(user, codename: str):
    """Subquery: a guardian object permission `codename` held by the user on the outer application."""
    return ApplicationUserObjectPermission.objects.filter(
        user=user,
        content_object=OuterRef("pk"),
        permission__codename=codename,
        permission__content_type__app_label="accreditation",
    )


def _as_provider(user) -> Q:
    return Q(provider__in=Membership.objects.providers_of(user))


def _as_agency(user) -> Q:
    return ~Q(status=Application.Status.DRAFT) & Q(agency__in=Membership.objects.agencies_of(user))


def _as_authority(user) -> Q:
    return ~Q(status=Application.Status.DRAFT) & Q(authority__in=Membership.objects.authorities_of(user))


def _as_panel_member(user) -> Q:
    return Q(Exists(_granted(user, VIEW_APPLICATION_CODENAME)))


def applications_visible_to(user, applications: QuerySet | None = None) -> QuerySet[Application]:
    """Their provider's applications (drafts too); once submitted, their agency's and their authority's; and
    those whose panel they sit on (guardian's `view_application`)."""
    applications = Application.objects.all() if applications is None else applications
    if not user.is_authenticated:
        return applications.none()
    return applications.filter(_as_provider(user) | _as_agency(user) | _as_authority(user) | _as_panel_member(user))


def applications_prepared_by(user) -> QuerySet[Application]:
    """Applications the person takes part in as provider, agency or panel: those whose draft report they read.
    The authority decides on the final report only, so being its officer does not count here."""
    if not user.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(_as_provider(user) | _as_agency(user) | _as_panel_member(user))


def applications_overseen_by(user) -> QuerySet[Application]:
    """Submitted applications of the agencies the person coordinates for and the authorities they are an officer
    of: what their statistics count (a provider's drafts are nobody else's business)."""
    if not user.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(_as_agency(user) | _as_authority(user))


def applications_manageable_by(user) -> QuerySet[Application]:
    """Applications the person may edit as their provider's staff (drafts; later steps are tasks)."""
    if not user.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(_as_provider(user))


def evidence_visible_to(user, evidence: QuerySet | None = None) -> QuerySet[EvidenceDocument]:
    evidence = EvidenceDocument.objects.all() if evidence is None else evidence
    return evidence.filter(application__in=applications_visible_to(user))


def documents_visible_to(user, documents: QuerySet | None = None) -> QuerySet[IssuedDocument]:
    """Issued documents of the applications the person may see; the draft report only to those preparing it."""
    documents = IssuedDocument.objects.all() if documents is None else documents
    return documents.filter(application__in=applications_visible_to(user)).filter(
        ~Q(kind=IssuedDocument.Kind.DRAFT_REPORT) | Q(application__in=applications_prepared_by(user))
    )


def public_documents() -> QuerySet[IssuedDocument]:
    """For anyone: the final report and decision letter of every decided application, accredited or refused
    (ESG 2.6 asks that full reports be published whatever the outcome, the decision with them), and the
    certificate of a published accreditation; never a draft report, nor anything before the final decision."""
    decided = Decision.objects.final().values("application")
    return IssuedDocument.objects.filter(
        Q(kind__in=(IssuedDocument.Kind.FINAL_REPORT, IssuedDocument.Kind.DECISION_LETTER), application__in=decided)
        | Q(kind=IssuedDocument.Kind.CERTIFICATE, application__register_entry__isnull=False)
    )


def micro_credentials_visible_to(user, credentials: QuerySet | None = None) -> QuerySet[MicroCredential]:
    """A provider's catalogue is its staff's to see and edit."""
    credentials = MicroCredential.objects.all() if credentials is None else credentials
    if not user.is_authenticated:
        return credentials.none()
    return credentials.filter(provider__in=Membership.objects.providers_of(user))


def entries_manageable_by(user) -> QuerySet[RegisterEntry]:
    """Register entries an officer may suspend, reinstate or withdraw: those of their authority."""
    if not user.is_authenticated:
        return RegisterEntry.objects.none()
    return RegisterEntry.objects.filter(authority__in=Membership.objects.authorities_of(user))


def jobs_visible_to(user) -> QuerySet[Job]:
    """A background job is its author's, and only while they still work for the organisation it belongs to
    (registered as the jobs app's rule when the app starts)."""
    if not user.is_authenticated:
        return Job.objects.none()
    return Job.objects.filter(created_by=user).filter(
        Q(provider__in=Membership.objects.providers_of(user))
        | Q(authority__in=Membership.objects.authorities_of(user))
        | Q(agency__in=Membership.objects.agencies_of(user))
    )


def statistics_scope(user) -> tuple[list, QuerySet[Application]]:
    """The organisations whose applications the person may count (their agencies and authorities), and those
    applications; nobody else has statistics."""
    organisations = [*agencies_coordinated_by(user), *authorities_of(user)]
    return organisations, applications_overseen_by(user)


def conditions_visible_to(user, conditions: QuerySet | None = None) -> QuerySet[Condition]:
    """Conditions (with their reports) seen in the workspaces: by the entry's provider staff, the agency's
    coordinators and the authority's officers. The public sees open conditions on the register page only."""
    conditions = Condition.objects.all() if conditions is None else conditions
    if not user.is_authenticated:
        return conditions.none()
    return conditions.filter(
        Q(entry__provider__in=Membership.objects.providers_of(user))
        | Q(entry__agency__in=Membership.objects.agencies_of(user))
        | Q(entry__authority__in=Membership.objects.authorities_of(user))
    )


def may_report_on_condition(user, condition: Condition) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.providers_of(user).filter(provider=condition.entry.provider_id).exists()
    )


def may_assess_condition(user, condition: Condition) -> bool:
    return (
        user.is_authenticated and Membership.objects.agencies_of(user).filter(agency=condition.entry.agency_id).exists()
    )


def may_decide_on_condition(user, condition: Condition) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.authorities_of(user).filter(authority=condition.entry.authority_id).exists()
    )


# Predicates of the flow's steps: the person a task is assigned to must still hold the role that earned it.


def may_act_for_provider(user, application: Application) -> bool:
    return applications_manageable_by(user).filter(pk=application.pk).exists()


def may_coordinate(user, application: Application) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.agencies_of(user).filter(agency=application.agency_id).exists()


def may_decide(user, application: Application) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.authorities_of(user).filter(authority=application.authority_id).exists()


def may_review(user, application: Application) -> bool:
    """A reviewer holds `review_application` on the application while they sit on its panel."""
    if not user.is_authenticated:
        return False
    granted = Exists(_granted(user, REVIEW_APPLICATION_CODENAME))
    return Application.objects.filter(granted, pk=application.pk).exists()
