"""The panel suggestion, on plain data, with expected panels worked out by hand."""

from reviews.suggestion import Candidate, Need, covers, suggest_panel


def cand(user_id, name, fields=(), languages=("en",), *, student=False, chair=False, load=0, conflicts=()):
    return Candidate(
        user_id=user_id,
        name=name,
        fields=frozenset(fields),
        languages=frozenset(languages),
        countries=frozenset({"IE"}),
        is_student=student,
        can_chair=chair,
        load=load,
        conflicts=tuple(conflicts),
    )


NEED = Need(
    fields=frozenset({"06", "041"}), languages=frozenset({"en", "fr"}), country="IE", size=3, student_required=True
)


def roles(suggestion):
    return [(m.name, m.role) for m in suggestion.members]


def test_chair_student_and_member_cover_the_fields():
    # Ann is the only non-student who can chair. The student is Sam (only one). Of the members left, Bea covers
    # 041 (still uncovered after Ann's 06) while Carl only repeats 06: Bea is chosen.
    candidates = [
        cand(1, "Ann", ["06"], chair=True),
        cand(2, "Bea", ["04"], ["fr"]),
        cand(3, "Carl", ["061"]),
        cand(4, "Sam", [], student=True),
    ]
    suggestion = suggest_panel(NEED, candidates)
    assert roles(suggestion) == [("Ann", "chair"), ("Sam", "student"), ("Bea", "member")]
    assert suggestion.uncovered_fields == frozenset()
    assert suggestion.uncovered_languages == frozenset()
    assert "covers field 041" in suggestion.members[2].reasons
    assert "works in fr" in suggestion.members[2].reasons


def test_conflicted_reviewers_are_left_out_with_the_reason():
    candidates = [
        cand(1, "Ann", ["06"], chair=True, conflicts=["worked for the provider until 2025-01-01"]),
        cand(2, "Dan", ["06"], chair=True, load=2),
        cand(3, "Sam", [], student=True),
        cand(4, "Eve", ["041"]),
    ]
    suggestion = suggest_panel(NEED, candidates)
    assert roles(suggestion) == [("Dan", "chair"), ("Sam", "student"), ("Eve", "member")]
    assert suggestion.excluded == (("Ann", "worked for the provider until 2025-01-01"),)


def test_load_breaks_ties_in_coverage():
    # Both cover 06 equally; Fay has one open review, Gus three: Fay is preferred.
    need = Need(frozenset({"06"}), frozenset({"en"}), "IE", 2, False)
    candidates = [cand(1, "Ann", ["06"], chair=True), cand(2, "Gus", ["06"], load=3), cand(3, "Fay", ["06"], load=1)]
    assert roles(suggest_panel(need, candidates)) == [("Ann", "chair"), ("Fay", "member")]


def test_equal_candidates_are_ordered_by_name_then_id():
    need = Need(frozenset(), frozenset(), "IE", 2, False)
    candidates = [cand(5, "Zoe", chair=True), cand(9, "Ben"), cand(7, "Ben")]
    assert [(m.user_id, m.role) for m in suggest_panel(need, candidates).members] == [(5, "chair"), (7, "member")]


def test_not_enough_reviewers_returns_a_smaller_panel_and_says_what_is_uncovered():
    candidates = [cand(1, "Ann", ["06"], chair=True)]
    suggestion = suggest_panel(NEED, candidates)
    assert roles(suggestion) == [("Ann", "chair")]
    assert suggestion.uncovered_fields == frozenset({"041"})
    assert suggestion.uncovered_languages == frozenset({"fr"})


def test_students_do_not_chair_and_fill_only_the_student_seat():
    need = Need(frozenset({"06"}), frozenset({"en"}), "IE", 3, True)
    candidates = [cand(1, "Sam", ["06"], student=True, chair=True), cand(2, "Tia", ["06"], student=True)]
    suggestion = suggest_panel(need, candidates)
    assert roles(suggestion) == [("Sam", "student")]


def test_coverage_between_broad_and_narrow_fields():
    assert covers(frozenset({"06"}), "061")  # a broad expert covers a narrow need
    assert covers(frozenset({"061"}), "06")  # a narrow expert covers the broad need
    assert not covers(frozenset({"05"}), "061")
    assert not covers(frozenset({"061"}), "062")
