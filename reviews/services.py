"""Writes of the review side: panels and their members, reviews, site visits and consolidation. Object
permissions on the application are granted on joining a panel and revoked on leaving it, here only."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from accreditation import audit
from accreditation.models import Application, Membership, Role
from accreditation.notifications import notify
from accreditation.permissions import REVIEW_APPLICATION_CODENAME, VIEW_APPLICATION_CODENAME
from frameworks.models import ScaleValue, Standard

from .models import (
    AlignmentVerdict,
    ConsolidatedJudgement,
    Consolidation,
    Judgement,
    Panel,
    PanelMember,
    Review,
    ReviewerProfile,
)


@dataclass(frozen=True)
class Seat:
    """A reviewer the coordinator puts on the panel, with the role and, for a detected conflict, the
    justification for appointing them anyway."""

    reviewer: object
    role: str
    justification: str = ""
    reasons: tuple[str, ...] = ()


def _grant(member: PanelMember) -> None:
    application = member.panel.application
    assign_perm(VIEW_APPLICATION_CODENAME, member.reviewer, application)
    assign_perm(REVIEW_APPLICATION_CODENAME, member.reviewer, application)


def _revoke(member: PanelMember) -> None:
    application = member.panel.application
    remove_perm(VIEW_APPLICATION_CODENAME, member.reviewer, application)
    remove_perm(REVIEW_APPLICATION_CODENAME, member.reviewer, application)


def _check_seat(seat: Seat, application: Application) -> None:
    from .conflicts import detect_conflicts

    pool = Membership.objects.filter(user=seat.reviewer, agency=application.agency, role=Role.REVIEWER)
    if not pool.exists():
        raise ValidationError(_("%(name)s is not a reviewer of this agency.") % {"name": person_name(seat.reviewer)})
    profile, _created = ReviewerProfile.objects.get_or_create(user=seat.reviewer)
    conflicts = detect_conflicts(profile=profile, application=application)
    if conflicts and not seat.justification.strip():
        raise ValidationError(
            _("%(name)s has a conflict of interest (%(conflicts)s): record a justification to appoint them anyway.")
            % {"name": person_name(seat.reviewer), "conflicts": "; ".join(c.detail for c in conflicts)}
        )


def _seat(panel: Panel, seat: Seat, by) -> PanelMember:
    _check_seat(seat, panel.application)
    member = PanelMember.objects.create(
        panel=panel,
        reviewer=seat.reviewer,
        role=seat.role,
        conflict_override=seat.justification,
        suggestion_reasons=list(seat.reasons),
    )
    _grant(member)
    audit.record(
        actor=by,
        verb="invited a reviewer",
        target=panel.application,
        data={"reviewer": seat.reviewer.pk, "role": seat.role, "justification": seat.justification},
    )
    notify(
        users=[seat.reviewer],
        subject=lambda: _("Invitation to review %(reference)s") % {"reference": panel.application.reference},
        message=lambda: (
            _("You are invited to the review panel of %(provider)s. Accept or decline in your review task.")
            % {"provider": panel.application.provider}
        ),
    )
    return member


@transaction.atomic
def compose_panel(*, application: Application, seats: list[Seat], by) -> Panel:
    """Seat the panel: one chair, a student member where the agency requires one, no unjustified conflict."""
    if not seats:
        raise ValidationError(_("A panel needs at least one reviewer."))
    reviewers = [seat.reviewer.pk for seat in seats]
    if len(set(reviewers)) != len(reviewers):
        raise ValidationError(_("A reviewer can sit only once on a panel."))
    if sum(seat.role == PanelMember.Role.CHAIR for seat in seats) != 1:
        raise ValidationError(_("Choose exactly one chair."))
    if application.agency.student_member_required and not any(s.role == PanelMember.Role.STUDENT for s in seats):
        raise ValidationError(_("This agency's panels include a student member."))
    panel, _created = Panel.objects.get_or_create(application=application, defaults={"agency": application.agency})
    for member in panel.members.current():
        _revoke(member)
        member.status = PanelMember.Status.REMOVED
        member.left_at = timezone.now()
        member.save(update_fields=["status", "left_at"])
    for seat in seats:
        _seat(panel, seat, by)
    return panel


@transaction.atomic
def record_site_visit(*, panel: Panel, visited_on, mode: str, notes: str, by) -> Panel:
    panel.site_visit_on = visited_on
    panel.site_visit_mode = mode
    panel.site_visit_notes = notes
    panel.full_clean()
    panel.save(update_fields=["site_visit_on", "site_visit_mode", "site_visit_notes"])
    audit.record(actor=by, verb="recorded the site visit", target=panel.application, data={"on": str(visited_on)})
    return panel


@transaction.atomic
def respond_to_invitation(*, member: PanelMember, accept: bool, declaration: str, by) -> PanelMember:
    """The reviewer accepts (declaring no conflict, or a possible one for the coordinator to judge) or declines,
    saying why."""
    member = PanelMember.objects.select_for_update().get(pk=member.pk)
    if member.reviewer_id != by.pk or member.status != PanelMember.Status.INVITED:
        raise ValidationError(_("This invitation is no longer open."))
    if not accept and not declaration.strip():
        raise ValidationError({"declaration": _("Say why you decline, so that the coordinator can find someone else.")})
    member.responded_at = timezone.now()
    member.conflict_declared = declaration
    if accept:
        member.status = PanelMember.Status.ACCEPTED
        if declaration.strip():
            # Accepting while declaring a possible conflict: the coordinator judges it (keep or replace).
            notify(
                users=[member.panel.application.coordinator],
                subject=lambda: (
                    _("%(name)s accepted to review %(reference)s and declared a possible conflict")
                    % {"name": person_name(by), "reference": member.panel.application.reference}
                ),
                message=lambda: (
                    _("Judge the declaration on the application page; replace the reviewer if needed: %(text)s")
                    % {"text": declaration}
                ),
            )
    else:
        member.status = PanelMember.Status.DECLINED
        member.left_at = member.responded_at
        _revoke(member)
        _hand_vacant_task_to_coordinator(member, by)
        notify(
            users=[member.panel.application.coordinator],
            subject=lambda: (
                _("%(name)s declined to review %(reference)s")
                % {"name": person_name(by), "reference": member.panel.application.reference}
            ),
            message=lambda: (
                _("Choose a replacement in your tasks. Reason given: %(declaration)s") % {"declaration": declaration}
            ),
        )
    member.save(update_fields=["status", "responded_at", "conflict_declared", "left_at"])
    audit.record(
        actor=by,
        verb="accepted the invitation" if accept else "declined the invitation",
        target=member.panel.application,
        data={"declaration": declaration},
    )
    return member


def _open_review_task(member: PanelMember):
    from viewflow.workflow.status import STATUS

    process = member.panel.application.process
    if process is None:
        return None
    return (
        process.task_set.filter(flow_task_type="HUMAN", status=STATUS.ASSIGNED, data__member=member.pk)
        .select_related("process")
        .first()
    )


def _hand_vacant_task_to_coordinator(member: PanelMember, by) -> None:
    """A declined seat's review task goes to the coordinator as a task to replace the reviewer (marked `vacant`
    in its data: the task stays the seat's branch of the review split, so the join still waits for it)."""
    from accreditation.services.tasks import reassign_task

    task = _open_review_task(member)
    coordinator = member.panel.application.coordinator
    if task is not None and coordinator is not None:
        reassign_task(task=task, to_user=coordinator, data={"reviewer": coordinator.pk, "vacant": True}, by=by)


