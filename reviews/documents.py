"""The review report's data, read from the panel, its consolidated judgements and the reviewers' verdicts (the
PDF builder is reports.pdf's). Registered with accreditation.documents when the reviews app starts."""

import datetime

from django.utils.translation import gettext as _

from frameworks.alignment import check_specification
from reports.pdf.documents import CredentialRow, ReportData, StandardRow

from .models import AlignmentVerdict
from .services import standards_of


def review_report_data(application, *, draft: bool) -> ReportData:
    panel = getattr(application, "panel", None)
    consolidation = getattr(panel, "consolidation", None) if panel else None
    judgements = {}
    if consolidation is not None:
        judgements = {
            j.standard_id: j for j in consolidation.judgements.select_related("value", "standard__standard_set")
        }
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
