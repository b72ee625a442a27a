"""Factories with deterministic sequences. Reference data (frameworks, fields, standard sets) comes from the
seed migration and is looked up by code, never created here."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from accreditation import register_index
from accreditation.models import (
    Agency,
    Application,
    Authority,
    Decision,
    Membership,
    MicroCredential,
    MicroCredentialVersion,
    Provider,
    RegisterEntry,
    RegisterEvent,
    Role,
)
from accreditation.models.register import EntryStatus
from frameworks.models import FieldOfStudy, Level, StandardSet

PASSWORD = "correct-horse-battery-staple"


def level(framework: str, code: str) -> Level:
    return Level.objects.select_related("referencing").get(framework__code=framework, code=code)


def field(code: str) -> FieldOfStudy:
    return FieldOfStudy.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = factory.Sequence(lambda n: f"Last{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    legal_name = factory.Sequence(lambda n: f"Provider College {n}")
    type = Provider.Type.UNIVERSITY
    country = "IE"
    website = factory.Sequence(lambda n: f"https://provider{n}.example.org")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Quality Agency {n}")
    acronym = factory.Sequence(lambda n: f"QA{n}")
    country = "IE"
    eqar_registered = True
    panel_size = 3
    student_member_required = True

    @factory.post_generation
    def standard_sets(obj, create, extracted, **kwargs):
        if create:
            obj.standard_sets.set(
                extracted
                if extracted is not None
                else StandardSet.objects.filter(code__in=["esg-2015-part1", "eu-mc-principles"])
            )


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority

    name = factory.Sequence(lambda n: f"National Authority {n}")
    country = "IE"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.PROVIDER_STAFF


class MicroCredentialFactory(factory.django.DjangoModelFactory):
    """A complete, well-aligned specification: IE-NFQ 8 (EQF 6), 5 ECTS for 125 hours."""

    class Meta:
        model = MicroCredential

    provider = factory.SubFactory(ProviderFactory)
    title = factory.Sequence(lambda n: f"Applied Data Analysis {n}")
    awarding_body = factory.LazyAttribute(lambda mc: mc.provider.legal_name)
    country = "IE"
    learning_outcomes = (
        "Analyse data sets with appropriate statistical methods\n"
        "Evaluate the quality of data sources\n"
        "Design a reproducible analysis pipeline"
    )
    workload_hours = 125
    ects = Decimal("5.0")
    nqf_level = factory.LazyFunction(lambda: level("IE-NFQ", "8"))
    eqf_level = 6
    cycle = "first"
    assessment_type = "project"
    participation_form = "online"
    quality_assurance = "Internal programme approval and external review by the national agency"
    field = factory.LazyFunction(lambda: field("06"))
    languages = "en"


def freeze(micro_credential: MicroCredential, number: int = 1) -> MicroCredentialVersion:
    return MicroCredentialVersion.objects.create(
        micro_credential=micro_credential, number=number, **micro_credential.specification_values()
    )


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft application; tests move it on through the services and the flow."""

    class Meta:
        model = Application

    reference = factory.Sequence(lambda n: f"APP-T{n:05d}")
    provider = factory.SubFactory(ProviderFactory)
    agency = factory.SubFactory(AgencyFactory)
    authority = factory.SubFactory(AuthorityFactory)
    created_by = factory.SubFactory(UserFactory)
    summary = "Accreditation of our short courses in data analysis."


def make_register_entry(
    *,
    provider: Provider | None = None,
    credentials: int = 2,
    valid_from: datetime.date | None = None,
    years: int = 6,
    status: str = EntryStatus.ACTIVE,
    conditions: str = "",
    certificate_id: str | None = None,
    specifications: list[dict] | None = None,
) -> RegisterEntry:
    """A published entry with its decision and scope, for register tests: the decision is made directly (not
    through the flow), then the entry is published, and suspended or withdrawn, by the register's own services, as
    the flow's last step and an officer would. The flow's own tests check that the flow produces the same shape.
    `specifications` gives each accredited micro-credential's values (otherwise `credentials` factory defaults)."""
    from accreditation.services.register import change_entry_status, publish_register_entry

    provider = provider or ProviderFactory()
    valid_from = valid_from or timezone.localdate() - datetime.timedelta(days=30)
    valid_until = valid_from.replace(year=valid_from.year + years)
    application = ApplicationFactory(
        provider=provider,
        status=Application.Status.ACCREDITED_WITH_CONDITIONS if conditions else Application.Status.ACCREDITED,
        submitted_at=timezone.now(),
        closed_at=timezone.now(),
    )
    officer = UserFactory()
    MembershipFactory(user=officer, role=Role.OFFICER, authority=application.authority)
    specifications = specifications if specifications is not None else [{}] * credentials
    versions = [freeze(MicroCredentialFactory(provider=provider, **values)) for values in specifications]
    application.submitted_versions.set(versions)
    decision = Decision.objects.create(
        application=application,
        outcome=Decision.Outcome.ACCREDIT_WITH_CONDITIONS if conditions else Decision.Outcome.ACCREDIT,
        conditions=conditions,
        rationale="The panel found the provider's internal quality assurance compliant.",
        valid_from=valid_from,
        valid_until=valid_until,
        authority=application.authority,
        officer=officer,
    )
    entry = publish_register_entry(application=application, decision=decision, by=officer)
    # What a test reads besides the rules: a predictable certificate number, and a publication on the first day of
    # validity (the service publishes today).
    number = RegisterEntry.objects.count()
    RegisterEntry.objects.filter(pk=entry.pk).update(
        certificate_id=certificate_id or f"MC-T{number:07d}", published_on=valid_from
    )
    entry.events.filter(kind=RegisterEvent.Kind.PUBLISHED).update(effective_on=valid_from)
    register_index.index_entries(RegisterEntry.objects.filter(pk=entry.pk))
    entry.refresh_from_db()
    if status != EntryStatus.ACTIVE:
        change = RegisterEvent.Kind.SUSPENDED if status == EntryStatus.SUSPENDED else RegisterEvent.Kind.WITHDRAWN
        change_entry_status(entry=entry, change=change, reason="Set up by the test.", by=officer)
        entry.refresh_from_db()
    return entry


def make_corrected_register_entry() -> tuple[RegisterEntry, RegisterEvent]:
    """An entry published 400 days ago (its publication recorded then) whose validity was corrected today to have
    ended five days ago: the history's first row still holds the validity the register first said. Returns the
    entry and that first row."""
    today = timezone.localdate()
    entry = make_register_entry(valid_from=today - datetime.timedelta(days=400))
    first = entry.events.get()
    RegisterEvent.objects.filter(pk=first.pk).update(recorded_at=timezone.now() - datetime.timedelta(days=399))
    RegisterEvent.objects.create(
        entry=entry,
        kind=RegisterEvent.Kind.RENEWED,
        status=EntryStatus.ACTIVE,
        valid_from=entry.valid_from,
        valid_until=today - datetime.timedelta(days=5),
        effective_on=entry.valid_from,
        reason="Correction: the decision's validity was shorter.",
    )
    entry.valid_until = today - datetime.timedelta(days=5)
    entry.save(update_fields=["valid_until"])
    return entry, first
