"""Alpha on almost no variation misleads: the agreement rate stands beside it, and the page says when alpha is
not meaningful."""

import pytest

from reviews.agreement import agreement_rate, alpha_caveat, krippendorff_alpha_ordinal


def test_37_of_40_agreeing_gives_a_high_rate_and_a_caveat_on_alpha():
    units = [[1, 1]] * 17 + [[1, 2]] * 3  # 40 judgements, 37 of them "fully compliant"
    alpha = krippendorff_alpha_ordinal(units)
    assert alpha is not None and alpha < 0.05
    assert agreement_rate(units) == pytest.approx(17 / 20)
    assert "not meaningful" in alpha_caveat(units, alpha) and "92 %" in alpha_caveat(units, alpha)


def test_varied_judgements_with_enough_units_can_be_read():
    units = [[1, 1], [2, 2], [3, 3], [4, 4], [1, 2], [2, 3], [3, 3], [4, 3], [1, 1], [2, 2], [3, 4], [4, 4]]
    alpha = krippendorff_alpha_ordinal(units)
    assert alpha_caveat(units, alpha) == ""
    assert agreement_rate(units) == pytest.approx(8 / 12)


def test_few_units_and_no_variation_are_said_so():
    few = [[1, 2], [2, 3], [3, 4]]
    assert "Fewer than 10" in alpha_caveat(few, krippendorff_alpha_ordinal(few))
    same = [[1, 1], [1, 1]]
    assert krippendorff_alpha_ordinal(same) is None
    assert "agree fully" in alpha_caveat(same, None)
    assert agreement_rate(same) == 1.0
    assert agreement_rate([[1], [None, 2]]) is None


def test_a_rate_counts_pairs_within_a_unit():
    # Three reviewers, two agree: one agreeing pair of three.
    assert agreement_rate([[1, 1, 2]]) == pytest.approx(1 / 3)


@pytest.mark.django_db
def test_the_statistics_page_shows_the_rate_beside_alpha(driver, client, coordinator, reviewers):
    driver.screen(coordinator)
    chair, expert, student = reviewers
    driver.compose(coordinator, {chair: "chair", expert: "member", student: "student"})
    driver.review(chair, rank=1)
    driver.review(expert, rank=1)
    driver.review(student, rank=1)
    client.force_login(coordinator)
    body = client.get("/agency/reviewers/").content.decode()
    assert "Agreement rate" in body and "100 %" in body
    assert "the reviewers agree fully" in body
