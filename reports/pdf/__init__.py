"""PDF builders: data in, bytes out. `build_document` picks the builder for an issued document's kind."""

from .documents import (
    build_certificate,
    build_decision_letter,
    build_review_report,
    certificate_data,
    decision_letter_data,
    review_report_data,
)


def build_document(*, kind: str, application, decision=None) -> bytes:
    if kind in ("draft_report", "final_report"):
        return build_review_report(review_report_data(application, draft=kind == "draft_report"))
    if kind == "decision_letter":
        return build_decision_letter(decision_letter_data(application, decision))
    if kind == "certificate":
        return build_certificate(certificate_data(application.register_entry))
    raise ValueError(f"Unknown document kind: {kind}")


__all__ = ["build_certificate", "build_decision_letter", "build_document", "build_review_report"]
