"""PDF builders: data in, bytes out (the data is read by accreditation.documents and reviews.documents)."""

from .documents import build_certificate, build_decision_letter, build_review_report

__all__ = ["build_certificate", "build_decision_letter", "build_review_report"]
