"""The three documents of an accreditation: a pure builder for each, turning its data (the dataclasses below) into
PDF bytes. The data is read from the database by the layers that own it (accreditation.documents, and
reviews.documents for the review report)."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from .layout import facts_table, para, render, styles

ISSUER = "microcred-qa"


@dataclass
class StandardRow:
    code: str
    title: str
    judgement: str
    rationale: str


@dataclass
class CredentialRow:
    title: str
    level: str
    workload: str
    verdicts: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)


@dataclass
class ReportData:
    reference: str
    provider: str
    agency: str
    authority: str
    draft: bool
    panel: list[tuple[str, str]]
    standards: list[tuple[str, list[StandardRow]]]
    credentials: list[CredentialRow]
    recommendation: str
    conditions: list[str]
    summary: str
    comments: list[str]
    issued_on: datetime.date


def build_review_report(data: ReportData) -> bytes:
    s = styles()
    story = [para(_("Review report"), s["title"])]
    if data.draft:
        story.append(para(_("DRAFT for the provider's comments"), s["draft"]))
    story.append(
        facts_table(
            [
                (_("Application"), data.reference),
                (_("Provider"), data.provider),
                (_("QA agency"), data.agency),
                (_("Authority"), data.authority),
                (_("Issued"), data.issued_on.isoformat()),
            ],
            s,
        )
    )
    story.append(para(_("Review panel"), s["h2"]))
    story.extend(para(f"{name} — {role}", s["body"]) for name, role in data.panel)
    for set_title, rows in data.standards:
        story.append(para(set_title, s["h2"]))
        for row in rows:
            story.append(para(f"{row.code} {row.title}: {row.judgement}", s["h3"]))
            if row.rationale:
                story.append(para(row.rationale, s["body"]))
    story.append(para(_("Micro-credentials and their level alignment"), s["h2"]))
    for credential in data.credentials:
        story.append(para(f"{credential.title} ({credential.level}; {credential.workload})", s["h3"]))
        story.extend(para(f"• {outcome}", s["small"]) for outcome in credential.outcomes)
        story.extend(para(_("Reviewer: %(verdict)s") % {"verdict": v}, s["body"]) for v in credential.verdicts)
        story.extend(para(_("Automatic check: %(finding)s") % {"finding": f}, s["body"]) for f in credential.findings)
    story.append(para(_("Recommendation of the panel"), s["h2"]))
    story.append(para(data.recommendation, s["body"]))
    story.extend(para(f"• {condition}", s["body"]) for condition in data.conditions)
    if data.summary:
        story.append(para(data.summary, s["body"]))
    if data.comments:
        story.append(para(_("Annex: the provider's comments on the draft report"), s["h2"]))
        story.extend(para(comment, s["body"]) for comment in data.comments)
    title = _("Review report %(reference)s") % {"reference": data.reference}
    return render(
        story,
        title=title,
        author=data.agency,
        subject=data.provider,
        header=title,
        footer=data.agency,
        watermark=_("DRAFT") if data.draft else "",
    )


@dataclass
class LetterData:
    reference: str
    provider: str
    authority: str
    officer: str
    outcome: str
    positive: bool
    conditions: list[str]
    rationale: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    decided_on: datetime.date
    appeal_days: int


def build_decision_letter(data: LetterData) -> bytes:
    s = styles()
    story = [
        para(data.authority, s["h3"]),
        para(_("Decision on application %(reference)s") % {"reference": data.reference}, s["title"]),
        para(_("To: %(provider)s") % {"provider": data.provider}, s["body"]),
        para(_("Date: %(date)s") % {"date": data.decided_on.isoformat()}, s["body"]),
        Spacer(1, 4 * mm),
        para(_("Decision: %(outcome)s") % {"outcome": data.outcome}, s["h2"]),
    ]
    if data.valid_from:
        story.append(
            para(
                _("The accreditation is valid from %(start)s until %(end)s.")
                % {"start": data.valid_from.isoformat(), "end": data.valid_until.isoformat()},
                s["body"],
            )
        )
    if data.conditions:
        story.append(para(_("Conditions"), s["h2"]))
        story.extend(para(f"• {condition}", s["body"]) for condition in data.conditions)
    story.append(para(_("Reasons"), s["h2"]))
    story.append(para(data.rationale, s["body"]))
    story.append(para(_("Appeal"), s["h2"]))
    story.append(
        para(
            _(
                "The provider may appeal against this decision within %(days)s days of its date, in writing to the "
                "authority, stating the grounds of the appeal."
            )
            % {"days": data.appeal_days},
            s["body"],
        )
    )
    story.append(Spacer(1, 8 * mm))
    story.append(para(data.officer, s["body"]))
    story.append(para(data.authority, s["small"]))
    title = _("Decision letter %(reference)s") % {"reference": data.reference}
    return render(story, title=title, author=data.authority, subject=data.provider, header=title, footer=data.authority)


@dataclass
class CertificateData:
    certificate_id: str
    provider: str
    country: str
    scope: list[str]
    valid_from: datetime.date
    valid_until: datetime.date
    agency: str
    authority: str
    conditions: bool
    verify_url: str


def qr_drawing(url: str, size: float = 35 * mm) -> Drawing:
    widget = QrCodeWidget(url)
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0])
    drawing.add(widget)
    return drawing


def build_certificate(data: CertificateData) -> bytes:
    s = styles()
    story = [
        para(_("Accreditation certificate"), s["title"]),
        para(_("Trusted provider of micro-credentials"), s["h3"]),
        Spacer(1, 4 * mm),
        facts_table(
            [
                (_("Provider"), f"{data.provider} ({data.country})"),
                (_("Valid"), f"{data.valid_from.isoformat()} — {data.valid_until.isoformat()}"),
                (_("QA agency"), data.agency),
                (_("Authority"), data.authority),
                (_("Certificate id"), data.certificate_id),
                (_("Conditions"), _("Accredited with conditions") if data.conditions else _("None")),
            ],
            s,
        ),
        para(_("Scope"), s["h2"]),
        *(para(f"• {line}", s["body"]) for line in data.scope),
        Spacer(1, 6 * mm),
        qr_drawing(data.verify_url),
        para(_("Verify this certificate: %(url)s") % {"url": data.verify_url}, s["small"]),
    ]
    title = _("Accreditation certificate %(id)s") % {"id": data.certificate_id}
    return render(story, title=title, author=data.authority, subject=data.provider, header=title, footer=data.agency)
