"""The three documents of an accreditation. Each has a data function that reads the database and a pure builder
that turns the data into PDF bytes."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from config.site import site_url

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


def review_report_data(application, *, draft: bool) -> ReportData:
    from frameworks.alignment import check_specification

    panel = getattr(application, "panel", None)
    consolidation = getattr(panel, "consolidation", None) if panel else None
    judgements = {}
    if consolidation is not None:
        judgements = {
            j.standard_id: j for j in consolidation.judgements.select_related("value", "standard__standard_set")
        }
    from reviews.services import standards_of

    groups: dict[str, list[StandardRow]] = {}
    for standard in standards_of(application).order_by("standard_set__code", "ordinal"):
        judgement = judgements.get(standard.pk)
        groups.setdefault(standard.standard_set.title, []).append(
            StandardRow(
                standard.code,
                standard.title,
                judgement.value.label if judgement else "—",
                judgement.rationale if judgement else "",
            )
        )
    verdicts: dict[int, list[str]] = {}
    if panel is not None:
        from reviews.models import AlignmentVerdict

        for verdict in AlignmentVerdict.objects.filter(review__member__panel=panel, review__submitted_at__isnull=False):
            verdicts.setdefault(verdict.version_id, []).append(
                _("level %(level)s, workload %(workload)s%(reason)s")
                % {
                    "level": _("confirmed") if verdict.level_confirmed else _("disputed"),
                    "workload": _("confirmed") if verdict.workload_confirmed else _("disputed"),
                    "reason": f": {verdict.reason}" if verdict.reason else "",
                }
            )
    credentials = [
        CredentialRow(
            title=version.title,
            level=f"EQF {version.eqf_level}" if version.eqf_level else "—",
            workload=f"{version.ects or '—'} ECTS, {version.workload_hours or '—'} h",
            verdicts=verdicts.get(version.pk, []),
            findings=[f"{f.severity}: {f.message}" for f in check_specification(version) if f.severity != "info"],
            outcomes=version.outcome_lines,
        )
        for version in application.submitted_versions.select_related("nqf_level__referencing", "nqf_level__framework")
    ]
    members = panel.members.current().select_related("reviewer") if panel else []
    return ReportData(
        reference=application.reference,
        provider=application.provider.legal_name,
        agency=application.agency.name,
        authority=application.authority.name,
        draft=draft,
        panel=[(m.reviewer.get_full_name() or m.reviewer.get_username(), m.get_role_display()) for m in members],
        standards=list(groups.items()),
        credentials=credentials,
        recommendation=consolidation.get_recommendation_display() if consolidation else "—",
        conditions=[c for c in (consolidation.conditions if consolidation else "").splitlines() if c.strip()],
        summary=consolidation.summary if consolidation else "",
        comments=[] if draft else [c.text for c in application.report_comments.all()],
        issued_on=datetime.date.today(),
    )


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
        appeal_days=settings.ACCREDITATION.get("APPEAL_PERIOD_DAYS", 30),
    )


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
