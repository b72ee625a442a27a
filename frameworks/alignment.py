"""Alignment checks of a micro-credential specification: pure functions that read a specification (and the
framework level it points to) and return findings for screening and reviewers. They inform; they never decide.

A specification is any object with the attributes of accreditation's `Specification` model. The reference facts
the checks rest on (hours per credit and their national conventions, which elements are mandatory) come in as a
`ReferenceFacts` snapshot of the admin-edited rows (`frameworks.reference`); the checks query nothing beyond
following the attributes of the objects passed in. Only `check_specification` and `missing_mandatory_elements`
load the snapshot themselves when a caller passes none; callers that check many specifications load it once.

The rules, stated so that providers and reviewers can check them:

- Mandatory elements (EU standard, Council Recommendation 2022/C 243/02, Annex I), as the reference data marks
  them: title, country or region of the issuer, awarding body, learning outcomes, notional workload, level
  ("where applicable": a provider may state that no level applies), type of assessment, form of participation,
  type of quality assurance. Learner identification and date of issuing describe each issued certificate, not the
  specification. A missing element is an error.
- Level: the EQF level is read from the national level's referencing row (a table, not a formula: Ireland NFQ 7
  and 8 are both EQF 6). A national level without referencing is an error, so is a declared EQF level that
  differs from the derived one; the derived level itself is reported as information.
- Workload: the credit system's hours per credit (ECTS: 25 to 30), or the issuer country's convention where it
  has one (Ireland: 20 to 25). Notional hours are estimates, so a tolerance of 10 % either side is accepted
  (for ECTS 22.5 to 33 hours per credit, bounds included) before a warning; beyond half the range either side
  (for ECTS under 12.5 or over 45 hours per credit) it is an error. Hours without ECTS is a warning: the
  standard asks for ECTS wherever possible. 60 ECTS or more is a warning: DEQAR counts a non-degree course as a
  micro-credential only under 60 ECTS.
- Cycle: the QF-EHEA short, first, second and third cycles sit at EQF 5, 6, 7 and 8; any other pairing is an
  error.
- Learning outcomes (read by `outcomes`, verb bands in `outcome_verbs`): domain headings ("Knowledge:") and
  lead-in lines ("On completion learners will be able to:") are not outcomes. Fewer than two outcomes is a
  warning. The verb lists are English: outcomes written in another language get one note saying so and no verb
  findings. An outcome that opens with a topic ("Knowledge of ...") or with a state of mind no assessment can
  observe ("The learner knows about ...") is a warning, one whose first word is not a verb the lists know is
  information; from EQF 6, outcomes that only remember and understand (list, describe, demonstrate an
  understanding of, ...) are a warning naming the verbs; from EQF 7, outcomes with no verb of evaluating or
  creating are information.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from .outcomes import first_word, guess_language, is_topic, is_unobservable, outcome_band, verb_band
from .outcomes import outcome_lines as read_outcome_lines
from .reference import HoursPerCredit, ReferenceFacts, load_reference_facts
from .vocabularies import Country, Language

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}

TOLERANCE = Decimal("0.10")  # accepted either side of the range before a warning
SEVERE = Decimal("0.50")  # beyond this either side, an error
MICRO_CREDENTIAL_ECTS_LIMIT = Decimal(60)

CYCLE_EQF = {"short": 5, "first": 6, "second": 7, "third": 8}
CYCLE_NAMES = {
    "short": _("short cycle"),
    "first": _("first cycle"),
    "second": _("second cycle"),
    "third": _("third cycle"),
}

MIN_OUTCOMES = 2
COUNTRY_NAMES = dict(Country.choices)
HIGHER_ORDER_FROM_EQF = 6
EVALUATE_CREATE_FROM_EQF = 7


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" | "warning" | "info"
    element: str  # code of the EU standard's element, e.g. "level", "workload", "learning_outcomes"
    message: str

    def __str__(self) -> str:
        return str(self.message)


# --- Level -------------------------------------------------------------------------------------------------


def derive_eqf_level(level) -> int | None:
    """The EQF level a framework level is referenced to; an EQF level is its own; None when not referenced."""
    if level is None:
        return None
    # A missing one-to-one row raises RelatedObjectDoesNotExist, an AttributeError: getattr's default covers it.
    referencing = getattr(level, "referencing", None)
    if referencing is not None:
        return referencing.eqf_level
    framework = getattr(level, "framework", None)
    if getattr(framework, "kind", None) == "eqf":
        return level.ordinal
    return None


def effective_eqf_level(spec) -> int | None:
    """The derived EQF level where the national level is referenced, else the declared one."""
    return derive_eqf_level(spec.nqf_level) or spec.eqf_level


def check_level(spec) -> list[Finding]:
    """The EQF level derived from the national level, and its agreement with a declared EQF level."""
    if getattr(spec, "level_not_applicable", False) and _either(spec.nqf_level, spec.eqf_level) is not None:
        message = _("You stated that no level applies, yet a level is given: remove one or the other.")
        return [Finding(ERROR, "level", message)]
    if spec.nqf_level is None:
        return []
    label = f"{spec.nqf_level.framework.code} {spec.nqf_level.code}"
    derived = derive_eqf_level(spec.nqf_level)
    if derived is None:
        message = _("%(level)s is not referenced to the EQF: choose a referenced level or give the EQF level.")
        return [Finding(ERROR, "level", message % {"level": label})]
    findings = [
        Finding(INFO, "level", _("%(level)s corresponds to EQF level %(eqf)s.") % {"level": label, "eqf": derived})
    ]
    if spec.eqf_level is not None and spec.eqf_level != derived:
        message = _("The declared EQF level %(declared)s does not match EQF %(derived)s derived from %(level)s.")
        findings.append(
            Finding(ERROR, "level", message % {"declared": spec.eqf_level, "derived": derived, "level": label})
        )
    return findings


def check_cycle(spec) -> list[Finding]:
    """A QF-EHEA cycle must sit at its EQF level."""
    eqf = effective_eqf_level(spec)
    expected = CYCLE_EQF.get(spec.cycle or "")
    if eqf is None or expected is None or expected == eqf:
        return []
    message = _("The QF-EHEA %(cycle)s is at EQF level %(expected)s, not %(eqf)s.")
    return [Finding(ERROR, "level", message % {"cycle": CYCLE_NAMES[spec.cycle], "expected": expected, "eqf": eqf})]


# --- Mandatory elements ------------------------------------------------------------------------------------


def _has(value) -> bool:
    # Objects (a Level) count as given without being turned into text, which could follow relations.
    if isinstance(value, str):
        return value.strip() != ""
    return value is not None


def _either(*values):
    return next((value for value in values if _has(value)), None)


def _level_or_statement(spec):
    """The level, or the provider's statement that no level applies (the standard asks for it where applicable)."""
    return _either(spec.nqf_level, spec.eqf_level) or (True if getattr(spec, "level_not_applicable", False) else None)


