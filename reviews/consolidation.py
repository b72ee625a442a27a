"""The consolidation matrix: standards × reviewers, the spread of their judgements, and the disputes."""

from dataclasses import dataclass

from .models import AlignmentVerdict, Judgement, Panel, PanelMember

# Two or more steps apart on the scale is a disagreement the panel must talk through.
DISAGREEMENT_SPREAD = 2


@dataclass
class MatrixRow:
    standard: object
    cells: list  # one Judgement (or None) per reviewer, in column order
    spread: int | None

    @property
    def disagreement(self) -> bool:
        return self.spread is not None and self.spread >= DISAGREEMENT_SPREAD


def consolidation_matrix(panel: Panel, standards) -> tuple[list[PanelMember], list[MatrixRow], list[AlignmentVerdict]]:
    """Columns (the members who submitted), one row per standard, and the disputed alignment verdicts."""
    members = list(
        panel.members.filter(review__submitted_at__isnull=False).select_related("reviewer", "review").order_by("pk")
    )
    judgements = {
        (j.review.member_id, j.standard_id): j
        for j in Judgement.objects.filter(review__member__in=members).select_related("value", "review")
    }
    rows = []
    for standard in standards:
        cells = [judgements.get((member.pk, standard.pk)) for member in members]
        ranks = [cell.value.rank for cell in cells if cell is not None]
        rows.append(MatrixRow(standard, cells, (max(ranks) - min(ranks)) if ranks else None))
    disputes = [
        verdict
        for verdict in AlignmentVerdict.objects.filter(review__member__in=members).select_related(
            "version", "review__member__reviewer"
        )
        if verdict.disputed
    ]
    return members, rows, disputes
