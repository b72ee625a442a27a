"""The alignment checks, case by case, with the referencing facts they rest on."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from frameworks import alignment
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


def messages(findings, severity=None):
    return [str(f.message) for f in findings if severity is None or f.severity == severity]


@pytest.mark.parametrize(
    ("framework", "code", "eqf"),
    [
        ("IE-NFQ", "7", 6),
        ("IE-NFQ", "8", 6),  # Ireland: ordinary and honours bachelor both at EQF 6
        ("IE-NFQ", "10", 8),
        ("UK-SCQF", "7", 5),
        ("UK-SCQF", "8", 5),  # Scotland: SCQF 7 and 8 at EQF 5
        ("UK-RQF", "E3", 1),  # England: Entry 3 at EQF 1
        ("NL-NLQF", "4+", 4),
        ("HR-CROQF", "8.2", 8),
        ("DE-DQR", "6", 6),
        ("EQF", "3", 3),
        ("QF-EHEA", "second", 7),
    ],
)
def test_eqf_level_is_derived_from_the_referencing_table(framework, code, eqf):
    assert alignment.derive_eqf_level(level(framework, code)) == eqf


@pytest.mark.parametrize(
    ("framework", "code"), [("UK-SCQF", "1"), ("UK-RQF", "E1"), ("MT-MQF", "A"), ("NL-NLQF", "entry")]
)
def test_unreferenced_level_is_a_clear_error(framework, code):
    findings = alignment.check_level(spec(nqf_level=level(framework, code), eqf_level=None))
    assert findings[0].severity == "error"
    assert f"{framework} {code} is not referenced to the EQF" in str(findings[0].message)
    assert alignment.derive_eqf_level(level(framework, code)) is None


def test_derived_level_is_reported_and_a_contradicting_declared_level_is_an_error():
    good = alignment.check_level(spec(nqf_level=level("IE-NFQ", "8"), eqf_level=6))
    assert messages(good) == ["IE-NFQ 8 corresponds to EQF level 6."]
    bad = alignment.check_level(spec(nqf_level=level("IE-NFQ", "8"), eqf_level=7))
    assert "does not match EQF 6" in messages(bad, "error")[0]


@pytest.mark.parametrize(
    ("hours", "ects", "severity"),
    [
        (125, "5", None),  # 25 h/credit: the lower bound
        (150, "5", None),  # 30 h/credit: the upper bound
        (113, "5", None),  # 22.6 h: inside the 10 % tolerance (22.5)
        (112, "5", "warning"),  # 22.4 h: just below the tolerance
        (165, "5", None),  # 33 h: the tolerance's upper edge
        (166, "5", "warning"),  # 33.2 h: just above
        (62, "5", "error"),  # 12.4 h: below half the range
        (226, "5", "error"),  # 45.2 h: above 1.5 × 30
    ],
)
def test_workload_per_credit_boundaries(hours, ects, severity):
    findings = alignment.check_workload(spec(workload_hours=hours, ects=Decimal(ects)))
    assert [f.severity for f in findings] == ([severity] if severity else [])


def test_hours_without_ects_asks_for_ects():
    findings = alignment.check_workload(spec(workload_hours=40, ects=None))
    assert findings[0].severity == "warning" and "ECTS" in str(findings[0].message)


def test_sixty_ects_is_not_a_micro_credential():
    findings = alignment.check_workload(spec(workload_hours=1500, ects=Decimal(60)))
    assert any("not a micro-credential" in m for m in messages(findings, "warning"))


@pytest.mark.parametrize(
    ("cycle", "eqf", "ok"),
    [
        ("short", 5, True),
        ("first", 6, True),
        ("second", 7, True),
        ("third", 8, True),
        ("first", 7, False),
        ("second", 6, False),
    ],
)
def test_cycle_must_match_the_eqf_level(cycle, eqf, ok):
    findings = alignment.check_cycle(spec(cycle=cycle, eqf_level=eqf))
    assert (findings == []) is ok


def test_cycle_is_checked_against_the_derived_level():
    findings = alignment.check_cycle(spec(cycle="second", nqf_level=level("IE-NFQ", "8"), eqf_level=None))
    assert "at EQF level 7, not 6" in messages(findings)[0]


def test_missing_mandatory_elements_are_named():
    findings = alignment.missing_mandatory_elements(
        spec(awarding_body="", learning_outcomes="", workload_hours=None, ects=None, quality_assurance=" ")
    )
    assert [f.element for f in findings] == ["awarding_body", "learning_outcomes", "workload", "quality_assurance"]
    assert "Missing mandatory element: Awarding body." in messages(findings)


def test_a_complete_specification_lacks_nothing():
    assert alignment.missing_mandatory_elements(spec()) == []


def test_region_alone_satisfies_country_or_region():
    assert alignment.missing_mandatory_elements(spec(country="", region="Flanders")) == []


def test_remembering_verbs_are_weak_at_eqf_7():
    findings = alignment.check_outcomes(
        spec(eqf_level=7, learning_outcomes="List the main theories\nDescribe the regulatory framework")
    )
    warning = messages(findings, "warning")[0]
    assert "At EQF level 7" in warning and "describe, list" in warning


def test_the_same_verbs_are_fine_at_eqf_4():
    assert alignment.check_outcomes(spec(eqf_level=4, learning_outcomes="List the tools\nDescribe the process")) == []


def test_outcomes_phrased_with_students_will_are_read_by_their_verb():
    findings = alignment.check_outcomes(
        spec(eqf_level=7, learning_outcomes="Students will be able to evaluate models\nLearners can design studies")
    )
    assert findings == []


def test_single_outcome_and_missing_verbs_are_flagged():
    findings = alignment.check_outcomes(spec(learning_outcomes="Knowledge of cloud computing"))
    assert "Give at least two learning outcomes." in messages(findings, "warning")
    assert any("does not start with a recognised action verb" in m for m in messages(findings, "info"))


def test_check_specification_orders_errors_first():
    findings = alignment.check_specification(
        spec(awarding_body="", nqf_level=level("IE-NFQ", "8"), eqf_level=6, workload_hours=300)
    )
    severities = [f.severity for f in findings]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert severities[0] == "error"
