"""Alignment checks of a micro-credential specification: pure functions that read the specification (and the
level it points to) and return findings. They inform screening and reviewers; they never decide.

A specification is any object with the attributes of accreditation's `Specification` model.

Rules, stated so that users can check them:
- EQF level: derived from the national level through its referencing row; an unreferenced level is an error,
  and so is a declared EQF level that disagrees with the derived one.
- Workload: ECTS counts 25 to 30 hours per credit. We accept 10 % either side (22.5 to 33 hours per credit)
  before warning, because notional hours are estimates; outside 50 % of the range it is an error.
- Cycle: QF-EHEA short, first, second and third cycles sit at EQF 5, 6, 7 and 8.
- Learning outcomes: at least two, each starting with an action verb; at EQF 6 and above, outcomes that only use
  verbs of remembering and understanding ("list", "describe", ...) are too weak for the level.
- Size: DEQAR counts a non-degree course under 60 ECTS as a micro-credential; more than that is flagged.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

ERROR, WARNING, INFO = "error", "warning", "info"

HOURS_PER_CREDIT = (Decimal(25), Decimal(30))
TOLERANCE = Decimal("0.10")
SEVERE = Decimal("0.50")
MICRO_CREDENTIAL_MAX_ECTS = Decimal(60)

CYCLE_EQF = {"short": 5, "first": 6, "second": 7, "third": 8}

# Verbs by the cognitive level they usually express (a transparent, deliberately small list).
LOWER_ORDER_VERBS = frozenset(
    [
        "list",
        "describe",
        "identify",
        "define",
        "recall",
        "recognise",
        "recognize",
        "name",
        "state",
        "outline",
        "summarise",
        "summarize",
        "explain",
        "understand",
        "know",
        "remember",
        "match",
        "label",
        "repeat",
    ]
)
HIGHER_ORDER_VERBS = frozenset(
    [
        "analyse",
        "analyze",
        "apply",
        "evaluate",
        "assess",
        "design",
        "create",
        "develop",
        "formulate",
        "justify",
        "critique",
        "compare",
        "synthesise",
        "synthesize",
        "construct",
        "implement",
        "plan",
        "solve",
        "manage",
        "lead",
        "investigate",
        "integrate",
        "interpret",
        "demonstrate",
        "produce",
        "configure",
        "monitor",
        "build",
        "test",
        "appraise",
        "argue",
        "propose",
        "research",
        "communicate",
        "collaborate",
        "adapt",
        "select",
        "use",
        "perform",
        "operate",
        "calculate",
        "prepare",
        "organise",
        "organize",
    ]
)
NON_VERBS = frozenset(
    ["the", "a", "an", "an", "to", "of", "in", "on", "students", "learners", "participants", "be", "have"]
)


@dataclass(frozen=True)
class Finding:
    severity: str
    element: str
    message: str

    def __str__(self) -> str:
        return str(self.message)


def derive_eqf_level(level) -> int | None:
    """The EQF level a framework level is referenced to, or None when it is not referenced."""
    if level is None:
        return None
    referencing = getattr(level, "referencing", None)
    try:
        return referencing.eqf_level if referencing is not None else None
    except AttributeError:
        return None


def _has(value) -> bool:
    return value is not None and str(value).strip() != ""


def missing_mandatory_elements(spec) -> list[Finding]:
    """The mandatory elements of the EU standard that the specification lacks (learner identification and date of
    issuing belong to each issued credential, not to the specification)."""
    checks = [
        ("title", spec.title, _("Title of the micro-credential")),
        ("country", spec.country or getattr(spec, "region", ""), _("Country or region of the issuer")),
        ("awarding_body", spec.awarding_body, _("Awarding body")),
        ("learning_outcomes", spec.learning_outcomes, _("Learning outcomes")),
        (
            "workload",
            spec.workload_hours if _has(spec.workload_hours) else spec.ects,
            _("Notional workload (hours or ECTS)"),
        ),
        ("level", spec.nqf_level if spec.nqf_level is not None else spec.eqf_level, _("Level (NQF or EQF)")),
        ("assessment_type", spec.assessment_type, _("Type of assessment")),
        ("participation_form", spec.participation_form, _("Form of participation")),
        ("quality_assurance", spec.quality_assurance, _("Type of quality assurance")),
    ]
    return [
        Finding(ERROR, code, _("Missing mandatory element: %(name)s.") % {"name": name})
        for code, value, name in checks
        if not _has(value)
    ]


def check_level(spec) -> list[Finding]:
    if spec.nqf_level is None:
        return []
    derived = derive_eqf_level(spec.nqf_level)
    label = f"{spec.nqf_level.framework.code} {spec.nqf_level.code}"
    if derived is None:
        return [
            Finding(
                ERROR,
                "level",
                _("%(level)s is not referenced to the EQF: choose a referenced level or give the EQF level.")
                % {"level": label},
            )
        ]
    findings = [
        Finding(INFO, "level", _("%(level)s corresponds to EQF level %(eqf)s.") % {"level": label, "eqf": derived})
    ]
    if spec.eqf_level is not None and spec.eqf_level != derived:
        findings.append(
            Finding(
                ERROR,
                "level",
                _("The declared EQF level %(declared)s does not match EQF %(derived)s derived from %(level)s.")
                % {"declared": spec.eqf_level, "derived": derived, "level": label},
            )
        )
    return findings


def effective_eqf_level(spec) -> int | None:
    return derive_eqf_level(spec.nqf_level) or spec.eqf_level


def check_workload(spec) -> list[Finding]:
    hours, ects = spec.workload_hours, spec.ects
    if _has(hours) and not _has(ects):
        return [
            Finding(
                WARNING,
                "workload",
                _("Give the workload in ECTS as well: the EU standard asks for ECTS wherever possible."),
            )
        ]
    if not (_has(hours) and _has(ects)) or Decimal(ects) <= 0:
        return []
    per_credit = Decimal(hours) / Decimal(ects)
    low, high = HOURS_PER_CREDIT
    findings = []
    if low * (1 - TOLERANCE) <= per_credit <= high * (1 + TOLERANCE):
        pass
    else:
        severity = ERROR if not (low * (1 - SEVERE) <= per_credit <= high * (1 + SEVERE)) else WARNING
        findings.append(
            Finding(
                severity,
                "workload",
                _("%(hours)s hours for %(ects)s ECTS is %(rate)s hours per credit; ECTS counts 25 to 30.")
                % {"hours": hours, "ects": Decimal(ects).normalize(), "rate": per_credit.quantize(Decimal("0.1"))},
            )
        )
    if Decimal(ects) >= MICRO_CREDENTIAL_MAX_ECTS:
        findings.append(
            Finding(
                WARNING,
                "workload",
                _("%(ects)s ECTS is not a micro-credential by DEQAR's definition (under 60 ECTS).")
                % {"ects": Decimal(ects).normalize()},
            )
        )
    return findings


def check_cycle(spec) -> list[Finding]:
    eqf = effective_eqf_level(spec)
    if not spec.cycle or eqf is None:
        return []
    expected = CYCLE_EQF.get(spec.cycle)
    if expected is not None and expected != eqf:
        return [
            Finding(
                ERROR,
                "level",
                _("The %(cycle)s cycle of the QF-EHEA is at EQF level %(expected)s, not %(eqf)s.")
                % {"cycle": spec.cycle, "expected": expected, "eqf": eqf},
            )
        ]
    return []


def first_word(outcome: str) -> str:
    words = [w.strip(".,;:()").lower() for w in outcome.split()]
    words = [w for w in words if w]
    # "Be able to analyse ..." and "Students will analyse ..." start with their verb a few words in.
    while words and (words[0] in NON_VERBS or words[0] in {"will", "can", "able", "should"}):
        words.pop(0)
    return words[0] if words else ""


def outcome_lines(spec) -> list[str]:
    lines = getattr(spec, "outcome_lines", None)
    if lines is not None:
        return list(lines)
    return [line.strip(" -•\t") for line in (spec.learning_outcomes or "").splitlines() if line.strip(" -•\t")]


def check_outcomes(spec) -> list[Finding]:
    outcomes = outcome_lines(spec)
    if not outcomes:
        return []
    findings = []
    if len(outcomes) < 2:
        findings.append(Finding(WARNING, "learning_outcomes", _("Give at least two learning outcomes.")))
    verbs = [first_word(outcome) for outcome in outcomes]
    for outcome, verb in zip(outcomes, verbs, strict=True):
        if verb not in LOWER_ORDER_VERBS and verb not in HIGHER_ORDER_VERBS:
            findings.append(
                Finding(
                    INFO,
                    "learning_outcomes",
                    _("“%(outcome)s” does not start with a recognised action verb.") % {"outcome": outcome[:80]},
                )
            )
    eqf = effective_eqf_level(spec)
    if eqf is not None and eqf >= 6 and verbs and all(verb in LOWER_ORDER_VERBS for verb in verbs):
        findings.append(
            Finding(
                WARNING,
                "learning_outcomes",
                _(
                    "At EQF level %(eqf)s, outcomes that only %(verbs)s read below the level: "
                    "add outcomes that analyse, evaluate or create."
                )
                % {"eqf": eqf, "verbs": ", ".join(sorted(set(verbs)))},
            )
        )
    return findings


def check_specification(spec) -> list[Finding]:
    """Every check, errors first."""
    findings = [
        *missing_mandatory_elements(spec),
        *check_level(spec),
        *check_workload(spec),
        *check_cycle(spec),
        *check_outcomes(spec),
    ]
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    return sorted(findings, key=lambda finding: order[finding.severity])


def findings_by_severity(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {ERROR: [], WARNING: [], INFO: []}
    for finding in findings:
        grouped[finding.severity].append(finding)
    return grouped
