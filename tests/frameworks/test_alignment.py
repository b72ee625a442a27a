"""The alignment checks, case by case, with the referencing facts they rest on. Specifications are plain objects
(or unsaved model instances); levels come from the seeded reference data."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from accreditation.models import MicroCredential
from frameworks import alignment
from frameworks.models import Framework, Level
from frameworks.reference import HoursPerCredit, ReferenceFacts
from tests.factories import level

pytestmark = pytest.mark.django_db


def spec(**overrides):
    values = {
        "title": "Applied Data Analysis",
        "awarding_body": "Atlantic Technological College",
        "country": "IE",
        "region": "",
        "learning_outcomes": "Analyse data sets\nEvaluate data sources\nDesign an analysis pipeline",
        "workload_hours": 125,
        "ects": Decimal("5"),
        "nqf_level": None,
        "eqf_level": 6,
        "cycle": "",
        "assessment_type": "project",
        "participation_form": "online",
        "quality_assurance": "Internal approval",
    }
    values.update(overrides)
    return SimpleNamespace(**values)


# The ECTS facts alone, without national conventions: what the boundary tests below are written against.
ECTS = ReferenceFacts(
    hours_per_credit=HoursPerCredit(Decimal(25), Decimal(30)),
    mandatory_elements=frozenset(
        {
            "title",
            "country",
            "awarding_body",
            "learning_outcomes",
            "workload",
            "level",
            "assessment_type",
            "participation_form",
            "quality_assurance",
        }
    ),
)


def messages(findings, severity=None):
    return [str(f) for f in findings if severity is None or f.severity == severity]


# --- Deriving the EQF level -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("framework", "code", "eqf"),
    [
        ("IE-NFQ", "1", 1),
        ("IE-NFQ", "2", 1),  # Ireland: levels 1 and 2 both at EQF 1
        ("IE-NFQ", "7", 6),
        ("IE-NFQ", "8", 6),  # Ireland: ordinary and honours bachelor both at EQF 6
        ("IE-NFQ", "10", 8),
        ("UK-SCQF", "3", 1),
        ("UK-SCQF", "7", 5),
        ("UK-SCQF", "8", 5),  # Scotland: SCQF 7 and 8 at EQF 5
        ("UK-SCQF", "12", 8),
        ("UK-RQF", "E3", 1),  # England: Entry 3 at EQF 1
        ("UK-RQF", "4", 5),
        ("UK-RQF", "5", 5),
        ("MT-MQF", "1", 1),
        ("NL-NLQF", "4+", 4),
        ("HR-CROQF", "7.1", 7),
        ("HR-CROQF", "8.2", 8),
        ("DE-DQR", "6", 6),
        ("BE-VKS", "8", 8),
        ("EQF", "3", 3),  # an EQF level is its own
        ("QF-EHEA", "short", 5),
        ("QF-EHEA", "second", 7),
    ],
)
def test_eqf_level_is_derived_from_the_referencing_table(framework, code, eqf):
    assert alignment.derive_eqf_level(level(framework, code)) == eqf


def test_an_eqf_level_is_its_own_even_without_a_referencing_row():
    eqf = Framework(code="EQF", kind=Framework.Kind.EQF)
    assert alignment.derive_eqf_level(Level(framework=eqf, code="7", ordinal=7)) == 7


def test_no_level_and_an_unsaved_national_level_derive_nothing():
    assert alignment.derive_eqf_level(None) is None
    national = Framework(code="XX-NQF", kind=Framework.Kind.NATIONAL)
    assert alignment.derive_eqf_level(Level(framework=national, code="3", ordinal=3)) is None


@pytest.mark.parametrize(
    ("framework", "code"), [("UK-SCQF", "1"), ("UK-SCQF", "2"), ("UK-RQF", "E1"), ("MT-MQF", "A"), ("NL-NLQF", "entry")]
)
def test_unreferenced_level_is_a_clear_error(framework, code):
    findings = alignment.check_level(spec(nqf_level=level(framework, code), eqf_level=None))
    assert [f.severity for f in findings] == ["error"]
    assert findings[0].element == "level"
    assert messages(findings) == [
        f"{framework} {code} is not referenced to the EQF: choose a referenced level or give the EQF level."
    ]
    assert alignment.derive_eqf_level(level(framework, code)) is None


def test_the_derived_level_is_reported_as_information():
    findings = alignment.check_level(spec(nqf_level=level("IE-NFQ", "8"), eqf_level=6))
    assert [(f.severity, f.element, str(f)) for f in findings] == [
        ("info", "level", "IE-NFQ 8 corresponds to EQF level 6.")
    ]


@pytest.mark.parametrize(("framework", "code", "declared"), [("IE-NFQ", "8", 7), ("UK-SCQF", "8", 6)])
def test_a_declared_level_that_contradicts_the_derived_one_is_an_error(framework, code, declared):
    findings = alignment.check_level(spec(nqf_level=level(framework, code), eqf_level=declared))
    errors = messages(findings, "error")
    derived = alignment.derive_eqf_level(level(framework, code))
    assert errors == [
        f"The declared EQF level {declared} does not match EQF {derived} derived from {framework} {code}."
    ]


def test_a_declared_eqf_level_alone_is_not_checked_against_anything():
    assert alignment.check_level(spec(nqf_level=None, eqf_level=5)) == []


def test_checks_read_attributes_only(django_assert_num_queries):
    nqf = Level.objects.select_related("framework", "referencing").get(framework__code="IE-NFQ", code="9")
    with django_assert_num_queries(0):
        findings = alignment.check_specification(spec(nqf_level=nqf, eqf_level=7, cycle="second"), ECTS)
    assert messages(findings) == ["IE-NFQ 9 corresponds to EQF level 7."]


# --- Mandatory elements ---------------------------------------------------------------------------------


def test_missing_mandatory_elements_are_named_by_their_eu_element_code():
    findings = alignment.missing_mandatory_elements(
        spec(awarding_body="", learning_outcomes="", workload_hours=None, ects=None, quality_assurance=" ")
    )
    assert [f.element for f in findings] == ["awarding_body", "learning_outcomes", "workload", "quality_assurance"]
    assert {f.severity for f in findings} == {"error"}
    assert "Missing mandatory element: Awarding body." in messages(findings)
    assert "Missing mandatory element: Notional workload (hours or ECTS)." in messages(findings)


def test_every_mandatory_element_of_a_blank_specification_is_missing():
    blank = MicroCredential()  # an unsaved model instance: every field empty
    codes = [f.element for f in alignment.missing_mandatory_elements(blank)]
    assert codes == [
        "title",
        "country",
        "awarding_body",
        "learning_outcomes",
        "workload",
        "level",
        "assessment_type",
        "participation_form",
        "quality_assurance",
    ]


def test_the_codes_are_those_of_the_seeded_eu_elements_required_of_a_specification():
    from frameworks.models import CredentialElement

    required = set(
        CredentialElement.objects.filter(mandatory=True, on_issued_credential_only=False).values_list("code", flat=True)
    )
    blank = MicroCredential()
    assert {f.element for f in alignment.missing_mandatory_elements(blank)} == required


def test_a_complete_specification_lacks_nothing():
    assert alignment.missing_mandatory_elements(spec()) == []


@pytest.mark.parametrize(
    "overrides",
    [
        {"country": "", "region": "Flanders"},  # a region alone is enough
        {"workload_hours": None, "ects": Decimal("3")},  # ECTS alone is a workload
        {"ects": None},  # hours alone too (with a warning elsewhere)
        {"eqf_level": None, "nqf_level": "level"},  # a national level alone is a level
    ],
)
def test_either_form_of_an_element_satisfies_it(overrides):
    if overrides.get("nqf_level") == "level":
        overrides["nqf_level"] = level("IE-NFQ", "6")
    assert alignment.missing_mandatory_elements(spec(**overrides)) == []


# --- Workload -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "ects", "severity"),
    [
        (125, "5", None),  # 25 h per credit: the lower bound of ECTS
        (150, "5", None),  # 30 h: the upper bound
        (45, "2", None),  # 22.5 h: the tolerance's lower edge, accepted
        (113, "5", None),  # 22.6 h
        (44, "2", "warning"),  # 22 h: just below the tolerance
        (112, "5", "warning"),  # 22.4 h
        (165, "5", None),  # 33 h: the tolerance's upper edge, accepted
        (166, "5", "warning"),  # 33.2 h: just above
        (25, "2", "warning"),  # 12.5 h: the edge of the severe band, still a warning
        (24, "2", "error"),  # 12 h: beyond half the range
        (90, "2", "warning"),  # 45 h: the other edge of the severe band
        (91, "2", "error"),  # 45.5 h
        (1, "5", "error"),
        (75, "2.5", None),  # 30 h with a fractional credit
    ],
)
def test_hours_per_credit_boundaries(hours, ects, severity):
    findings = alignment.check_hours_per_credit(spec(workload_hours=hours, ects=Decimal(ects)), ECTS)
    assert [f.severity for f in findings] == ([severity] if severity else [])
    assert all(f.element == "workload" for f in findings)


def test_the_workload_message_states_the_rate_the_ects_range_and_the_tolerance():
    findings = alignment.check_hours_per_credit(spec(workload_hours=112, ects=Decimal("5.0")), ECTS)
    assert messages(findings) == [
        "112 hours for 5 ECTS is 22.4 hours per credit: ECTS counts 25 to 30, and this check accepts 22.5 to 33."
    ]


def test_hours_without_ects_asks_for_ects():
    findings = alignment.check_workload(spec(workload_hours=40, ects=None), ECTS)
    assert [(f.severity, f.element) for f in findings] == [("warning", "workload")]
    assert "the EU standard asks for ECTS wherever possible" in messages(findings)[0]


def test_ects_without_hours_is_fine():
    assert alignment.check_workload(spec(workload_hours=None, ects=Decimal("4")), ECTS) == []


@pytest.mark.parametrize(("ects", "flagged"), [("59.9", False), ("60", True), ("90", True)])
def test_sixty_ects_or_more_is_not_a_micro_credential(ects, flagged):
    value = Decimal(ects)
    findings = alignment.check_size(spec(workload_hours=int(value * 25), ects=value))
    assert bool(findings) is flagged
    if flagged:
        assert messages(findings, "warning") == [
            f"{ects} ECTS is not a micro-credential by DEQAR's definition, which counts non-degree courses "
            "under 60 ECTS."
        ]


# --- Cycle ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cycle", "eqf", "ok"),
    [
        ("short", 5, True),
        ("first", 6, True),
        ("second", 7, True),
        ("third", 8, True),
        ("short", 6, False),
        ("first", 5, False),
        ("first", 7, False),
        ("second", 6, False),
        ("third", 7, False),
        ("", 3, True),  # no cycle: nothing to check
    ],
)
def test_cycle_must_match_the_eqf_level(cycle, eqf, ok):
    findings = alignment.check_cycle(spec(cycle=cycle, eqf_level=eqf))
    assert (findings == []) is ok
    assert all(f.severity == "error" and f.element == "level" for f in findings)


def test_cycle_is_checked_against_the_derived_level():
    # IE-NFQ 8 (honours bachelor) is EQF 6: a second-cycle claim does not fit.
    findings = alignment.check_cycle(spec(cycle="second", nqf_level=level("IE-NFQ", "8"), eqf_level=None))
    assert messages(findings) == ["The QF-EHEA second cycle is at EQF level 7, not 6."]


def test_scottish_level_8_fits_the_short_cycle():
    assert alignment.check_cycle(spec(cycle="short", nqf_level=level("UK-SCQF", "8"), eqf_level=None)) == []


# --- Learning outcomes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "verb"),
    [
        ("Analyse data sets", "analyse"),
        ("1. Evaluate sources", "evaluate"),
        ("LO2: design a study", "design"),
        ("(a) Apply the method", "apply"),
        ("Students will be able to evaluate models", "evaluate"),
        ("On successful completion, learners will be able to justify a choice", "justify"),
        ("The learner can design studies", "design"),
        ("Knowledge of cloud computing", "knowledge"),
    ],
)
def test_the_first_word_skips_numbering_and_lead_ins(outcome, verb):
    assert alignment.first_word(outcome) == verb


@pytest.mark.parametrize(
    ("word", "band"),
    [
        ("list", "remember"),
        ("describes", "remember"),
        ("summarize", "remember"),
        ("apply", "apply"),
        ("analyze", "apply"),
        ("analyses", "apply"),
        ("evaluate", "create"),
        ("synthesize", "create"),
        ("cloud", None),
    ],
)
def test_verbs_fall_in_bands_in_either_spelling(word, band):
    assert alignment.verb_band(word) == band


@pytest.mark.parametrize("eqf", [6, 7, 8])
def test_remembering_verbs_alone_are_weak_from_eqf_6(eqf):
    findings = alignment.check_outcomes(
        spec(eqf_level=eqf, learning_outcomes="List the main theories\nDescribe the regulatory framework")
    )
    assert messages(findings, "warning") == [
        f"At EQF level {eqf} the outcomes only describe, list: verbs of remembering and understanding read below "
        "the level. Add outcomes that apply, analyse, evaluate or create."
    ]
    assert [f.element for f in findings] == ["learning_outcomes"]


@pytest.mark.parametrize("eqf", [1, 3, 5])
def test_the_same_verbs_are_fine_below_eqf_6(eqf):
    findings = alignment.check_outcomes(spec(eqf_level=eqf, learning_outcomes="List the tools\nDescribe the process"))
    assert findings == []


def test_one_higher_order_outcome_lifts_the_warning_at_eqf_6():
    findings = alignment.check_outcomes(
        spec(eqf_level=6, learning_outcomes="List the tools\nDescribe the process\nApply the method to a case")
    )
    assert findings == []


def test_the_level_is_taken_from_the_national_level_when_referenced():
    # IE-NFQ 9 is EQF 7 even though the specification declares nothing.
    findings = alignment.check_outcomes(
        spec(nqf_level=level("IE-NFQ", "9"), eqf_level=None, learning_outcomes="Define terms\nExplain the law")
    )
    assert "At EQF level 7 the outcomes only define, explain" in messages(findings, "warning")[0]


def test_at_eqf_7_outcomes_without_evaluating_or_creating_get_a_note():
    findings = alignment.check_outcomes(spec(eqf_level=7, learning_outcomes="Apply the method\nAnalyse the results"))
    assert [(f.severity, f.element) for f in findings] == [("info", "learning_outcomes")]
    assert "usually include evaluating or creating" in messages(findings)[0]
    assert alignment.check_outcomes(spec(eqf_level=6, learning_outcomes="Apply the method\nAnalyse the results")) == []


def test_outcomes_phrased_with_students_will_are_read_by_their_verb():
    findings = alignment.check_outcomes(
        spec(eqf_level=7, learning_outcomes="Students will be able to evaluate models\nLearners can design studies")
    )
    assert findings == []


def test_a_single_outcome_is_flagged():
    findings = alignment.check_outcomes(spec(learning_outcomes="Evaluate cloud architectures"))
    assert messages(findings, "warning") == ["Give at least two learning outcomes."]


def test_an_outcome_written_as_a_topic_is_a_warning():
    findings = alignment.check_outcomes(
        spec(learning_outcomes="Knowledge of cloud computing\nEvaluate cloud architectures")
    )
    assert messages(findings, "warning") == [
        "“Knowledge of cloud computing” names a topic, not what the learner can do: start with an action verb."
    ]


def test_an_outcome_with_an_unknown_first_word_is_information_only():
    findings = alignment.check_outcomes(
        spec(eqf_level=4, learning_outcomes="Bake sourdough bread\nApply food safety rules")
    )
    assert [(f.severity, str(f)) for f in findings] == [
        ("info", "“Bake sourdough bread” does not start with a recognised action verb.")
    ]


def test_long_outcomes_are_shortened_in_messages():
    findings = alignment.check_outcomes(spec(learning_outcomes="Cloud " * 40 + "\nApply rules"))
    assert str(findings[0]).endswith("…” does not start with a recognised action verb.")


def test_no_outcomes_give_no_outcome_findings_beyond_the_missing_element():
    assert alignment.check_outcomes(spec(learning_outcomes="")) == []


# --- Everything together --------------------------------------------------------------------------------


def test_a_well_aligned_specification_gets_only_its_derived_level():
    findings = alignment.check_specification(spec(nqf_level=level("IE-NFQ", "8"), eqf_level=6, cycle="first"))
    assert [(f.severity, str(f)) for f in findings] == [("info", "IE-NFQ 8 corresponds to EQF level 6.")]


def test_check_specification_orders_errors_first_and_covers_every_check():
    findings = alignment.check_specification(
        spec(
            awarding_body="",
            nqf_level=level("IE-NFQ", "8"),
            eqf_level=7,
            cycle="second",
            workload_hours=300,
            learning_outcomes="List the tools",
        )
    )
    severities = [f.severity for f in findings]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert [(f.severity, f.element) for f in findings] == [
        ("error", "awarding_body"),
        ("error", "level"),  # declared 7, derived 6
        ("error", "level"),  # second cycle at EQF 6
        ("error", "workload"),  # 60 h per credit
        ("warning", "learning_outcomes"),  # a single outcome
        ("warning", "learning_outcomes"),  # only "list" at EQF 6
        ("info", "level"),
    ]


def test_findings_by_severity_groups_them():
    findings = alignment.check_specification(spec(awarding_body="", ects=None, nqf_level=level("IE-NFQ", "7")))
    grouped = alignment.findings_by_severity(findings)
    assert [f.element for f in grouped["error"]] == ["awarding_body"]
    assert [f.element for f in grouped["warning"]] == ["workload"]
    assert [f.element for f in grouped["info"]] == ["level"]


def test_findings_are_immutable_values():
    finding = alignment.Finding("info", "level", "x")
    assert finding == alignment.Finding("info", "level", "x")
    with pytest.raises(AttributeError):
        finding.severity = "error"
