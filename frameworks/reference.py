"""The reference facts the alignment checks read, as one frozen snapshot: hours per credit (with national
conventions) and which elements of the EU standard are mandatory. The snapshot is loaded from the rows the admin
edits, once per request or per batch, and passed to the checks, which stay pure (no queries of their own)."""

from dataclasses import dataclass, field
from decimal import Decimal

from .models import CredentialElement, CreditSystem

CREDIT_SYSTEM = "ECTS"


@dataclass(frozen=True)
class HoursPerCredit:
    """A range of hours per credit and whose rule it is ("ECTS", or ECTS as a country counts it)."""

    low: Decimal
    high: Decimal
    credit_system: str = CREDIT_SYSTEM
    country: str = ""  # ISO code of the national convention, empty for the credit system's own range
    note: str = ""


@dataclass(frozen=True)
class ReferenceFacts:
    """What the checks need to know from the reference data."""

    # None when the credit system is not in the reference data: the hours-per-credit check then says nothing.
    hours_per_credit: HoursPerCredit | None
    national_hours: tuple[HoursPerCredit, ...] = ()
    # Codes of the mandatory elements that describe a specification (not those of each issued certificate).
    mandatory_elements: frozenset[str] = field(default_factory=frozenset)

    def hours_for(self, country: str | None) -> HoursPerCredit | None:
        """The country's convention where it has one, else the credit system's range."""
        for convention in self.national_hours:
            if country and convention.country == country:
                return convention
        return self.hours_per_credit


def load_reference_facts(credit_system: str = CREDIT_SYSTEM) -> ReferenceFacts:
    """The snapshot of the reference data as it is now (two queries)."""
    system = CreditSystem.objects.prefetch_related("conventions").filter(code=credit_system).first()
    elements = CredentialElement.objects.filter(mandatory=True, on_issued_credential_only=False)
    mandatory = frozenset(elements.values_list("code", flat=True))
    if system is None:
        return ReferenceFacts(hours_per_credit=None, mandatory_elements=mandatory)
    return ReferenceFacts(
        hours_per_credit=HoursPerCredit(
            Decimal(system.hours_per_credit_min), Decimal(system.hours_per_credit_max), system.code, "", system.note
        ),
        national_hours=tuple(
            HoursPerCredit(
                Decimal(convention.hours_per_credit_min),
                Decimal(convention.hours_per_credit_max),
                system.code,
                convention.country,
                convention.source_note,
            )
            for convention in system.conventions.all()
        ),
        mandatory_elements=mandatory,
    )
