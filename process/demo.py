"""The demo data set of `make run`: one account per persona, two providers with catalogues, and applications at
telling stages, made through the same services and flow steps as the web UI."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accreditation.models import (
    Agency,
    Application,
    Authority,
    Decision,
    EvidenceDocument,
    Membership,
    MicroCredential,
    Provider,
    Role,
)
from accreditation.services import applications as steps
from accreditation.services.tasks import complete_task
from frameworks.models import FieldOfStudy, Level, ScaleValue, StandardSet

from .conditions_demo import DEMO_CONDITIONS, demo_conditions

PASSWORD = "demo-pass-2026"  # noqa: S105 - the published password of the demo accounts

ACCOUNTS = [
    # username, first, last, role, organisation key
    ("provider", "Aoife", "Byrne", Role.PROVIDER_STAFF, "atlantic"),
    ("provider2", "Lukas", "Novak", Role.PROVIDER_STAFF, "dublin"),
    ("coordinator", "Maeve", "Doyle", Role.COORDINATOR, "agency"),
    ("reviewer1", "Jan", "de Vries", Role.REVIEWER, "agency"),
    ("reviewer2", "Elena", "Papadopoulou", Role.REVIEWER, "agency"),
    ("reviewer3", "Sam", "Kelly", Role.REVIEWER, "agency"),
    ("officer", "Ciarán", "Walsh", Role.OFFICER, "authority"),
]


def _user(username, first, last, **extra):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.example.org", **extra},
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
    return user


def _credential(provider, title, nqf, ects, hours, field, outcomes, form="blended"):
    framework, level_code = nqf
    level = Level.objects.select_related("referencing").get(framework__code=framework, code=level_code)
    return MicroCredential.objects.create(
        provider=provider,
        title=title,
        awarding_body=provider.legal_name,
        country=provider.country,
        learning_outcomes="\n".join(outcomes),
        workload_hours=hours,
        ects=Decimal(ects),
        nqf_level=level,
        eqf_level=level.referencing.eqf_level,
        cycle={5: "short", 6: "first", 7: "second"}.get(level.referencing.eqf_level, ""),
        assessment_type="project",
        participation_form=form,
        quality_assurance="Approved under the provider's programme approval policy; external review by the agency",
        supervision="supervised_online_id",
        stackability="stackable",
        field=FieldOfStudy.objects.get(code=field),
        languages="en",
    )


def _evidence(application, by):
    content = b"%PDF-1.4\n% demo self-evaluation report\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    document = EvidenceDocument(
        application=application,
        kind=EvidenceDocument.Kind.SELF_EVALUATION,
        title="Self-evaluation report 2026",
        original_name="self-evaluation-2026.pdf",
        format="pdf",
        size=len(content),
        sha256="demo",
        uploaded_by=by,
    )
    document.file.save("self-evaluation.pdf", ContentFile(content), save=False)
    document.save()


def _draft(provider, agency, authority, staff, credentials, reference):
    application = Application.objects.create(
        reference=reference,
        provider=provider,
        agency=agency,
        authority=authority,
        created_by=staff,
        summary="Accreditation of our short courses, offered online and on campus.",
    )
    application.micro_credentials.set(credentials)
    _evidence(application, staff)
    return application


def _task(application, step, owner):
    return next(
        t
        for t in Task.objects.filter(process=application.process, status=STATUS.ASSIGNED, owner=owner)
        if t.flow_task.name == step
    )


def _accredit(application, people, *, conditions="", valid_from=None, valid_until=None):
    """Take a submitted application through every step, as each person would in the UI."""
    from reviews import services as review_services

    coordinator, reviewers, staff, officer = people
    complete_task(
        task=_task(application, "screen", coordinator),
        user=coordinator,
        action=lambda: steps.record_screening(application=application, outcome="accept", message="", by=coordinator),
    )
    seats = [
        review_services.Seat(reviewers[0], "chair"),
        review_services.Seat(reviewers[1], "member"),
        review_services.Seat(reviewers[2], "student"),
    ]
    complete_task(
        task=_task(application, "compose_panel", coordinator),
        user=coordinator,
        action=lambda: review_services.compose_panel(application=application, seats=seats, by=coordinator),
    )
    standards = list(review_services.standards_of(application))
    for reviewer in reviewers:
        member = application.panel.members.get(reviewer=reviewer)
        review_services.respond_to_invitation(member=member, accept=True, declaration="", by=reviewer)
        review = review_services.review_for(member)
        judgements = {
            s.pk: (ScaleValue.objects.get(scale_id=s.standard_set.scale_id, rank=1), "", "Self-evaluation report")
            for s in standards
        }
        verdicts = {v.pk: (True, True, "") for v in application.submitted_versions.all()}
        review_services.save_review(
            review=review, judgements=judgements, verdicts=verdicts, recommendation="accredit", summary="", by=reviewer
        )
        complete_task(
            task=_task(application, "review", reviewer),
            user=reviewer,
            action=lambda review=review, reviewer=reviewer: review_services.submit_review(review=review, by=reviewer),
        )
    consolidation = review_services.save_consolidation(
        panel=application.panel,
        judgements={
            s.pk: (ScaleValue.objects.get(scale_id=s.standard_set.scale_id, rank=1), "The panel agreed.")
            for s in standards
        },
        recommendation="accredit",
        conditions="",
        summary="A well-run provider with robust internal quality assurance.",
        by=coordinator,
    )
    complete_task(
        task=_task(application, "consolidate", coordinator),
        user=coordinator,
        action=lambda: review_services.complete_consolidation(consolidation=consolidation, by=coordinator),
    )
    complete_task(
        task=_task(application, "comment", staff),
        user=staff,
        action=lambda: steps.submit_report_comments(application=application, text="No comments.", by=staff),
    )
    complete_task(
        task=_task(application, "finalise", coordinator),
        user=coordinator,
        action=lambda: steps.finalise_report(application=application, by=coordinator),
    )
    application.refresh_from_db()
    complete_task(
        task=_task(application, "decide", officer),
        user=officer,
        action=lambda: steps.record_decision(
            application=application,
            outcome=Decision.Outcome.ACCREDIT_WITH_CONDITIONS if conditions else Decision.Outcome.ACCREDIT,
            conditions=conditions,
            rationale="The provider meets ESG Part 1 and the EU micro-credential principles.",
            by=officer,
            valid_from=valid_from,
            valid_until=valid_until,
        ),
    )


@transaction.atomic
def load_demo() -> bool:
    """Create the demo data set; returns False (and changes nothing) when it is already there."""
    if get_user_model().objects.filter(username="coordinator").exists():
        return False
    _user("admin", "Ada", "Admin", is_staff=True, is_superuser=True)
    organisations = {
        "atlantic": Provider.objects.create(
            legal_name="Atlantic Technological College",
            acronym="ATC",
            type=Provider.Type.UNIVERSITY,
            country="IE",
            region="Connacht",
            website="https://atc.example.ie",
            erasmus_code="IRL GALWAY09",
            pic="999123456",
        ),
        "dublin": Provider.objects.create(
            legal_name="Dublin Digital Skills Institute",
            acronym="DDSI",
            type=Provider.Type.VET,
            country="IE",
            region="Dublin",
            website="https://ddsi.example.ie",
        ),
        "agency": Agency.objects.create(
            name="Irish Quality Agency for Micro-credentials",
            acronym="IQAM",
            country="IE",
            eqar_registered=True,
            panel_size=3,
            student_member_required=True,
        ),
        "authority": Authority.objects.create(name="National Accreditation Authority of Ireland", country="IE"),
    }
    organisations["agency"].standard_sets.set(
        StandardSet.objects.filter(code__in=["esg-2015-part1", "eu-mc-principles"])
    )
    people = {}
    for username, first, last, role, key in ACCOUNTS:
        user = _user(username, first, last)
        organisation = organisations[key]
        field_name = {Role.PROVIDER_STAFF: "provider", Role.OFFICER: "authority"}.get(role, "agency")
        Membership.objects.create(user=user, role=role, **{field_name: organisation})
        people[username] = user
    _reviewer_profiles(people, organisations["dublin"])

    atlantic, dublin = organisations["atlantic"], organisations["dublin"]
    catalogue_atlantic = [
        _credential(
            atlantic,
            "Data Analytics for Sustainability",
            ("IE-NFQ", "8"),
            "5",
            130,
            "06",
            [
                "Analyse environmental data sets with appropriate statistical methods",
                "Evaluate the quality and bias of open data sources",
                "Design a reproducible analysis for a sustainability question",
            ],
        ),
        _credential(
            atlantic,
            "Leading Digital Change in SMEs",
            ("IE-NFQ", "9"),
            "10",
            260,
            "04",
            [
                "Critically assess digital maturity models",
                "Formulate a change strategy for a small enterprise",
                "Justify investment decisions to stakeholders",
            ],
            form="online",
        ),
    ]
    catalogue_dublin = [
        _credential(
            dublin,
            "Cloud Operations Fundamentals",
            ("IE-NFQ", "6"),
            "5",
            125,
            "06",
            ["Configure virtual machines and networks", "Monitor services and respond to incidents"],
            form="online",
        ),
        _credential(
            dublin,
            "Cybersecurity Awareness for Teams",
            ("IE-NFQ", "5"),
            "3",
            75,
            "06",
            ["Recognise common attacks", "Apply safe practices to protect data"],
        ),
    ]
    agency, authority = organisations["agency"], organisations["authority"]
    reviewers = [people["reviewer1"], people["reviewer2"], people["reviewer3"]]

    # Published, so the register, its downloads and its verification page have something to show.
    accredited = _draft(atlantic, agency, authority, people["provider"], catalogue_atlantic, "APP-2025-0001")
    accredited = steps.submit_application(application=accredited, by=people["provider"])
    _accredit(accredited, (people["coordinator"], reviewers, people["provider"], people["officer"]))

    # Waiting for screening: the coordinator's first task.
    waiting = _draft(dublin, agency, authority, people["provider2"], catalogue_dublin[:1], "APP-2026-0001")
    steps.submit_application(application=waiting, by=people["provider2"])

    # A draft ready to submit: walk it from draft to the register as each persona.
    _draft(dublin, agency, authority, people["provider2"], catalogue_dublin[1:], "APP-2026-0002")

    _register_in_every_state(agency, authority, people, reviewers)
    return True


def _register_in_every_state(agency, authority, people, reviewers):
    """More providers on the register, so that every status it shows has an example: accredited with conditions,
    suspended, withdrawn, and one whose accreditation ends within two months."""
    from accreditation.models import RegisterEvent
    from accreditation.services.register import change_entry_status

    today = timezone.localdate()
    officer = people["officer"]
    examples = [
        ("Cork Centre for Lifelong Learning", Provider.Type.NGO, "Munster", "Community Health Literacy", "05"),
        ("Limerick Makers Collective", Provider.Type.NGO, "Munster", "Digital Fabrication Basics", "07"),
        ("Galway Language Academy", Provider.Type.COMPANY, "Connacht", "Business English for Engineers", "02"),
        ("Kilkenny Craft and Design School", Provider.Type.VET, "Leinster", "Furniture Restoration", "02"),
    ]
    entries = []
    for number, (name, provider_type, region, title, field) in enumerate(examples, start=3):
        provider = Provider.objects.create(
            legal_name=name, type=provider_type, country="IE", region=region, website="https://example.ie"
        )
        staff = _user(f"staff{number}", "Demo", name.split()[0])
        Membership.objects.create(user=staff, role=Role.PROVIDER_STAFF, provider=provider)
        credential = _credential(
            provider,
            title,
            ("IE-NFQ", "6"),
            "5",
            125,
            field,
            ["Apply the core techniques safely", "Evaluate the quality of one's own work against a standard"],
        )
        application = _draft(provider, agency, authority, staff, [credential], f"APP-2025-{number:04d}")
        application = steps.submit_application(application=application, by=staff)
        kwargs = {}
        if number == 3:
            kwargs["conditions"] = DEMO_CONDITIONS
        if number == 6:
            kwargs = {
                "valid_from": today - datetime.timedelta(days=5 * 365),
                "valid_until": today + datetime.timedelta(days=50),
            }
        _accredit(application, (people["coordinator"], reviewers, staff, officer), **kwargs)
        application.refresh_from_db()
        entries.append(application.register_entry)
    # Cork's three conditions: one reported (the coordinator assesses it), one met, one open (the provider reports).
    demo_conditions(entries[0])
    change_entry_status(
        entry=entries[1],
        change=RegisterEvent.Kind.SUSPENDED,
        reason="A complaint about assessment practice is being investigated.",
        by=officer,
    )
    change_entry_status(
        entry=entries[2],
        change=RegisterEvent.Kind.WITHDRAWN,
        reason="The provider no longer offers the accredited micro-credential.",
        by=officer,
    )


def _reviewer_profiles(people, dublin):
    from reviews.models import EmploymentRecord, ReviewerProfile

    profiles = [
        ("reviewer1", ["06", "04"], "en,nl", "IE,NL", False, True, "Leiden University of Applied Sciences"),
        ("reviewer2", ["06", "05"], "en,el", "IE,GR", False, False, "Aristotle Skills Centre"),
        ("reviewer3", ["06"], "en", "IE", True, False, "Student, Maynooth"),
    ]
    for username, fields, languages, countries, student, chair, organisation in profiles:
        profile = ReviewerProfile.objects.create(
            user=people[username],
            languages=languages,
            countries=countries,
            is_student=student,
            can_chair=chair,
            organisation=organisation,
        )
        profile.fields.set(FieldOfStudy.objects.filter(code__in=fields))
    # Elena taught at the Dublin institute, but more than the cooling-off period ago: no conflict any more.
    EmploymentRecord.objects.create(
        profile=people["reviewer2"].reviewer_profile,
        provider=dublin,
        role="Part-time lecturer",
        ended_on=timezone.localdate() - datetime.timedelta(days=5 * 365),
    )
