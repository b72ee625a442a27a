"""Services are the only writers: the views that started jobs or saved profiles call services, and a file whose
row a service deletes goes only once that transaction commits."""

import re
from pathlib import Path

import pytest
from django.db import transaction

from accreditation.models import AuditEvent, EvidenceDocument
from accreditation.services.drafts import remove_evidence
from frameworks.models import FieldOfStudy
from reviews.models import ReviewerProfile
from tests.flow import draft_application, make_reviewer

APPS = ("accreditation", "reviews", "process", "jobs", "trust")

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(provider, agency, authority, provider_staff):
    return draft_application(provider, agency, authority, provider_staff)


def test_a_removed_document_keeps_its_file_until_the_removal_commits(
    draft, provider_staff, django_capture_on_commit_callbacks
):
    document = draft.evidence.get()
    storage, name = document.file.storage, document.file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        remove_evidence(document=document, by=provider_staff)
    assert not EvidenceDocument.objects.filter(pk=document.pk).exists()
    assert storage.exists(name)  # not yet: the transaction could still roll back
    for callback in callbacks:
        callback()
    assert not storage.exists(name)


def test_a_removal_that_rolls_back_keeps_the_row_and_the_file(draft, provider_staff):
    document = draft.evidence.get()
    storage, name = document.file.storage, document.file.name
    with pytest.raises(RuntimeError), transaction.atomic():
        remove_evidence(document=document, by=provider_staff)
        raise RuntimeError("something later in the same request fails")
    assert EvidenceDocument.objects.filter(pk=document.pk).exists()
    assert storage.exists(name)


def test_the_reviewers_profile_is_saved_by_the_service_with_its_audit_event(client, agency):
    reviewer = make_reviewer(agency, "profiled")
    client.force_login(reviewer)
    ict = FieldOfStudy.objects.get(code="06")
    response = client.post(
        "/reviews/profile/",
        {
            "expertise": [ict.pk],
            "languages": "en, ga",
            "countries": "ie",
            "organisation": "Maynooth University",
            "employment-TOTAL_FORMS": 0,
            "employment-INITIAL_FORMS": 0,
            "employment-MIN_NUM_FORMS": 0,
            "employment-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302
    profile = ReviewerProfile.objects.get(user=reviewer)
    assert profile.organisation == "Maynooth University"
    assert AuditEvent.objects.filter(actor=reviewer, verb="updated the reviewer profile").count() == 1


def test_no_view_creates_or_saves_a_job_itself():
    root = Path(__file__).resolve().parents[2]
    views = [
        path for app in APPS for path in (root / app).rglob("*.py") if "views" in path.parts or path.stem == "views"
    ]
    assert views
    offenders = [
        str(path.relative_to(root))
        for path in views
        if re.search(r"Job\.objects\.create|\bJob\(|job\.save\(", path.read_text())
    ]
    assert offenders == []