def person_name(user) -> str:
    """How people are named in messages: their full name, or their username when they have none."""
    return user.get_full_name() or user.get_username()


@transaction.atomic
def chase_reviewer(*, member: PanelMember, by) -> None:
    """Remind a panel member of their open invitation or review."""
    if member.status not in (PanelMember.Status.INVITED, PanelMember.Status.ACCEPTED):
        raise ValidationError(_("This reviewer is no longer on the panel."))
    if hasattr(member, "review") and member.review.is_submitted:
        raise ValidationError(_("This reviewer has already submitted their review."))
    task = _open_review_task(member)
    notify(
        users=[member.reviewer],
        subject=lambda: _("Reminder: your review of %(reference)s") % {"reference": member.panel.application.reference},
        message=lambda: (
            _("The coordinator reminds you of your review of %(provider)s.")
            % {"provider": member.panel.application.provider}
        ),
        link=reverse("accreditation:task", args=[task.pk]) if task else "",
    )
    audit.record(
        actor=by, verb="chased a reviewer", target=member.panel.application, data={"reviewer": member.reviewer_id}
    )


@transaction.atomic
def replace_panel_member(*, member: PanelMember, seat: Seat, by) -> PanelMember:
    """Replace a reviewer who declined or is overdue; their open review task passes to the new reviewer."""
    from accreditation.services.tasks import reassign_task

    if member.status == PanelMember.Status.REMOVED:
        raise ValidationError(_("This reviewer has already been replaced."))
    if hasattr(member, "review") and member.review.is_submitted:
        raise ValidationError(_("This reviewer has already submitted their review."))
    panel = member.panel
    # Anyone who sits, sat or declined on this panel cannot take the seat (the one who declined least of all).
    if panel.members.filter(reviewer=seat.reviewer).exists():
        raise ValidationError(
            _("%(name)s is or was already on this panel: choose another reviewer.")
            % {"name": person_name(seat.reviewer)}
        )
    if member.status != PanelMember.Status.DECLINED:
        _revoke(member)
    member.status = PanelMember.Status.REMOVED
    member.left_at = member.left_at or timezone.now()
    member.save(update_fields=["status", "left_at"])
    new_member = _seat(panel, Seat(seat.reviewer, member.role, seat.justification, seat.reasons), by)
    open_task = _open_review_task(member)
    if open_task is not None:
        reassign_task(
            task=open_task,
            to_user=seat.reviewer,
            data={"reviewer": seat.reviewer.pk, "member": new_member.pk, "vacant": False},
            by=by,
        )
    audit.record(actor=by, verb="replaced a reviewer", target=panel.application, data={"old": member.reviewer_id})
    return new_member


