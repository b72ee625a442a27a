"""Conflict-of-interest detection, including the cooling-off boundary."""

import datetime

import pytest

from accreditation.models import Role
from reviews.conflicts import detect_conflicts
from reviews.models import EmploymentRecord, PanelMember, ReviewerProfile
from tests.factories import ApplicationFactory, MembershipFactory, ProviderFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 22)


@pytest.fixture
def application():
    return ApplicationFactory(provider=ProviderFactory(legal_name="Atlantic Technological College"))


@pytest.fixture
def profile():
    return ReviewerProfile.objects.create(user=UserFactory(), organisation="Leiden University")


def kinds(profile, application, **kwargs):
    return [c.kind for c in detect_conflicts(profile=profile, application=application, today=TODAY, **kwargs)]


def test_no_link_no_conflict(profile, application):
    assert kinds(profile, application) == []


def test_current_employer_by_link_or_by_name(profile, application):
    profile.organisation = "  atlantic technological college "
    assert kinds(profile, application) == ["same_organisation"]
    profile.organisation = ""
    profile.employer = application.provider
    assert kinds(profile, application) == ["same_organisation"]


def test_staff_membership_of_the_provider(profile, application):
    MembershipFactory(user=profile.user, role=Role.PROVIDER_STAFF, provider=application.provider)
    assert kinds(profile, application) == ["provider_member"]


@pytest.mark.parametrize(
    ("ended_on", "conflict"),
    [
        (None, True),  # still employed there
        (datetime.date(2024, 11, 23), True),  # two years ago: within three years
        (datetime.date(2023, 11, 23), True),  # one day inside the three years
        (datetime.date(2023, 11, 22), False),  # exactly three years ago: the cooling-off period is over
        (datetime.date(2020, 1, 1), False),
    ],
)
def test_recent_employment_within_the_cooling_off_period(profile, application, ended_on, conflict):
    EmploymentRecord.objects.create(profile=profile, provider=application.provider, ended_on=ended_on)
    assert (kinds(profile, application) == ["recent_employment"]) is conflict


def test_cooling_off_period_is_configurable(profile, application):
    EmploymentRecord.objects.create(profile=profile, provider=application.provider, ended_on=datetime.date(2022, 1, 1))
    assert kinds(profile, application, cooling_off_years=3) == []
    assert kinds(profile, application, cooling_off_years=5) == ["recent_employment"]


def test_employment_elsewhere_does_not_count(profile, application):
    EmploymentRecord.objects.create(profile=profile, provider=ProviderFactory(), ended_on=None)
    assert kinds(profile, application) == []


def test_declared_conflict_on_this_panel(profile, application):
    from reviews.models import Panel

    panel = Panel.objects.create(application=application, agency=application.agency)
    PanelMember.objects.create(
        panel=panel, reviewer=profile.user, role="member", status="declined", conflict_declared="My sister works there."
    )
    conflicts = detect_conflicts(profile=profile, application=application, today=TODAY)
    assert [(c.kind, c.detail) for c in conflicts] == [("declared", "declared: My sister works there.")]
