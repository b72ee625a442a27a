"""Inter-rater agreement of review panels: Krippendorff's alpha for ordinal judgements.

A unit is one standard of one application; its values are the ranks the panel's reviewers gave (missing values
allowed). Only units with two or more values count. Alpha is 1 for perfect agreement and 0 for agreement no
better than chance; it is undefined (None) when fewer than two values are pairable or when all values are the
same (no variation to explain).
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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


def _units_by_period(agency, *, since=None, until=None) -> dict[str, list[list[int]]]:
    """The agency's units (one standard of one application: the ranks its reviewers gave), by calendar quarter
    of submission."""
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
    return dict(sorted(by_period.items()))


def _agreement_by_period(agency, *, since=None, until=None):
    for period, period_units in _units_by_period(agency, since=since, until=until).items():
        yield period, krippendorff_alpha_ordinal(period_units), [u for u in period_units if len(u) >= 2]


# Alpha divides by the disagreement chance would give; when nearly every judgement is the same value that
# expected disagreement is tiny and a single differing judgement swings alpha wildly (37 of 40 agreeing can give
# about 0). Below these bounds the page shows the agreement rate and says alpha is not meaningful.
MIN_UNITS_FOR_ALPHA = 10
MAX_DOMINANT_SHARE_FOR_ALPHA = 0.9


@dataclass(frozen=True)
class PeriodAgreement:
    period: str
    alpha: float | None
    units: int  # standards judged by two or more reviewers
    agreement_rate: float | None  # share of pairs of reviewers giving the same value to the same standard
    caveat: str  # why alpha should not be read, or ""


def agreement_rate(units: Sequence[Sequence[int | None]]) -> float | None:
    """The share of pairs of judgements of the same unit that are equal (None without any pair)."""
    pairs = agreeing = 0
    for unit in units:
        counts = Counter(v for v in unit if v is not None)
        size = sum(counts.values())
        pairs += size * (size - 1) // 2
        agreeing += sum(n * (n - 1) // 2 for n in counts.values())
    return agreeing / pairs if pairs else None


def alpha_caveat(units: Sequence[Sequence[int | None]], alpha: float | None) -> str:
    """Why alpha would mislead for these units, in words, or "" when it can be read."""
    from django.utils.translation import gettext as _

    pairable = [[v for v in unit if v is not None] for unit in units]
    pairable = [values for values in pairable if len(values) >= 2]
    values = [v for unit in pairable for v in unit]
    if alpha is None:
        if values and len(set(values)) == 1:
            return _("Every judgement has the same value: alpha is undefined; the reviewers agree fully.")
        return _("Too few judgements to compute alpha.")
    if len(pairable) < MIN_UNITS_FOR_ALPHA:
        return _("Fewer than %(count)s standards judged by two or more reviewers: alpha is not meaningful yet.") % {
            "count": MIN_UNITS_FOR_ALPHA
        }
    dominant = Counter(values).most_common(1)[0][1] / len(values)
    if dominant >= MAX_DOMINANT_SHARE_FOR_ALPHA:
        return _(
            "%(share)s %% of the judgements have the same value: with so little variation alpha is not "
            "meaningful; read the agreement rate."
        ) % {"share": round(dominant * 100)}
    return ""


def agency_agreement_periods(agency, *, since=None, until=None) -> list[PeriodAgreement]:
    """Per calendar quarter: alpha, the agreement rate beside it, and whether alpha can be read."""
    return [
        PeriodAgreement(period, alpha, len(units), agreement_rate(units), alpha_caveat(units, alpha))
        for period, alpha, units in _agreement_by_period(agency, since=since, until=until)
    ]