# How each element of the EU standard is read from a specification, in the standard's order, with its name.
ELEMENTS = (
    ("title", lambda spec: spec.title, _("Title of the micro-credential")),
    (
        "country",
        lambda spec: _either(spec.country, getattr(spec, "region", ""), getattr(spec, "other_countries", "")),
        _("Country or region of the issuer"),
    ),
    (
        "awarding_body",
        lambda spec: _either(spec.awarding_body, getattr(spec, "other_awarding_bodies", "")),
        _("Awarding body"),
    ),
    ("learning_outcomes", lambda spec: spec.learning_outcomes, _("Learning outcomes")),
    ("workload", lambda spec: _either(spec.workload_hours, spec.ects), _("Notional workload (hours or ECTS)")),
    ("level", _level_or_statement, _("Level (NQF or EQF), or a statement that no level applies")),
    ("assessment_type", lambda spec: spec.assessment_type, _("Type of assessment")),
    ("participation_form", lambda spec: spec.participation_form, _("Form of participation")),
    ("quality_assurance", lambda spec: spec.quality_assurance, _("Type of quality assurance")),
    ("prerequisites", lambda spec: getattr(spec, "prerequisites", ""), _("Prerequisites to enrol")),
    ("supervision", lambda spec: getattr(spec, "supervision", ""), _("Supervision and identity verification")),
    ("grading", lambda spec: getattr(spec, "grading", ""), _("Grade achieved")),
    ("stackability", lambda spec: getattr(spec, "stackability", ""), _("Integration and stackability options")),
    ("further_information", lambda spec: getattr(spec, "further_information", ""), _("Further information")),
)


def missing_mandatory_elements(spec, facts: ReferenceFacts | None = None) -> list[Finding]:
    """The elements the reference data marks mandatory that the specification lacks, as errors."""
    facts = facts or load_reference_facts()
    return [
        Finding(ERROR, code, _("Missing mandatory element: %(name)s.") % {"name": name})
        for code, read, name in ELEMENTS
        if code in facts.mandatory_elements and not _has(read(spec))
    ]


