"""Who can take a vacant panel seat: the agency's reviewers who have never been on this panel and have no
detected conflict, fit for the seat's role, best first by what the panel still lacks (the panel suggestion's
own ranking). Pure: the view gathers the inputs with `suggestion.candidates_for` and `suggestion.need_for`."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .models import PanelMember
from .suggestion import Candidate, Need, _covered, _rank, _reasons


@dataclass(frozen=True)
class Replacements:
    offered: tuple[tuple[Candidate, tuple[str, ...]], ...]  # each candidate with why they fit
    excluded: tuple[tuple[str, str], ...]  # (name, conflicts) of reviewers left out for a conflict


def _fits(candidate: Candidate, role: str) -> bool:
    if role == PanelMember.Role.CHAIR:
        return candidate.can_chair and not candidate.is_student
    if role == PanelMember.Role.STUDENT:
        return candidate.is_student
    return not candidate.is_student


def rank_replacements(
    *, need: Need, candidates: Sequence[Candidate], role: str, ever_seated: set[int], staying: Iterable[Candidate]
) -> Replacements:
    """Candidates for a seat of `role`. `ever_seated`: user ids of everyone who sat, sits or declined on the panel;
    `staying`: the members who remain, whose fields and languages are already covered."""
    fields, languages = set(need.fields), set(need.languages)
    for member in staying:
        fields.difference_update(_covered(member, frozenset(fields)))
        languages.difference_update(member.languages)
    fresh = [c for c in candidates if c.user_id not in ever_seated]
    excluded = tuple((c.name, "; ".join(c.conflicts)) for c in fresh if c.conflicts)
    unconflicted = [c for c in fresh if not c.conflicts]
    fitting = [c for c in unconflicted if _fits(c, role)]
    if not fitting and role == PanelMember.Role.CHAIR:
        # Nobody left can chair: any non-student member may take the seat rather than leave it empty.
        fitting = [c for c in unconflicted if not c.is_student]
    eligible = sorted(fitting, key=lambda c: _rank(c, frozenset(fields), frozenset(languages)))
    offered = tuple((c, _reasons(c, role, fields, languages, need)) for c in eligible)
    return Replacements(offered, excluded)
