"""Inter-rater agreement of review panels: Krippendorff's alpha for ordinal judgements.

A unit is one standard of one application; its values are the ranks the panel's reviewers gave (missing values
allowed). Only units with two or more values count. Alpha is 1 for perfect agreement and 0 for agreement no
better than chance; it is undefined (None) when fewer than two values are pairable or when all values are the
same (no variation to explain).
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from itertools import permutations


def _coincidences(units: Sequence[Sequence[int | None]]) -> Counter:
    matrix: Counter = Counter()
    for unit in units:
        values = [v for v in unit if v is not None]
        if len(values) < 2:
            continue
        weight = 1 / (len(values) - 1)
        for c, k in permutations(values, 2):
            matrix[(c, k)] += weight
    return matrix


def _alpha(units, distance: Callable[[int, int, dict[int, float]], float]) -> float | None:
    matrix = _coincidences(units)
    totals: dict[int, float] = defaultdict(float)
    for (c, _k), count in matrix.items():
        totals[c] += count
    n = sum(totals.values())
    if n < 2:
        return None
    observed = sum(count * distance(c, k, totals) for (c, k), count in matrix.items())
    expected = sum(totals[c] * totals[k] * distance(c, k, totals) for c in totals for k in totals) / (n - 1)
    if expected == 0:
        return None
    return 1 - observed / expected


def _nominal(c: int, k: int, totals) -> float:
    return 0.0 if c == k else 1.0


def _ordinal(c: int, k: int, totals: dict[int, float]) -> float:
    low, high = min(c, k), max(c, k)
    between = sum(count for value, count in totals.items() if low <= value <= high)
    return (between - (totals[low] + totals[high]) / 2) ** 2


def krippendorff_alpha_ordinal(units: Sequence[Sequence[int | None]]) -> float | None:
    return _alpha(units, _ordinal)


def krippendorff_alpha_nominal(units: Sequence[Sequence[int | None]]) -> float | None:
    return _alpha(units, _nominal)


def agency_agreement(agency, *, since=None, until=None) -> list[tuple[str, float | None, int]]:
    """Alpha per calendar quarter of submission for an agency's panels: (period, alpha, number of units)."""
    from .models import Judgement

    judgements = Judgement.objects.filter(
        review__member__panel__agency=agency, review__submitted_at__isnull=False
    ).values_list("review__member__panel__application_id", "standard_id", "value__rank", "review__submitted_at")
    if since:
        judgements = judgements.filter(review__submitted_at__gte=since)
    if until:
        judgements = judgements.filter(review__submitted_at__lt=until)
    units: dict[tuple, list[int]] = defaultdict(list)
    period_of: dict[tuple, str] = {}
    for application_id, standard_id, rank, submitted_at in judgements:
        key = (application_id, standard_id)
        units[key].append(rank)
        period_of.setdefault(key, f"{submitted_at.year}-Q{(submitted_at.month - 1) // 3 + 1}")
    by_period: dict[str, list[list[int]]] = defaultdict(list)
    for key, values in units.items():
        by_period[period_of[key]].append(values)
    return [
        (period, krippendorff_alpha_ordinal(period_units), sum(1 for u in period_units if len(u) >= 2))
        for period, period_units in sorted(by_period.items())
    ]
