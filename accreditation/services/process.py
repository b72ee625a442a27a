"""Services the accreditation flow calls as the process moves: status, hand-over notices, closing, publishing,
reminders. Nothing else assigns an application's status."""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit
from ..models import Application, Decision, IssuedDocument
from ..notifications import notify
from .documents import issue_document
from .register import publish_register_entry


@transaction.atomic
def move_application(*, application: Application, status: str) -> None:
    if application.status == status:
        return
    previous = application.status
    application.status = status
    application.save(update_fields=["status"])
    audit.record(actor=None, verb="moved", target=application, data={"from": previous, "to": status})


def announce_task(*, task) -> None:
    """Tell the person a new task was assigned to, with a link to it."""
    application = task.process.application
    notify(
        users=[task.owner],
        subject=lambda: (
            _("New task: %(task)s (%(reference)s)")
            % {"task": task.flow_task.task_title, "reference": application.reference}
        ),
        message=lambda: (
            _("A task was assigned to you: %(task)s, for application %(reference)s of %(provider)s.")
            % {"task": task.flow_task.task_title, "reference": application.reference, "provider": application.provider}
        ),
        link=reverse("accreditation:task", args=[task.pk]),
    )


# The process layer (process/flows.py) plugs the accreditation flow's start in here: this layer never imports it.
_starters: list[Callable] = []


def on_submit(starter: Callable) -> Callable:
    """Register what starts the accreditation process of a submitted application (`starter(application=, by=)`)."""
    if starter not in _starters:
        _starters.append(starter)
    return starter


def start_accreditation(*, application: Application, by) -> None:
    """Start the accreditation process of a submitted application (called by the submission service)."""
    if not _starters:
        raise ImproperlyConfigured("No accreditation flow is registered: is the process app installed?")
    for starter in _starters:
        starter(application=application, by=by)


@transaction.atomic
def attach_process(*, application: Application, process, by) -> None:
    application.process = process
    application.save(update_fields=["process"])
    audit.record(actor=by, verb="started the accreditation process", target=application)


def latest_decision(application: Application) -> Decision:
    return application.decisions.order_by("-decided_at", "-pk").first()


def review_assignments(application: Application) -> list[dict]:
    """One review task per current panel member."""
    members = application.panel.members.current().order_by("pk")
    return [{"reviewer": member.reviewer_id, "member": member.pk} for member in members]


@transaction.atomic
def close_application(*, application: Application, status: str) -> None:
    move_application(application=application, status=status)
    application.closed_at = timezone.now()
    application.save(update_fields=["closed_at"])
    staff = application.provider.memberships.select_related("user")
    notify(
        users=[m.user for m in staff],
        subject=lambda: (
            _("Application %(reference)s: %(status)s")
            % {"reference": application.reference, "status": application.get_status_display()}
        ),
        message=lambda: (
            _("The accreditation process of application %(reference)s has ended: %(status)s.")
            % {"reference": application.reference, "status": application.get_status_display()}
        ),
        link=reverse("accreditation:application-detail", args=[application.pk]),
    )


@transaction.atomic
def publish_accreditation(*, application: Application) -> None:
    """Publish a positive decision on the register, issue the certificate and close the application."""
    decision = application.decisions.final().get()
    publish_register_entry(application=application, decision=decision, by=decision.officer)
    issue_document(
        application=application, kind=IssuedDocument.Kind.CERTIFICATE, by=decision.officer, decision=decision
    )
    close_application(
        application=application,
        status=Application.Status.ACCREDITED
        if decision.outcome == Decision.Outcome.ACCREDIT
        else Application.Status.ACCREDITED_WITH_CONDITIONS,
    )


def send_reminder(*, task) -> None:
    """A deadline passed on an open task: remind its owner; for reviews, tell the coordinator too so they can
    chase or replace the reviewer."""
    application = task.process.application
    recipients = [task.owner]
    if task.flow_task.name == "review":
        recipients.append(application.coordinator)
    notify(
        users=recipients,
        subject=lambda: (
            _("Overdue: %(task)s (%(reference)s)")
            % {"task": task.flow_task.task_title, "reference": application.reference}
        ),
        message=lambda: (
            _("The task %(task)s for application %(reference)s is past its due date.")
            % {"task": task.flow_task.task_title, "reference": application.reference}
        ),
        link=reverse("accreditation:task", args=[task.pk]),
    )
    audit.record(actor=None, verb="sent a reminder", target=application, data={"task": task.flow_task.name})
