"""The consolidation matrix: standards × reviewers, the spread of their judgements, and the disputes; and the order
in which the coordinator takes the standards (the disagreements first)."""

from dataclasses import dataclass, field

from .models import AlignmentVerdict, Judgement, Panel, PanelMember

# Two or more steps apart on the scale is a disagreement the panel must talk through.
DISAGREEMENT_SPREAD = 2


@dataclass
class MatrixRow:
    standard: object
    cells: list  # one Judgement (or None) per reviewer, in column order
    spread: int | None
    members: list = field(default_factory=list)  # the columns, to name who gave each cell

    @property
    def judged(self) -> list[tuple[PanelMember, Judgement | None]]:
        """Each reviewer with their judgement of this standard (None when they gave none)."""
        return list(zip(self.members, self.cells, strict=True))

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
        rows.append(MatrixRow(standard, cells, (max(ranks) - min(ranks)) if ranks else None, members))
    disputes = [
        verdict
        for verdict in AlignmentVerdict.objects.filter(review__member__in=members).select_related(
            "version", "review__member__reviewer"
        )
        if verdict.disputed
    ]
    return members, rows, disputes


def disagreements_first(rows: list[MatrixRow]) -> tuple[list[MatrixRow], list[MatrixRow]]:
    """The rows the panel disagrees on, widest spread first, and the others in the standards' own order."""
    disputed = sorted((row for row in rows if row.disagreement), key=lambda row: -row.spread)
    return disputed, [row for row in rows if not row.disagreement]
