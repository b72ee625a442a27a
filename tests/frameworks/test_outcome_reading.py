"""The alignment assistant must not mislead providers: verbs that end like nouns are verbs, "demonstrate" and
adverb openers count at their level, headings and lead-ins are not outcomes, outcomes in another language get no
English-verb findings, and an outcome that only says what the learner knows is flagged."""

from types import SimpleNamespace

import pytest

from frameworks import alignment, outcomes

pytestmark = pytest.mark.django_db


def spec(text: str, eqf: int | None = 6):
    return SimpleNamespace(learning_outcomes=text, nqf_level=None, eqf_level=eqf)


def outcome_findings(text: str, eqf: int | None = 6) -> list[tuple[str, str]]:
    return [(f.severity, str(f)) for f in alignment.check_outcomes(spec(text, eqf))]


@pytest.mark.parametrize("verb", ["enhance", "influence", "balance", "question", "enhances", "questions"])
def test_verbs_that_end_like_nouns_are_verbs(verb):
    text = f"{verb.capitalize()} the team's practice\nEvaluate the results"
    assert outcome_findings(text) == []
    assert not outcomes.is_topic(verb)


def test_nouns_with_those_endings_are_still_topics():
    assert outcome_findings("Introduction to statistics\nEvaluate the results") == [
        (
            "warning",
            "“Introduction to statistics” names a topic, not what the learner can do: start with an action verb.",
        )
    ]


@pytest.mark.parametrize(
    ("outcome", "band"),
    [
        ("Demonstrate an understanding of data protection law", "remember"),
        ("Demonstrate knowledge of the main theories", "remember"),
        ("Demonstrate the ability to design a survey", "create"),
        ("Demonstrate the capacity to analyse a balance sheet", "apply"),
        ("Demonstrate safe handling of chemicals", "apply"),
        ("Reflect on their own professional practice", "create"),
        ("Critically evaluate research designs", "create"),
        ("Effectively communicate findings to non-specialists", "apply"),
        ("Students will be able to critically analyse case law", "apply"),
        ("Independently plan a small project", "create"),
    ],
)
def test_demonstrate_reflect_and_adverb_openers_count_at_their_level(outcome, band):
    assert outcomes.outcome_band(outcome) == band


def test_demonstrating_understanding_alone_reads_below_eqf_6():
    text = "Demonstrate an understanding of data protection law\nDescribe the rights of data subjects"
    assert outcome_findings(text) == [
        (
            "warning",
            "At EQF level 6 the outcomes only demonstrate, describe: verbs of remembering and understanding read "
            "below the level. Add outcomes that apply, analyse, evaluate or create.",
        )
    ]


def test_critically_evaluate_and_reflect_satisfy_eqf_7():
    assert outcome_findings("Critically evaluate research designs\nReflect on their own practice", eqf=7) == []


def test_an_adverb_is_not_taken_for_the_verb():
    assert outcomes.first_word("Critically evaluate research designs") == "evaluate"
    assert outcomes.first_word("Apply the rules") == "apply"  # a verb ending in -ly stays the verb


def test_domain_headings_and_lead_in_lines_are_not_outcomes():
    text = (
        "On completion learners will be able to:\n"
        "Knowledge:\n"
        "- Explain the principles of cloud security\n"
        "Skills:\n"
        "- Configure access control for a cloud service\n"
        "Responsibility and autonomy\n"
        "- Evaluate the security of a deployment\n"
    )
    assert alignment.outcome_lines(spec(text)) == [
        "Explain the principles of cloud security",
        "Configure access control for a cloud service",
        "Evaluate the security of a deployment",
    ]
    assert outcome_findings(text) == []


def test_a_lead_in_without_a_colon_and_a_heading_on_the_outcome_line():
    text = (
        "On successful completion of this module, the learner will be able to\nSkills: apply the method\nDesign a test"
    )
    assert alignment.outcome_lines(spec(text)) == ["apply the method", "Design a test"]


def test_a_lead_in_ending_with_its_modal_is_not_an_outcome():
    text = "On completion of the module the learner will\nExplain the method\nApply it to a case"
    assert alignment.outcome_lines(spec(text)) == ["Explain the method", "Apply it to a case"]


def test_an_outcome_ending_with_a_colon_stays_an_outcome():
    assert alignment.outcome_lines(spec("Compare the following methods:\nEvaluate one")) == [
        "Compare the following methods:",
        "Evaluate one",
    ]


def test_a_heading_alone_is_not_counted_as_an_outcome():
    assert outcome_findings("Knowledge:\nExplain the principles", eqf=4) == [
        ("warning", "Give at least two learning outcomes.")
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Analyser des données de santé avec des outils statistiques\nÉvaluer la qualité des sources", "French"),
        ("Daten mit statistischen Methoden analysieren und bewerten\nDie Qualität der Quellen beurteilen", "German"),
        ("Analizar los datos de salud con herramientas estadísticas\nEvaluar la calidad de las fuentes", "Spanish"),
        ("Analysera data och utvärdera källor\nPlanera en studie inom sitt område", "Swedish"),
    ],
)
def test_outcomes_in_another_language_get_no_english_verb_findings(text, language):
    assert outcome_findings(text, eqf=7) == [
        (
            "info",
            f"These outcomes look written in {language}: the action-verb check covers English only, so their verbs "
            "were not checked.",
        )
    ]


def test_outcomes_in_an_unknown_script_are_not_checked_either():
    findings = outcome_findings("Αναλύει δεδομένα υγείας\nΑξιολογεί την ποιότητα των πηγών", eqf=7)
    assert findings == [
        (
            "info",
            "These outcomes do not look written in English: the action-verb check covers English only, so their "
            "verbs were not checked.",
        )
    ]


def test_english_outcomes_with_foreign_names_are_still_checked():
    text = "List the members of the Conseil d'État\nDescribe the role of the Cour de cassation"
    assert outcome_findings(text)[0][0] == "warning"  # only remembering verbs at EQF 6: the check ran


@pytest.mark.parametrize(
    "outcome",
    [
        "The learner knows about machine learning",
        "Understand the basics of accounting",
        "Students will be aware of data protection rules",
        "Be familiar with agile methods",
    ],
)
def test_an_outcome_that_only_says_what_the_learner_knows_gets_a_finding(outcome):
    findings = outcome_findings(f"{outcome}\nApply the method", eqf=4)
    assert findings == [
        (
            "warning",
            f"“{outcome}” states what the learner knows or understands, which no assessment can observe: say what "
            "the learner does (e.g. explain, apply, evaluate).",
        )
    ]
