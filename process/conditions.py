"""The follow-up of one condition of an accreditation with conditions, from publication to its outcome:

    start ─► report (provider staff, until the due date) ──► assess (agency coordinator) ─► check_assessment
                │ no report by the date (timers)                 met ─► met (end)
                ▼                                                more information ─► report
             overdue ─► decide (authority officer) ◄──────────── not met
                           └─► check_decision: extended ─► report; suspended or withdrawn ─► closed (end)

One process per condition (not per decision): each condition has its own due date, report and outcome, and the
authority may extend one while another is met. Domain state lives on accreditation.Condition; every write is a
service of accreditation.services.conditions; each human node (process/nodes.py's HumanTask) is assigned to a named
person and executed only while that person still holds the role (the predicates of accreditation/access.py)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.models import Process

from accreditation import access, timers
from accreditation.models import Condition, Membership, Role
from accreditation.services import conditions as services

from . import conditions_views as views
from .nodes import HumanTask, task_urls


class ConditionProcess(Process):
    """The viewflow process of one condition (a proxy: the condition's data lives on Condition)."""

    class Meta:
        proxy = True
        verbose_name = _("conditions follow-up")
        verbose_name_plural = _("conditions follow-ups")


def condition_of(activation_or_task) -> Condition:
    process_id = getattr(activation_or_task, "process_id", None) or activation_or_task.process.pk
    return Condition.objects.select_related("entry__application", "entry__decision").get(process_id=process_id)


def on_condition(predicate):
    """An access predicate of (user, condition) as a predicate of (user, task), as the human nodes take it."""
    return lambda user, task: predicate(user, condition_of(task))


def _member(user, **organisation) -> bool:
    return user is not None and Membership.objects.filter(user=user, **organisation).exists()


def provider_contact(activation):
    """Whoever submitted the application while still on the provider's staff, else its earliest staff member."""
    entry = condition_of(activation).entry
    submitter = entry.application.submitted_by
    if _member(submitter, provider=entry.provider_id, role=Role.PROVIDER_STAFF):
        return submitter
    first = Membership.objects.filter(provider=entry.provider_id, role=Role.PROVIDER_STAFF).order_by("pk").first()
    return first.user if first else None


def agency_coordinator(activation):
    entry = condition_of(activation).entry
    coordinator = entry.application.coordinator
    if _member(coordinator, agency=entry.agency_id, role=Role.COORDINATOR):
        return coordinator
    first = Membership.objects.filter(agency=entry.agency_id, role=Role.COORDINATOR).order_by("pk").first()
    return first.user if first else None


def authority_officer(activation):
    entry = condition_of(activation).entry
    officer = entry.decision.officer
    if _member(officer, authority=entry.authority_id, role=Role.OFFICER):
        return officer
    first = Membership.objects.filter(authority=entry.authority_id, role=Role.OFFICER).order_by("pk").first()
    return first.user if first else None


def report_deadline(activation) -> datetime.datetime:
    """The report task times out at the end of the last day a report is accepted (the agency's local day)."""
    last_day = condition_of(activation).report_deadline
    return timezone.make_aware(datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time.min))


def in_days(days: int):
    return lambda activation: datetime.timedelta(days=days)


def state_is(*states):
    return lambda activation: condition_of(activation).state in states


class ConditionFlow(flow.Flow):
    process_class = ConditionProcess
    lock_impl = lock.SelectForUpdateLock(nowait=False)
    process_title = _("Conditions follow-up")

    start = flow.StartHandle(this.start_follow_up).Next(this.report_on_condition)

    report_on_condition = (
        HumanTask(views.report, allowed=on_condition(access.may_report_on_condition))
        .Annotation(title=_("Report on a condition"))
        .Assign(provider_contact)
        .OnTimeout(report_deadline, this.overdue)
        .Next(this.assess_condition_report)
    )
    assess_condition_report = (
        HumanTask(views.assess, allowed=on_condition(access.may_assess_condition))
        .Annotation(title=_("Assess the report on a condition"))
        .Assign(agency_coordinator)
        .OnTimeout(in_days(30), this.remind, interrupting=False)
        .Next(this.check_assessment)
    )
    check_assessment = (
        flow.Switch()
        .Case(this.met, state_is(Condition.State.MET))
        .Case(this.report_on_condition, state_is(Condition.State.OPEN))
        .Default(this.decide_on_condition)
    )
    overdue = flow.Function(this.mark_overdue).Next(this.decide_on_condition)
    decide_on_condition = (
        HumanTask(views.decide, allowed=on_condition(access.may_decide_on_condition))
        .Annotation(title=_("Decide on a condition not met"))
        .Assign(authority_officer)
        .OnTimeout(in_days(30), this.remind, interrupting=False)
        .Next(this.check_decision)
    )
    check_decision = flow.If(state_is(Condition.State.OPEN)).Then(this.report_on_condition).Else(this.closed)
    remind = flow.Function(this.send_reminder).Next(this.reminded)

    met = flow.End()
    closed = flow.End()
    reminded = flow.End()

    def start_follow_up(self, activation, *, condition: Condition):
        activation.process.save()
        Condition.objects.filter(pk=condition.pk, process=None).update(process=activation.process)
        condition.process = activation.process
        return activation.process

    def mark_overdue(self, activation):
        services.mark_condition_overdue(condition=condition_of(activation))

    def send_reminder(self, activation):
        timer_task = activation.task.previous.get()
        services.remind_task_owner(task=timer_task.previous.get(), condition=condition_of(activation))


# Node names are stored in task rows: never rename them lightly.
HUMAN_STEPS = ("report_on_condition", "assess_condition_report", "decide_on_condition")


@services.on_conditions_created
def start_follow_ups(conditions) -> None:
    for condition in conditions:
        ConditionFlow.start.run(condition=condition)


@timers.sweep
def start_missing_follow_ups(today: datetime.date) -> str:
    """Conditions that have no process yet (split from older decisions by the migration) get theirs."""
    waiting = list(Condition.objects.filter(process=None, state=Condition.State.OPEN))
    start_follow_ups(waiting)
    return f"{len(waiting)} condition follow-up(s) started"


# tasks/<int:pk>/report-on-condition/ and the others, named process:task-<node-name-with-dashes>.
urlpatterns = task_urls(ConditionFlow)
