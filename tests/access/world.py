"""One world for the access matrix, built once per test module: two providers, two agencies, two authorities,
every persona, and applications of provider A at four stages (draft, screening, under review, decided and
published), driven through the real flow."""

from dataclasses import dataclass, field

from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from viewflow.workflow.models import Task

from accreditation.models import (
    Application,
    AuditEvent,
    EvidenceDocument,
    IssuedDocument,
    MicroCredential,
    Provider,
    RegisterEntry,
    RegisterEvent,
    Role,
)
from accreditation.services.applications import submit_application
from jobs.models import Job
from process.flows import AccreditationFlow
from reviews.models import PanelMember, ReviewerProfile
from tests.cycle.matrix_world import add_condition_tasks
from tests.factories import AgencyFactory, AuthorityFactory, MembershipFactory, ProviderFactory, UserFactory
from tests.flow import Driver, draft_application, make_reviewer, task_of
from tests.security.matrix_world import add_identity_change_task

ANON = "anonymous"
STAFF_A = "staff of provider A"
STAFF_B = "staff of provider B"
COORD = "coordinator of the agency"
COORD_B = "coordinator of another agency"
CHAIR = "chair on the panel"
EXPERT = "expert on the panel"
STUDENT = "student on the panel"
REVIEWER_OFF = "reviewer off the panel"
OFFICER = "officer of the authority"
OFFICER_B = "officer of another authority"
TWO_ROLES = "officer who is also a reviewer"
ADMIN = "administrator"

PERSONAS = (
    ANON,
    STAFF_A,
    STAFF_B,
    COORD,
    COORD_B,
    CHAIR,
    EXPERT,
    STUDENT,
    REVIEWER_OFF,
    OFFICER,
    OFFICER_B,
    TWO_ROLES,
    ADMIN,
)


@dataclass
class World:
    users: dict = field(default_factory=dict)
    clients: dict = field(default_factory=dict)
    apps: dict = field(default_factory=dict)  # stage -> Application
    ids: dict = field(default_factory=dict)  # name -> real id of an object


def _member(username: str, role: str, **organisation):
    user = UserFactory(username=username, first_name=username.capitalize(), last_name="Persona")
    MembershipFactory(user=user, role=role, **organisation)
    return user


def _done_task(application: Application, step: str, owner=None) -> Task:
    tasks = Task.objects.filter(process=application.process, flow_task=getattr(AccreditationFlow, step))
    return (tasks.filter(owner=owner) if owner else tasks).latest("pk")


def build_world() -> World:
    world = World()
    provider_a = ProviderFactory(legal_name="Atlantic Technological College", country="IE")
    provider_b = ProviderFactory(legal_name="Other Institute", country="IE")
    agency, other_agency = AgencyFactory(acronym="QAI"), AgencyFactory(acronym="AA")
    authority, other_authority = AuthorityFactory(country="IE"), AuthorityFactory(country="MT")
    # Order matters: the flow assigns the first coordinator and officer of the organisation.
    users = world.users
    users[STAFF_A] = _member("staff_a", Role.PROVIDER_STAFF, provider=provider_a)
    users[STAFF_B] = _member("staff_b", Role.PROVIDER_STAFF, provider=provider_b)
    users[COORD] = _member("coord", Role.COORDINATOR, agency=agency)
    users[COORD_B] = _member("coord_b", Role.COORDINATOR, agency=other_agency)
    users[OFFICER] = _member("officer", Role.OFFICER, authority=authority)
    users[OFFICER_B] = _member("officer_b", Role.OFFICER, authority=other_authority)
    users[CHAIR] = make_reviewer(agency, "chair", chair=True)
    users[EXPERT] = make_reviewer(agency, "expert")
    users[STUDENT] = make_reviewer(agency, "student", student=True)
    users[REVIEWER_OFF] = make_reviewer(agency, "bystander")
    users[TWO_ROLES] = _member("two_roles", Role.OFFICER, authority=authority)
    MembershipFactory(user=users[TWO_ROLES], role=Role.REVIEWER, agency=agency)
    users[ADMIN] = UserFactory(username="admin", is_staff=True, is_superuser=True)

    def new_application():
        application = draft_application(provider_a, agency, authority, users[STAFF_A])
        return submit_application(application=application, by=users[STAFF_A])

    builder = Client()
    world.apps["draft"] = draft_application(provider_a, agency, authority, users[STAFF_A])
    world.apps["screening"] = new_application()
    panel = {users[CHAIR]: "chair", users[EXPERT]: "member", users[STUDENT]: "student"}

    review = Driver(builder, new_application())
    review.screen(users[COORD])
    review.compose(users[COORD], panel)
    world.apps["review"] = review.refresh()

    decided = Driver(builder, new_application())
    decided.screen(users[COORD], outcome="request_information", message="Send the annual quality report.")
    decided.post(users[STAFF_A], "revise", {"response": "It is attached to the self-evaluation."})
    decided.to_decision(users[COORD], [users[CHAIR], users[EXPERT], users[STUDENT]], users[STAFF_A])
    decided.decide(users[OFFICER], "accredit")
    world.apps["decided"] = decided.refresh()
    assert world.apps["decided"].status == Application.Status.ACCREDITED

    add_condition_tasks(world, provider_a, agency, authority, users[STAFF_A], users[COORD], users[OFFICER])
    add_identity_change_task(world, provider_a, users[STAFF_A])
    _record_ids(world, provider_a, provider_b, agency)
    _sign_in(world)
    return world


