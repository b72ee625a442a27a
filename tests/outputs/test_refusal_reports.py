"""ESG 2.6: the full report of a decided application is public whatever the outcome, refusals included, and so
DEQAR's report of a refusal carries it; the draft never is, nor anything before the final decision."""

import json

import pytest
from pypdf import PdfReader

from accreditation.models import Decision, IssuedDocument
from tests.flow import Driver

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def refused(client, submitted, coordinator, reviewers, provider_staff, authority_officer):
    provider = submitted.provider
    provider.pic = "987654321"
    provider.save()
    agency = submitted.agency
    agency.acronym, agency.deqar_activities_programme = "QAI", "182"
    agency.save()
    driver = Driver(client, submitted)
    driver.to_decision(coordinator, reviewers, provider_staff, officer_recommendation="refuse")
    client.logout()
    final = submitted.documents.get(kind=IssuedDocument.Kind.FINAL_REPORT)
    assert client.get(f"/register/documents/{final.pk}/").status_code == 404  # not before the decision
    driver.decide(authority_officer, Decision.Outcome.REFUSE, rationale="Assessment is not quality assured.")
    client.logout()
    return driver.refresh()


def test_anyone_reads_a_refusals_report_and_decision_letter_never_the_draft(client, refused):
    final = refused.documents.get(kind=IssuedDocument.Kind.FINAL_REPORT)
    letter = refused.documents.get(kind=IssuedDocument.Kind.DECISION_LETTER)
    draft = refused.documents.get(kind=IssuedDocument.Kind.DRAFT_REPORT)
    assert not refused.documents.filter(kind=IssuedDocument.Kind.CERTIFICATE).exists()
    for document in (final, letter):
        response = client.get(f"/register/documents/{document.pk}/")
        assert response.status_code == 200
        assert PdfReader(__import__("io").BytesIO(body(response))).pages
    assert client.get(f"/register/documents/{draft.pk}/").status_code == 404


def test_deqar_report_of_a_refusal_carries_its_public_report_files(client, refused):
    reports = json.loads(body(client.get("/register/export/deqar.json")))
    report = next(r for r in reports if r["local_identifier"] == refused.reference)
    assert report["decision"] == "negative"
    files = {f["display_name"]: f["original_location"] for f in report["report_files"]}
    assert set(files) == {"Review report", "Decision letter"}
    assert all(f["report_language"] == ["eng"] for f in report["report_files"])
    for url in files.values():
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200
        assert body(response)[:5] == b"%PDF-"
    draft = refused.documents.get(kind=IssuedDocument.Kind.DRAFT_REPORT)
    assert f"/register/documents/{draft.pk}/" not in json.dumps(report)
