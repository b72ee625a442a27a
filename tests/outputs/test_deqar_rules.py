"""The rules of reports.deqar on plain data: what DEQAR v2 can hold is sent, the rest left out with a reason."""

import datetime
from decimal import Decimal

from reports.deqar import Institution, Programme, ReportData, build_report, institution_reference

from .deqar_v2 import Registry, validate


def data(**changes) -> ReportData:
    values = {
        "local_identifier": "APP-1",
        "agency": "QAI",
        "activities": ("182",),
        "hei_voluntary": False,
        "outcome": "accredit",
        "valid_from": datetime.date(2026, 1, 1),
        "valid_to": datetime.date(2032, 1, 1),
        "institution": Institution(name="Atlantic University", is_hei=True, eter_id="IE0001"),
        "institutional": False,
        "programmes": (Programme(title="Data analysis", eqf_level=6, ects=Decimal("5"), assessed=True),),
    }
    return ReportData(**{**values, **changes})


def test_one_identifier_in_deqars_order_of_preference():
    assert institution_reference(Institution("A", True, deqar_id="D1", eter_id="E1", pic="123456789")) == {
        "deqar_id": "D1"
    }
    assert institution_reference(Institution("A", True, eter_id="E1", pic="123456789")) == {"eter_id": "E1"}
    assert institution_reference(Institution("A", True, erasmus_code="IRL X01", pic="123456789")) == {
        "identifier": "IRL X01",
        "resource": "Erasmus",
    }
    long_id = "N" * 51  # DEQAR's identifier holds 50 characters
    assert institution_reference(Institution("A", True, national_id=long_id)) is None


def test_programmes_deqar_cannot_hold_are_left_out_with_a_reason():
    result = build_report(
        data(
            programmes=(
                Programme(title="Whole", eqf_level=7, ects=Decimal("10.0"), assessed=True, nqf_level="9"),
                Programme(title="Half", eqf_level=6, ects=Decimal("0.5"), assessed=True),
                Programme(title="Level 3", eqf_level=3, ects=Decimal("5"), assessed=True),
                Programme(title="No level", ects=Decimal("5"), assessed=True),
                Programme(title="Unassessed", eqf_level=6, ects=Decimal("5")),
            )
        )
    )
    assert [p["name_primary"] for p in result.report["programmes"]] == ["Whole"]
    assert result.report["programmes"][0]["workload_ects"] == 10
    assert result.report["programmes"][0]["nqf_level"] == "level 9"
    assert len(result.warnings) == 4
    assert validate(result.report, Registry(institutions={"IE0001": False})) == []


def test_status_is_voluntary_for_other_providers_and_by_the_agencys_setting_for_heis():
    vet = Institution(name="Skills", is_hei=False, eter_id="IE0001")
    assert build_report(data(institution=vet)).report["status"] == "voluntary"
    assert build_report(data()).report["status"] == "part of obligatory EQA system"
    assert build_report(data(hei_voluntary=True)).report["status"] == "voluntary"
    # The stand-in DEQAR refuses an obligatory report on an other provider, as DEQAR does.
    wrong = {**build_report(data(institution=vet)).report, "status": "part of obligatory EQA system"}
    assert any("voluntary" in message for _, message in validate(wrong, Registry(institutions={"IE0001": True})))


def test_a_report_deqar_cannot_take_is_not_sent_and_says_why():
    result = build_report(data(activities=(), agency="", institution=Institution(name="Nameless", is_hei=False)))
    assert result.report is None
    assert len(result.warnings) == 3
    empty = build_report(data(programmes=(Programme(title="Level 2", eqf_level=2, ects=Decimal("5"), assessed=True),)))
    assert empty.report is None


def test_refusals_and_conditions_are_reported_without_nulls():
    refusal = build_report(data(outcome="refuse", valid_to=None, summary="Assessment not covered."))
    assert refusal.report["decision"] == "negative" and "valid_to" not in refusal.report
    conditional = build_report(data(outcome="accredit_with_conditions", conditions=("Report yearly", "Add a panel")))
    assert conditional.report["summary"] == "Conditions: (1) Report yearly (2) Add a panel"
    assert "None" not in repr(conditional.report)