def standards_of(application: Application):
    return Standard.objects.filter(standard_set__in=application.standard_sets.all()).select_related(
        "standard_set__scale"
    )


def _validate_value(standard: Standard, value: ScaleValue) -> None:
    if value.scale_id != standard.standard_set.scale_id:
        raise ValidationError(
            _("“%(value)s” is not on the scale of %(standard)s.") % {"value": value, "standard": standard.code}
        )


def _write_rows(model, review: Review, key: str, wanted: dict, cleared: list | None = None) -> None:
    """Make the review's rows of `model` (one per `key` value) hold `wanted` {key value: field values}: those
    that changed updated in one statement, the new ones inserted in one, the `cleared` ones deleted in one."""
    if cleared:
        model.objects.filter(review=review, **{f"{key}__in": cleared}).delete()
    if not wanted:
        return
    existing = {getattr(row, key): row for row in model.objects.filter(review=review, **{f"{key}__in": list(wanted)})}
    changed, new = [], []
    for value, fields in wanted.items():
        row = existing.get(value)
        if row is None:
            new.append(model(review=review, **{key: value}, **fields))
        elif any(getattr(row, name) != field for name, field in fields.items()):
            for name, field in fields.items():
                setattr(row, name, field)
            changed.append(row)
    names = sorted({name for fields in wanted.values() for name in fields})
    if changed:
        model.objects.bulk_update(changed, names)
    if new:
        model.objects.bulk_create(new)


def review_for(member: PanelMember) -> Review:
    review, _created = Review.objects.get_or_create(member=member)
    return review


@transaction.atomic
def save_review(*, review: Review, judgements: dict, verdicts: dict, recommendation: str, summary: str, by) -> Review:
    """Save a draft: judgements {standard_id: (value, rationale, evidence)} and verdicts
    {version_id: (level_ok, workload_ok, reason)}. Submitted reviews are read-only."""
    review = Review.objects.select_for_update().select_related("member__panel__application").get(pk=review.pk)
    member = review.member
    if member.reviewer_id != by.pk or member.status not in (PanelMember.Status.ACCEPTED, PanelMember.Status.INVITED):
        raise ValidationError(_("You are no longer on this panel."))
    if review.is_submitted:
        raise ValidationError(_("This review has been submitted and can no longer be changed."))
    application = member.panel.application
    standards = {s.pk: s for s in standards_of(application)}
    for standard_id, (value, _rationale, _evidence) in judgements.items():
        if standard_id not in standards:
            raise ValidationError(_("That standard is not in the set this application is reviewed against."))
        if value is not None:
            _validate_value(standards[standard_id], value)
    version_ids = set(application.submitted_versions.values_list("pk", flat=True))
    if any(version_id not in version_ids for version_id in verdicts):
        raise ValidationError(_("That micro-credential is not part of this application."))
    # Written in bulk (the review row is locked above, so no other save of it runs meanwhile): a handful of
    # statements per save instead of an update_or_create in its own savepoint for each judgement (issue 17).
    _write_rows(
        Judgement,
        review,
        "standard_id",
        {
            standard_id: {"value_id": value.pk, "rationale": rationale, "evidence": evidence}
            for standard_id, (value, rationale, evidence) in judgements.items()
            if value is not None
        },
        cleared=[standard_id for standard_id, (value, _r, _e) in judgements.items() if value is None],
    )
    _write_rows(
        AlignmentVerdict,
        review,
        "version_id",
        {
            version_id: {"level_confirmed": level_ok, "workload_confirmed": workload_ok, "reason": reason}
            for version_id, (level_ok, workload_ok, reason) in verdicts.items()
            if level_ok is not None and workload_ok is not None
        },
    )
    review.recommendation = recommendation
    review.summary = summary
    review.save(update_fields=["recommendation", "summary", "updated_at"])
    return review


