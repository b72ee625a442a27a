"""Fixtures and client helpers to drive the accreditation flow as the real personas."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accreditation.models import EvidenceDocument, Role
from accreditation.services.applications import submit_application
from frameworks.models import FieldOfStudy, ScaleValue
from reviews.models import ReviewerProfile
from reviews.services import standards_of
from tests.factories import ApplicationFactory, MembershipFactory, MicroCredentialFactory, UserFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_reviewer(agency, username, *, chair=False, student=False, fields=("06",)):
    user = UserFactory(username=username, first_name=username.capitalize(), last_name="Reviewer")
    MembershipFactory(user=user, role=Role.REVIEWER, agency=agency)
    profile = ReviewerProfile.objects.create(
        user=user, languages="en", countries="IE", can_chair=chair, is_student=student
    )
    profile.fields.set(FieldOfStudy.objects.filter(code__in=fields))
    return user


@pytest.fixture
def reviewers(agency):
    return [
        make_reviewer(agency, "chair", chair=True),
        make_reviewer(agency, "expert"),
        make_reviewer(agency, "student", student=True),
    ]


def draft_application(provider, agency, authority, staff, credentials=2):
    application = ApplicationFactory(provider=provider, agency=agency, authority=authority, created_by=staff)
    application.micro_credentials.set([MicroCredentialFactory(provider=provider) for _ in range(credentials)])
    document = EvidenceDocument(
        application=application,
        kind=EvidenceDocument.Kind.SELF_EVALUATION,
        title="Self-evaluation report",
        original_name="ser.pdf",
        format="pdf",
        size=len(PDF_BYTES),
        sha256="0" * 64,
        uploaded_by=staff,
    )
    document.file.save("ser.pdf", ContentFile(PDF_BYTES), save=False)
    document.save()
    return application


@pytest.fixture
def submitted(provider, agency, authority, provider_staff, coordinator, authority_officer, reviewers):
    application = draft_application(provider, agency, authority, provider_staff)
    return submit_application(application=application, by=provider_staff)


def task_of(application, step, owner=None):
    tasks = Task.objects.filter(process=application.process, status=STATUS.ASSIGNED, flow_task_type="HUMAN")
    tasks = [t for t in tasks if t.flow_task.name == step and (owner is None or t.owner_id == owner.pk)]
    assert tasks, f"no open {step} task"
    return tasks[0]


class Driver:
    """Posts each step's form through the test client, as the person the task belongs to."""

    def __init__(self, client, application):
        self.client = client
        self.application = application

    def refresh(self):
        self.application.refresh_from_db()
        return self.application

    def post(self, user, step, data, url_step=None):
        task = task_of(self.application, step, owner=user)
        self.client.force_login(user)
        response = self.client.post(f"/tasks/{task.pk}/{url_step or step.replace('_', '-')}/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        return response

    def screen(self, coordinator, outcome="accept", message=""):
        # A rejection asks for confirmation first; the driver gives it (tests/workspaces test the question).
        return self.post(coordinator, "screen", {"outcome": outcome, "message": message, "confirmed": "yes"})

    def compose(self, coordinator, roles: dict):
        data = {f"role_{user.pk}": role for user, role in roles.items()}
        return self.post(coordinator, "compose_panel", data)

    def review(self, reviewer, recommendation="accredit", rank=1):
        task = task_of(self.application, "review", owner=reviewer)
        self.client.force_login(reviewer)
        url = f"/tasks/{task.pk}/review/"
        response = self.client.post(url, {"answer": "accept", "declaration": ""})
        assert response.status_code == 302
        data = {"recommendation": recommendation, "summary": "Solid provider."}
        for standard in standards_of(self.application):
            value = ScaleValue.objects.get(scale_id=standard.standard_set.scale_id, rank=rank)
            data[f"value_{standard.pk}"] = value.pk
            data[f"rationale_{standard.pk}"] = "" if rank == 1 else "Partly shown."
        for version in self.application.submitted_versions.all():
            data[f"level_{version.pk}"] = "yes"
            data[f"workload_{version.pk}"] = "yes"
        response = self.client.post(f"{url}submit/", data)  # the "Submit the review" button's URL
        assert response.status_code == 302, response.content.decode()[:3000]
        return response

    def consolidate(self, coordinator, recommendation="accredit", conditions=""):
        task = task_of(self.application, "consolidate", owner=coordinator)
        data = {"recommendation": recommendation, "conditions": conditions, "summary": "Consolidated."}
        for standard in standards_of(self.application):
            data[f"value_{standard.pk}"] = ScaleValue.objects.get(scale_id=standard.standard_set.scale_id, rank=1).pk
            data[f"rationale_{standard.pk}"] = "Agreed."
        self.client.force_login(coordinator)
        response = self.client.post(f"/tasks/{task.pk}/consolidate/complete/", data)  # the "Complete" button's URL
        assert response.status_code == 302, response.content.decode()[:3000]
        return response

    def comment(self, staff, text="No factual errors."):
        return self.post(staff, "comment", {"text": text})

    def finalise(self, coordinator):
        return self.post(coordinator, "finalise", {"confirm": "on"})

    def decide(self, officer, outcome, rationale="Meets the standards.", conditions=""):
        data = {"outcome": outcome, "rationale": rationale, "conditions": conditions, "confirmed": "yes"}
        return self.post(officer, "decide", data)

    def to_decision(self, coordinator, reviewers, staff, officer_recommendation="accredit"):
        self.screen(coordinator)
        chair, expert, student = reviewers
        self.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
        for reviewer in reviewers:
            self.review(reviewer)
        self.consolidate(coordinator, recommendation=officer_recommendation)
        self.comment(staff)
        self.finalise(coordinator)


@pytest.fixture
def driver(client, submitted):
    return Driver(client, submitted)


@pytest.fixture
def fire_timers():
    def fire():
        call_command("workflow_timers")

    return fire
