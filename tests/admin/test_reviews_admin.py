"""Reviewer profiles (with their employment history) are kept in the admin; panels and reviews are shown there
read-only, since only the flow changes them."""

import pytest

from accreditation.models import AuditEvent
from frameworks.models import ScaleValue, Standard
from reviews.models import EmploymentRecord, Judgement, Panel, PanelMember, Review, ReviewerProfile
from tests.factories import ApplicationFactory, UserFactory

from .conftest import add_inline_row, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool_keeper(staff_with):
    return staff_with(
        *[f"reviews.{action}_reviewerprofile" for action in ("add", "change", "view")],
        *[f"reviews.{action}_employmentrecord" for action in ("add", "change", "view", "delete")],
        "auth.view_user",
    )


@pytest.fixture
def reviewed_panel(agency, provider):
    reviewer = UserFactory(username="expert_reviewer", first_name="Erin", last_name="Expert")
    panel = Panel.objects.create(application=ApplicationFactory(provider=provider, agency=agency), agency=agency)
    member = PanelMember.objects.create(panel=panel, reviewer=reviewer, role=PanelMember.Role.CHAIR, status="accepted")
    review = Review.objects.create(member=member, recommendation="accredit", summary="Sound internal QA.")
    Judgement.objects.create(
        review=review,
        standard=Standard.objects.get(standard_set__code="esg-2015-part1", code="1.3"),
        value=ScaleValue.objects.get(scale__code="esg-panel", rank=2),
        rationale="Assessment criteria are published but not applied consistently.",
    )
    return panel


def test_a_reviewer_profile_is_added_with_its_employment_history(client, pool_keeper, provider):
    person = UserFactory(username="new_expert")
    data = form_data(client, "/admin/reviews/reviewerprofile/add/")
    data.update({"user": person.pk, "languages": "EN, fr", "countries": "ie, mt", "organisation": "Retired"})
    add_inline_row(data, "employment", provider=provider.pk, role="Lecturer", ended_on="2024-06-30")
    response = client.post("/admin/reviews/reviewerprofile/add/", data)
    assert response.status_code == 302
    profile = ReviewerProfile.objects.get(user=person)
    assert (profile.languages, profile.countries) == ("en,fr", "IE,MT")
    record = EmploymentRecord.objects.get(profile=profile)
    assert (record.provider, str(record.ended_on)) == (provider, "2024-06-30")
    event = AuditEvent.objects.get(verb="added in the administration", target_type="reviews.reviewerprofile")
    assert event.data["inlines"]["employment"]["added"] == [f"{profile} at {provider}"]


def test_bad_language_and_country_codes_are_refused(client, pool_keeper):
    person = UserFactory(username="vague_expert")
    data = form_data(client, "/admin/reviews/reviewerprofile/add/")
    data.update({"user": person.pk, "languages": "english", "countries": "Ireland"})
    response = client.post("/admin/reviews/reviewerprofile/add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "languages": ["Give two-letter language codes separated by commas, e.g. en,fr."],
        "countries": ["Give two-letter country codes separated by commas, e.g. IE,MT."],
    }
    assert not ReviewerProfile.objects.filter(user=person).exists()


def test_a_panel_is_shown_with_its_members_and_cannot_be_changed(client, staff_with, reviewed_panel):
    staff_with("reviews.view_panel", "reviews.change_panel", "reviews.delete_panel", "reviews.view_panelmember")
    url = f"/admin/reviews/panel/{reviewed_panel.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "expert_reviewer" in body and "Chair" in body and 'name="_save"' not in body
    assert client.post(url, {"site_visit_notes": "rewritten"}).status_code == 403
    assert client.post(f"/admin/reviews/panel/{reviewed_panel.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Panel.objects.filter(pk=reviewed_panel.pk).exists()


def test_a_review_is_shown_with_its_judgements_and_cannot_be_changed(client, staff_with, reviewed_panel):
    staff_with("reviews.view_review", "reviews.change_review", "reviews.view_judgement")
    review = Review.objects.get(member__panel=reviewed_panel)
    url = f"/admin/reviews/review/{review.pk}/change/"
    body = client.get(url).content.decode()
    assert "Assessment criteria are published but not applied consistently." in body
    assert "Substantially compliant" in body
    assert client.post(url, {"recommendation": "refuse"}).status_code == 403
    assert client.get("/admin/reviews/review/add/").status_code == 403
    review.refresh_from_db()
    assert review.recommendation == "accredit"
