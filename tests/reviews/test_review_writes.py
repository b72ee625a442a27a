"""A review's judgements and verdicts are written in bulk: saving a whole review runs the same few statements
whether it judges one standard or all of them, and what is saved (changed, added, cleared) is what was asked."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frameworks.models import ScaleValue
from reviews import services
from reviews.models import AlignmentVerdict, Judgement, PanelMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(driver, coordinator, reviewers):
    chair, expert, student = reviewers
    driver.screen(coordinator)
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    driver.refresh()
    member = PanelMember.objects.get(panel__application=driver.application, reviewer=expert)
    return services.review_for(member)


def judge(review, standards, rank, text="Evidence seen in the QA manual."):
    values = {v.scale_id: v for v in ScaleValue.objects.filter(rank=rank)}
    return {s.pk: (values[s.standard_set.scale_id], text, "Annex 2") for s in standards}


def save(review, judgements, verdicts=None):
    return services.save_review(
        review=review,
        judgements=judgements,
        verdicts=verdicts or {},
        recommendation="",
        summary="",
        by=review.member.reviewer,
    )


def test_saving_every_judgement_costs_what_saving_one_does(review):
    standards = list(services.standards_of(review.member.panel.application))
    assert len(standards) >= 5
    versions = list(review.member.panel.application.submitted_versions.all())
    save(review, {})  # what the first save of a process looks up once
    with CaptureQueriesContext(connection) as one:
        save(review, judge(review, standards[:1], 1), {versions[0].pk: (True, True, "")})
    Judgement.objects.all().delete()
    AlignmentVerdict.objects.all().delete()
    with CaptureQueriesContext(connection) as every:
        save(review, judge(review, standards, 1), {v.pk: (True, False, "Workload above the norm") for v in versions})
    assert len(every) == len(one)
    assert Judgement.objects.filter(review=review).count() == len(standards)
    assert set(AlignmentVerdict.objects.filter(review=review).values_list("workload_confirmed", flat=True)) == {False}


def test_a_second_save_changes_adds_and_clears_only_what_was_asked(review):
    standards = list(services.standards_of(review.member.panel.application))
    save(review, judge(review, standards[:3], 1))
    changed = judge(review, standards[:1], 3, "Policy not published.")
    added = judge(review, standards[3:4], 2)
    cleared = {standards[1].pk: (None, "", "")}
    save(review, {**changed, **added, **cleared})
    saved = {j.standard_id: j for j in Judgement.objects.filter(review=review).select_related("value")}
    assert set(saved) == {standards[0].pk, standards[2].pk, standards[3].pk}
    assert saved[standards[0].pk].value.rank == 3 and saved[standards[0].pk].rationale == "Policy not published."
    assert saved[standards[2].pk].value.rank == 1 and saved[standards[2].pk].evidence == "Annex 2"
    assert saved[standards[3].pk].value.rank == 2


def test_a_judgement_off_the_scale_saves_nothing(review):
    from django.core.exceptions import ValidationError

    standards = list(services.standards_of(review.member.panel.application))
    good = judge(review, standards[:2], 1)
    other = ScaleValue.objects.exclude(scale_id=standards[2].standard_set.scale_id).first()
    with pytest.raises(ValidationError):
        save(review, {**good, standards[2].pk: (other, "x", "")})
    assert not Judgement.objects.filter(review=review).exists()