# --- Workload ----------------------------------------------------------------------------------------------


def _decimal(value) -> Decimal | None:
    if not _has(value):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number > 0 else None


def _number(value: Decimal) -> str:
    """A decimal without trailing zeros or exponent: 5.0 -> 5, 2.5 -> 2.5."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def accepted_hours_per_credit(hours: HoursPerCredit, margin: Decimal = TOLERANCE) -> tuple[Decimal, Decimal]:
    return hours.low * (1 - margin), hours.high * (1 + margin)


def _rule(hours: HoursPerCredit) -> str:
    """ "ECTS counts 25 to 30" or "ECTS in Ireland counts 20 to 25", in words."""
    values = {
        "system": hours.credit_system,
        "country": COUNTRY_NAMES.get(hours.country, hours.country),
        "low": _number(hours.low),
        "high": _number(hours.high),
    }
    if hours.country and hours.low == hours.high:
        return _("%(system)s in %(country)s counts %(low)s") % values
    if hours.country:
        return _("%(system)s in %(country)s counts %(low)s to %(high)s") % values
    if hours.low == hours.high:
        return _("%(system)s counts %(low)s") % values
    return _("%(system)s counts %(low)s to %(high)s") % values


def check_ects_given(spec) -> list[Finding]:
    """Hours without ECTS: the EU standard asks for the workload in ECTS wherever possible."""
    if _decimal(spec.workload_hours) is None or _decimal(spec.ects) is not None:
        return []
    message = _("Give the workload in ECTS as well: the EU standard asks for ECTS wherever possible.")
    return [Finding(WARNING, "workload", message)]


def check_hours_per_credit(spec, facts: ReferenceFacts) -> list[Finding]:
    """Hours per ECTS credit against the credit system's range or the issuer country's convention, with the
    tolerance stated in the module docstring."""
    hours, ects = _decimal(spec.workload_hours), _decimal(spec.ects)
    rule = facts.hours_for(getattr(spec, "country", ""))
    if hours is None or ects is None or rule is None:
        return []
    rate = hours / ects
    accepted_low, accepted_high = accepted_hours_per_credit(rule)
    if accepted_low <= rate <= accepted_high:
        return []
    severe_low, severe_high = accepted_hours_per_credit(rule, SEVERE)
    severity = WARNING if severe_low <= rate <= severe_high else ERROR
    message = _(
        "%(hours)s hours for %(ects)s ECTS is %(rate)s hours per credit: %(rule)s, and this check accepts %(low)s "
        "to %(high)s."
    )
    values = {
        "hours": _number(hours),
        "ects": _number(ects),
        "rate": _number(rate.quantize(Decimal("0.1")) if rate.adjusted() < 20 else rate.to_integral_value()),
        "rule": _rule(rule),
        "low": _number(accepted_low),
        "high": _number(accepted_high),
    }
    return [Finding(severity, "workload", message % values)]


def check_size(spec) -> list[Finding]:
    """60 ECTS or more is a full year of study: DEQAR counts micro-credentials under 60 ECTS."""
    ects = _decimal(spec.ects)
    if ects is None or ects < MICRO_CREDENTIAL_ECTS_LIMIT:
        return []
    message = _(
        "%(ects)s ECTS is not a micro-credential by DEQAR's definition, which counts non-degree courses under 60 ECTS."
    )
    return [Finding(WARNING, "workload", message % {"ects": _number(ects)})]


def check_workload(spec, facts: ReferenceFacts) -> list[Finding]:
    """The workload checks together (ECTS given, hours per credit, size)."""
    return [*check_ects_given(spec), *check_hours_per_credit(spec, facts), *check_size(spec)]


# --- Learning outcomes -------------------------------------------------------------------------------------


def outcome_lines(spec) -> list[str]:
    """The outcomes, one per line, without bullets, domain headings or lead-in lines."""
    return read_outcome_lines(spec.learning_outcomes or "")


def _quote(outcome: str) -> str:
    return outcome if len(outcome) <= 80 else outcome[:79] + "…"


def check_outcome_count(outcomes: list[str]) -> list[Finding]:
    if not outcomes or len(outcomes) >= MIN_OUTCOMES:
        return []
    return [Finding(WARNING, "learning_outcomes", _("Give at least two learning outcomes."))]


def check_outcome_language(outcomes: list[str]) -> list[Finding]:
    """Outcomes in another language than English: the verb check does not cover them, and says so."""
    if not outcomes:
        return []
    guess = guess_language(outcomes)
    if guess.english:
        return []
    language = dict(Language.choices).get(guess.language)
    if language:
        message = _(
            "These outcomes look written in %(language)s: the action-verb check covers English only, so their "
            "verbs were not checked."
        ) % {"language": language}
    else:
        message = _(
            "These outcomes do not look written in English: the action-verb check covers English only, so their "
            "verbs were not checked."
        )
    return [Finding(INFO, "learning_outcomes", message)]


def check_outcome_openings(outcomes: list[str]) -> list[Finding]:
    """Each outcome should say what the learner does, starting with an action verb."""
    findings = []
    for outcome in outcomes:
        word = first_word(outcome)
        if is_unobservable(word):
            message = _(
                "“%(outcome)s” states what the learner knows or understands, which no assessment can observe: "
                "say what the learner does (e.g. explain, apply, evaluate)."
            )
            findings.append(Finding(WARNING, "learning_outcomes", message % {"outcome": _quote(outcome)}))
        elif verb_band(word) is not None:
            continue
        elif is_topic(word):
            message = _("“%(outcome)s” names a topic, not what the learner can do: start with an action verb.")
            findings.append(Finding(WARNING, "learning_outcomes", message % {"outcome": _quote(outcome)}))
        else:
            message = _("“%(outcome)s” does not start with a recognised action verb.")
            findings.append(Finding(INFO, "learning_outcomes", message % {"outcome": _quote(outcome)}))
    return findings


def check_outcome_demand(outcomes: list[str], eqf: int | None) -> list[Finding]:
    """Outcomes whose verbs only remember and understand read below EQF 6 and up."""
    if eqf is None:
        return []
    words = [first_word(outcome) for outcome in outcomes]
    bands = [outcome_band(outcome) for outcome in outcomes]
    known = [(word, band) for word, band in zip(words, bands, strict=True) if band is not None]
    if not known:
        return []
    if eqf >= HIGHER_ORDER_FROM_EQF and all(band == "remember" for _word, band in known):
        message = _(
            "At EQF level %(eqf)s the outcomes only %(verbs)s: verbs of remembering and understanding read below "
            "the level. Add outcomes that apply, analyse, evaluate or create."
        )
        named = ", ".join(sorted({word for word, _band in known}))
        return [Finding(WARNING, "learning_outcomes", message % {"eqf": eqf, "verbs": named})]
    if eqf >= EVALUATE_CREATE_FROM_EQF and "create" not in bands:
        message = _(
            "At EQF level %(eqf)s outcomes usually include evaluating or creating (e.g. evaluate, justify, "
            "design); none of these outcomes does."
        )
        return [Finding(INFO, "learning_outcomes", message % {"eqf": eqf})]
    return []


def check_outcomes(spec) -> list[Finding]:
    """Number, language, opening and cognitive demand of the learning outcomes."""
    outcomes = outcome_lines(spec)
    language = check_outcome_language(outcomes)
    if language:
        return [*check_outcome_count(outcomes), *language]
    return [
        *check_outcome_count(outcomes),
        *check_outcome_openings(outcomes),
        *check_outcome_demand(outcomes, effective_eqf_level(spec)),
    ]


# --- All together ------------------------------------------------------------------------------------------

CHECKS = (
    missing_mandatory_elements,
    lambda spec, facts: check_level(spec),
    lambda spec, facts: check_cycle(spec),
    check_workload,
    lambda spec, facts: check_outcomes(spec),
)


def check_specification(spec, facts: ReferenceFacts | None = None) -> list[Finding]:
    """Every check, errors first, then warnings, then information (each group in the order of CHECKS). Pass the
    reference facts when checking many specifications; without them they are loaded for this one."""
    facts = facts or load_reference_facts()
    findings = [finding for check in CHECKS for finding in check(spec, facts)]
    return sorted(findings, key=lambda finding: SEVERITY_ORDER[finding.severity])


def findings_by_severity(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """The findings grouped as {"error": [...], "warning": [...], "info": [...]}."""
    grouped: dict[str, list[Finding]] = {ERROR: [], WARNING: [], INFO: []}
    for finding in findings:
        grouped[finding.severity].append(finding)
    return grouped
