"""The reviewer's profile page and the agency's reviewer statistics."""

import pytest

from frameworks.models import FieldOfStudy
from reviews.models import ReviewerProfile
from tests.flow import make_reviewer

pytestmark = pytest.mark.django_db


def test_reviewer_edits_expertise_languages_and_employment(client, reviewers, provider):
    expert = reviewers[1]
    client.force_login(expert)
    page = client.get("/reviews/profile/").content.decode()
    assert "Expertise (ISCED-F fields)" in page
    ict = FieldOfStudy.objects.get(code="06")
    health = FieldOfStudy.objects.get(code="09")
    response = client.post(
        "/reviews/profile/",
        {
            "expertise": [ict.pk, health.pk],
            "languages": "EN, fr",
            "countries": "ie,mt",
            "organisation": "Leiden University",
            "employment-TOTAL_FORMS": 1,
            "employment-INITIAL_FORMS": 0,
            "employment-MIN_NUM_FORMS": 0,
            "employment-MAX_NUM_FORMS": 1000,
            "employment-0-provider": provider.pk,
            "employment-0-role": "Lecturer",
            "employment-0-ended_on": "2025-06-30",
        },
    )
    assert response.status_code == 302
    profile = ReviewerProfile.objects.get(user=expert)
    assert set(profile.fields.values_list("code", flat=True)) == {"06", "09"}
    assert (profile.languages, profile.countries) == ("en,fr", "IE,MT")
    assert profile.employment.get().provider == provider


def test_bad_profile_input_is_explained_and_kept(client, reviewers):
    client.force_login(reviewers[1])
    response = client.post(
        "/reviews/profile/",
        {
            "languages": "english",
            "countries": "Ireland",
            "organisation": "Kept text",
            "employment-TOTAL_FORMS": 0,
            "employment-INITIAL_FORMS": 0,
            "employment-MIN_NUM_FORMS": 0,
            "employment-MAX_NUM_FORMS": 1000,
        },
    )
    body = response.content.decode()
    assert "Give two-letter language codes" in body
    assert "Give two-letter country codes" in body
    assert 'value="Kept text"' in body


def test_profile_page_is_for_reviewers_only(client, coordinator, provider_staff):
    for user in (coordinator, provider_staff):
        client.force_login(user)
        assert client.get("/reviews/profile/").status_code == 404


def test_statistics_show_workload_timeliness_and_agreement(driver, client, coordinator, reviewers, provider_staff):
    driver.screen(coordinator)
    chair, expert, student = reviewers
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    driver.review(chair, rank=1)
    driver.review(expert, rank=2)
    client.force_login(coordinator)
    body = client.get("/agency/reviewers/").content.decode()
    assert "Workload and timeliness" in body
    cells = '<td class="num">0</td><td class="num">1</td><td class="num">1 (100 %)</td>'
    assert f'<th scope="row">{chair.get_full_name()}</th>{cells}' in body
    assert f'<th scope="row">{student.get_full_name()}</th><td class="num">1</td><td class="num">0</td>' in body
    # Two reviewers one step apart on every standard, all in one quarter: alpha is computable and low.
    assert "Krippendorff" in body
    assert "not computable" not in body


def test_statistics_are_for_the_agencys_coordinators(client, provider_staff, reviewers, authority_officer):
    for user in (provider_staff, reviewers[0], authority_officer):
        client.force_login(user)
        assert client.get("/agency/reviewers/").status_code == 404


def test_statistics_query_count_does_not_grow_with_reviewers(
    client, coordinator, agency, reviewers, django_assert_max_num_queries
):
    client.force_login(coordinator)
    with django_assert_max_num_queries(12) as baseline:
        client.get("/agency/reviewers/")
    for n in range(5):
        make_reviewer(agency, f"extra{n}")
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        body = client.get("/agency/reviewers/").content.decode()
    assert body.count('<th scope="row">') == 8
