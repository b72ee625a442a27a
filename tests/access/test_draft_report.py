"""The draft review report is for those who prepare and comment on it (the provider, the agency, the panel),
never for the authority, which decides on the final report: listed and served by one rule."""

import pytest

from accreditation.models import IssuedDocument, Role
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consolidated(driver, coordinator, reviewers):
    driver.screen(coordinator)
    chair, expert, student = reviewers
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    for reviewer in reviewers:
        driver.review(reviewer)
    driver.consolidate(coordinator)
    return driver.refresh()


def _draft(application) -> IssuedDocument:
    return application.documents.get(kind=IssuedDocument.Kind.DRAFT_REPORT)


def test_an_officer_who_is_also_a_reviewer_elsewhere_cannot_download_the_draft_report(
    consolidated, client, authority_officer, agency
):
    # The reviewer membership gives no seat on this panel: it must not widen what the officer may read.
    MembershipFactory(user=authority_officer, role=Role.REVIEWER, agency=agency)
    client.force_login(authority_officer)
    assert client.get(f"/applications/{consolidated.pk}/").status_code == 200
    assert client.get(f"/documents/{_draft(consolidated).pk}/").status_code == 404


def test_the_officer_is_not_shown_nor_served_the_draft_report(consolidated, client, authority_officer):
    client.force_login(authority_officer)
    page = client.get(f"/applications/{consolidated.pk}/").content.decode()
    assert f"/documents/{_draft(consolidated).pk}/" not in page
    assert client.get(f"/documents/{_draft(consolidated).pk}/").status_code == 404


def test_provider_agency_and_panel_are_shown_and_served_the_draft_report(
    consolidated, client, provider_staff, coordinator, reviewers
):
    draft = _draft(consolidated)
    for user in (provider_staff, coordinator, reviewers[0]):
        client.force_login(user)
        assert f"/documents/{draft.pk}/" in client.get(f"/applications/{consolidated.pk}/").content.decode(), user
        response = client.get(f"/documents/{draft.pk}/")
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content).startswith(b"%PDF"), user


def test_provider_staff_who_are_also_officers_see_their_own_draft_report(
    consolidated, client, provider_staff, authority
):
    MembershipFactory(user=provider_staff, role=Role.OFFICER, authority=authority)
    client.force_login(provider_staff)
    assert client.get(f"/documents/{_draft(consolidated).pk}/").status_code == 200