def review_problems_by_field(review: Review) -> dict[str, list[str]]:
    """What stops a review from being submitted, keyed by the review form's field it is about."""
    application = review.member.panel.application
    problems: dict[str, list[str]] = {}
    judged = {j.standard_id: j for j in review.judgements.select_related("value")}
    for standard in standards_of(application):
        judgement = judged.get(standard.pk)
        if judgement is None:
            problems[f"value_{standard.pk}"] = [
                _("Judge standard %(code)s %(title)s.") % {"code": standard.code, "title": standard.title}
            ]
        elif not judgement.value.is_positive and not judgement.rationale.strip():
            problems[f"rationale_{standard.pk}"] = [
                _("Give a rationale for %(code)s: it is judged “%(value)s”.")
                % {"code": standard.code, "value": judgement.value}
            ]
    verdicts = {v.version_id: v for v in review.verdicts.all()}
    for version in application.submitted_versions.all():
        verdict = verdicts.get(version.pk)
        if verdict is None:
            problems[f"level_{version.pk}"] = [
                _("Confirm or dispute the level and workload of “%(title)s”.") % {"title": version.title}
            ]
        elif verdict.disputed and not verdict.reason.strip():
            problems[f"reason_{version.pk}"] = [
                _("Give the reason for disputing “%(title)s”.") % {"title": version.title}
            ]
    if not review.recommendation:
        problems["recommendation"] = [_("Give your overall recommendation.")]
    return problems


@transaction.atomic
def submit_review(*, review: Review, by) -> Review:
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.member.reviewer_id != by.pk or review.member.status != PanelMember.Status.ACCEPTED:
        raise ValidationError(_("Accept the invitation before submitting a review."))
    if review.is_submitted:
        raise ValidationError(_("This review has already been submitted."))
    problems = review_problems_by_field(review)
    if problems:
        raise ValidationError(problems)
    review.submitted_at = timezone.now()
    review.save(update_fields=["submitted_at"])
    audit.record(actor=by, verb="submitted a review", target=review.member.panel.application)
    return review


@transaction.atomic
def save_consolidation(
    *, panel: Panel, judgements: dict, recommendation: str, conditions: str, summary: str, by
) -> Consolidation:
    """The coordinator's consolidated judgement per standard {standard_id: (value, rationale)} and the panel's
    recommendation."""
    consolidation, _created = Consolidation.objects.select_for_update().get_or_create(panel=panel)
    if consolidation.completed_at and panel.application.status != Application.Status.CONSOLIDATION:
        raise ValidationError(_("This consolidation is complete."))
    standards = {s.pk: s for s in standards_of(panel.application)}
    for standard_id, (value, rationale) in judgements.items():
        if standard_id not in standards:
            raise ValidationError(_("That standard is not in the set this application is reviewed against."))
        if value is None:
            continue
        _validate_value(standards[standard_id], value)
        ConsolidatedJudgement.objects.update_or_create(
            consolidation=consolidation, standard_id=standard_id, defaults={"value": value, "rationale": rationale}
        )
    consolidation.recommendation = recommendation
    consolidation.conditions = conditions if recommendation == "accredit_with_conditions" else ""
    consolidation.summary = summary
    consolidation.full_clean()
    consolidation.save()
    return consolidation


def consolidation_problems(consolidation: Consolidation) -> list[str]:
    problems = []
    judged = set(consolidation.judgements.values_list("standard_id", flat=True))
    for standard in standards_of(consolidation.panel.application):
        if standard.pk not in judged:
            problems.append(_("Record the panel's judgement of %(code)s.") % {"code": standard.code})
    if not consolidation.recommendation:
        problems.append(_("Record the panel's recommendation."))
    return problems


@transaction.atomic
def complete_consolidation(*, consolidation: Consolidation, by) -> Consolidation:
    """Close the consolidation and send the draft report to the provider for comments."""
    from accreditation.services.applications import open_comment_period

    problems = consolidation_problems(consolidation)
    if problems:
        raise ValidationError(problems)
    consolidation.completed_at = timezone.now()
    consolidation.save(update_fields=["completed_at"])
    audit.record(
        actor=by,
        verb="consolidated the reviews",
        target=consolidation.panel.application,
        data={"recommendation": consolidation.recommendation},
    )
    open_comment_period(application=consolidation.panel.application, by=by)
    return consolidation


@transaction.atomic
def save_reviewer_profile(*, profile_form, employment, by) -> None:
    """Save the reviewer's own profile and past employment (validated forms), as one change in the audit trail."""
    profile = profile_form.save()
    employment.save()
    audit.record(actor=by, verb="updated the reviewer profile", target=profile)