def _record_ids(world: World, provider_a, provider_b, agency) -> None:
    ids, apps, users = world.ids, world.apps, world.users
    for stage, application in apps.items():
        ids[f"{stage} application"] = application.pk
        ids[f"{stage} evidence"] = application.evidence.first().pk
    decided = apps["decided"]
    for kind in IssuedDocument.Kind:
        ids[kind.value] = decided.documents.filter(kind=kind).latest("version").pk
    entry = RegisterEntry.objects.get(application=decided)
    ids["entry"] = entry.pk
    ids["certificate id"] = entry.certificate_id
    ids["scope item"] = entry.scope_items.first().pk
    ids["authority"] = decided.authority_id
    ids["provider A"], ids["provider B"], ids["agency"] = provider_a.pk, provider_b.pk, agency.pk
    ids["credential of A"] = MicroCredential.objects.filter(provider=provider_a).first().pk
    ids["screen task"] = task_of(apps["screening"], "screen").pk
    ids["review task"] = task_of(apps["review"], "review", owner=users[EXPERT]).pk
    ids["chair's seat"] = PanelMember.objects.get(panel__application=apps["review"], reviewer=users[CHAIR]).pk
    ids["decided chair's seat"] = PanelMember.objects.get(panel__application=decided, reviewer=users[CHAIR]).pk
    for step in ("screen", "revise", "compose_panel", "consolidate", "comment", "finalise", "decide"):
        ids[f"done {step}"] = _done_task(decided, step).pk
    ids["done review"] = _done_task(decided, "review", owner=users[EXPERT]).pk
    job = Job.objects.create(
        kind=Job.Kind.CATALOGUE_IMPORT,
        status=Job.Status.DONE,
        provider=provider_a,
        created_by=users[STAFF_A],
        result={"rows": 1, "imported": 0, "problems": [], "preview": []},
    )
    job.output.save("checked.xlsx", ContentFile(b"PK\x03\x04 checked workbook"), save=True)
    ids["job"] = job.pk


def _sign_in(world: World) -> None:
    """One client per persona, signed in once: the sessions live as long as the module's world."""
    for persona in PERSONAS:
        client = Client()
        user = world.users.get(persona)
        if user is not None:
            client.force_login(user)
        world.clients[persona] = client
    # The administrator has used their second factor in this session, as the admin site requires.
    device = TOTPDevice.objects.create(user=world.users[ADMIN], name="matrix", confirmed=True)
    session = world.clients[ADMIN].session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def fingerprint() -> tuple:
    """What any action would change: if this is the same after a refused request, it had no effect."""
    return (
        AuditEvent.objects.count(),
        tuple(Application.objects.order_by("pk").values_list("status", "coordinator_id", "officer_id")),
        tuple(Task.objects.order_by("pk").values_list("status", "owner_id")),
        tuple(PanelMember.objects.order_by("pk").values_list("status", "reviewer_id")),
        tuple(Provider.objects.order_by("pk").values_list("legal_name", "country")),
        tuple(RegisterEntry.objects.order_by("pk").values_list("status", "valid_until")),
        RegisterEvent.objects.count(),
        EvidenceDocument.objects.count(),
        IssuedDocument.objects.count(),
        MicroCredential.objects.count(),
        Job.objects.count(),
        ReviewerProfile.objects.count(),
        len(mail.outbox),
    )
