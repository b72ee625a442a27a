"""What goes into each issued document, read from the models: the data of the decision letter and the
certificate, and the choice of builder for a document's kind. The PDF builders are reports.pdf's (data in, bytes
out). The review report's data is the reviews app's (panel, judgements, verdicts): it registers its function here
when it starts, since this layer sits below it; so does the trust app its PAdES seal (trust.seals), which every
issued document carries."""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from config.site import site_url
from reports.pdf import build_certificate, build_decision_letter, build_review_report
from reports.pdf.documents import CertificateData, LetterData, ReportData

_review_report_data: Callable[..., ReportData] | None = None
_sealer: Callable[..., bytes] | None = None


def set_sealer(function: Callable[..., bytes]) -> None:
    """Register `function(pdf_bytes, *, reason)`, which seals a PDF (trust.seals.seal_pdf)."""
    global _sealer
    _sealer = function


def seal(content: bytes, *, reason: str) -> bytes:
    """The PDF sealed by the registered sealer; without one, nothing is issued unsealed."""
    if _sealer is None:
        raise ImproperlyConfigured("No PDF sealer is registered (the trust app registers trust.seals.seal_pdf).")
    return _sealer(content, reason=reason)


def set_review_report_data(function: Callable[..., ReportData]) -> None:
    """Register `function(application, *, draft)`, which reads a review report's data (reviews.documents)."""
    global _review_report_data
    _review_report_data = function


def review_report_data(application, *, draft: bool) -> ReportData:
    if _review_report_data is None:
        raise ImproperlyConfigured("No review report data function is registered (the reviews app registers it).")
    return _review_report_data(application, draft=draft)


def decision_letter_data(application, decision) -> LetterData:
    return LetterData(
        reference=application.reference,
        provider=application.provider.legal_name,
        authority=decision.authority.name,
        officer=decision.officer.get_full_name() or decision.officer.get_username(),
        outcome=decision.get_outcome_display(),
        positive=decision.is_positive,
        conditions=decision.condition_lines,
        rationale=decision.rationale,
        valid_from=decision.valid_from,
        valid_until=decision.valid_until,
        decided_on=decision.decided_at.date() if decision.decided_at else datetime.date.today(),
        appeal_days=settings.ACCREDITATION["APPEAL_PERIOD_DAYS"],
    )


def verification_url(certificate_id: str) -> str:
    try:
        path = reverse("register:verify", args=[certificate_id])
    except NoReverseMatch:
        path = f"/register/verify/{certificate_id}/"
    return f"{site_url()}{path}"


def certificate_data(entry) -> CertificateData:
    if entry.institutional:
        scope = [
            _("Institutional: EQF levels %(low)s to %(high)s")
            % {"low": entry.scope_eqf_min, "high": entry.scope_eqf_max}
        ]
    else:
        scope = [
            f"{item.title} (EQF {item.eqf_level or '—'}, {item.ects or '—'} ECTS)"
            for item in entry.scope_items.order_by("title")
        ]
    return CertificateData(
        certificate_id=entry.certificate_id,
        provider=entry.provider.legal_name,
        country=entry.provider.get_country_display(),
        scope=scope,
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
        agency=entry.agency.name,
        authority=entry.authority.name,
        conditions=entry.with_conditions,
        verify_url=verification_url(entry.certificate_id),
    )


def build_document(*, kind: str, application, decision=None) -> bytes:
    """The PDF of an issued document's kind, built from the current data."""
    if kind in ("draft_report", "final_report"):
        return build_review_report(review_report_data(application, draft=kind == "draft_report"))
    if kind == "decision_letter":
        return build_decision_letter(decision_letter_data(application, decision))
    if kind == "certificate":
        return build_certificate(certificate_data(application.register_entry))
    raise ValueError(f"Unknown document kind: {kind}")
