"""Krippendorff's alpha, checked against published and hand-computed values."""

import pytest

from reviews.agreement import krippendorff_alpha_nominal, krippendorff_alpha_ordinal

# Krippendorff's own worked example ("Computing Krippendorff's alpha-reliability", 2011): four observers, twelve
# units, values 1-5, missing values as None. Published results: nominal 0.743, ordinal 0.815.
RELIABILITY_DATA = [
    [1, 1, None, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [None, 5, 5, 5],
    [None, None, 1, 1],
    [None, 3, None, None],
]


def test_published_example_nominal():
    assert krippendorff_alpha_nominal(RELIABILITY_DATA) == pytest.approx(0.743, abs=0.001)


def test_published_example_ordinal():
    assert krippendorff_alpha_ordinal(RELIABILITY_DATA) == pytest.approx(0.815, abs=0.001)


def test_perfect_agreement_is_one():
    assert krippendorff_alpha_ordinal([[1, 1, 1], [2, 2, 2], [4, 4, None]]) == 1.0


def test_small_case_by_hand():
    # Two units, two raters: (1, 1) and (1, 2). Coincidences: o11 = 2, o12 = o21 = 1; n1 = 3, n2 = 1, n = 4.
    # Ordinal delta²(1,2) = (n1 + n2 - (n1 + n2)/2)² = (4 - 2)² = 4.
    # Observed: o12·δ² + o21·δ² = 8. Expected: (n1·n2 + n2·n1)·δ² / (n - 1) = 6·4/3 = 8. Alpha = 1 - 8/8 = 0.
    assert krippendorff_alpha_ordinal([[1, 1], [1, 2]]) == pytest.approx(0.0)


def test_systematic_disagreement_is_negative():
    assert krippendorff_alpha_ordinal([[1, 4], [4, 1], [1, 4], [4, 1]]) < 0


def test_undefined_without_variation_or_pairs():
    assert krippendorff_alpha_ordinal([[2, 2], [2, 2]]) is None
    assert krippendorff_alpha_ordinal([[1], [2, None]]) is None
    assert krippendorff_alpha_ordinal([]) is None
