"""The accreditation process: when each step happens, who does it and on which page. Reads like the diagram in
ARCHITECTURE.md; every write is delegated to a service, every permission to an access module, and each human node
names its view (process/views/), so node names, URL names and the list of steps all come from here."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.utils import is_owner
from viewflow.workflow import flow, lock
from viewflow.workflow.activation import Activation
from viewflow.workflow.nodes.split import SplitActivation

from accreditation import access
from accreditation.models import AccreditationProcess, Application, Decision
from accreditation.services import process as process_services
from reviews import access as review_access

from .nodes import HumanTask, deadline, human_tasks, on_application
from .views import accreditation as accreditation_views
from .views import consolidation as consolidation_views
from .views import decision as decision_views
from .views import panel as panel_views
from .views import review as review_views


class ReviewTask(HumanTask):
    """A panel member's review: executed by the seat's reviewer holding `review_application`; a declined seat's
    task is opened by the coordinator it passed to, only to appoint a replacement."""

    def can_open(self, user, task) -> bool:
        return is_owner(task.owner, user) and review_access.may_open_review_task(user, task)


class ReviewSplitActivation(SplitActivation):
    @Activation.status.super()
    def activate(self):
        for node, _cond, data_source in self.flow_task._branches:
            for data in data_source(self):
                self.next_tasks.append((node, data))


class ReviewSplit(flow.Split):
    """Opens one review task per panel member (the open-source Split has no per-item branches)."""

    activation_class = ReviewSplitActivation

    def Next(self, node, data_source=None):
        self._activate_next.append((node, None, data_source))
        return self


def comment_deadline(activation):
    return activation.process.application.comment_deadline


def entering(status: str):
    """onCreate callback: the application's status follows the step its process is in, and the person the new
    task is assigned to is told."""

    def on_create(activation) -> None:
        process_services.move_application(application=activation.process.application, status=status)
        process_services.announce_task(task=activation.task)

    return on_create


def application_of(activation) -> Application:
    return activation.process.application


def submitter(activation):
    return application_of(activation).submitted_by


def coordinator(activation):
    return application_of(activation).coordinator


def officer(activation):
    return application_of(activation).officer


def panel_reviewer(activation):
    return get_user_model().objects.get(pk=activation.task.data["reviewer"])


class AccreditationFlow(flow.Flow):
    process_class = AccreditationProcess
    # Row lock on the process, waiting (not failing) when another request holds it: the loser then sees the
    # task done. Waiting also keeps callers' enclosing transactions healthy (a NOWAIT failure would abort them).
    lock_impl = lock.SelectForUpdateLock(nowait=False)
    process_title = _("Accreditation")

    start = flow.StartHandle(this.start_process).Next(this.screen)

    screen = (
        HumanTask(accreditation_views.screen, allowed=on_application(access.may_coordinate))
        .Annotation(title=_("Screen the application"))
        .Assign(coordinator)
        .onCreate(entering(Application.Status.SCREENING))
        .OnTimeout(deadline("screen"), this.remind, interrupting=False)
        .Next(this.check_screening)
    )
    check_screening = (
        flow.Switch()
        .Case(this.revise, lambda a: application_of(a).information_requests.filter(responded_at=None).exists())
        .Case(this.reject, lambda a: bool(application_of(a).ineligibility_reasons))
        .Default(this.compose_panel)
    )
    revise = (
        HumanTask(accreditation_views.revise, allowed=on_application(access.may_act_for_provider))
        .Annotation(title=_("Answer the information request"))
        .Assign(submitter)
        .onCreate(entering(Application.Status.INFORMATION_REQUESTED))
        .OnTimeout(deadline("revise"), this.remind, interrupting=False)
        .Next(this.screen)
    )
    reject = flow.Function(this.close_ineligible).Next(this.rejected)

    compose_panel = (
        HumanTask(panel_views.compose_panel, allowed=on_application(access.may_coordinate))
        .Annotation(title=_("Compose the review panel"))
        .Assign(coordinator)
        .onCreate(entering(Application.Status.PANEL))
        .OnTimeout(deadline("compose_panel"), this.remind, interrupting=False)
        .Next(this.check_site_visit)
    )
    check_site_visit = flow.If(lambda a: application_of(a).agency.site_visits).Then(this.site_visit).Else(this.reviews)
    site_visit = (
        HumanTask(panel_views.site_visit, allowed=on_application(access.may_coordinate))
        .Annotation(title=_("Hold the site visit"))
        .Assign(coordinator)
        .onCreate(entering(Application.Status.SITE_VISIT))
        .OnTimeout(deadline("site_visit"), this.remind, interrupting=False)
        .Next(this.reviews)
    )
    reviews = ReviewSplit().Next(this.review, data_source=this.review_assignments)
    review = (
        ReviewTask(review_views.review_task, allowed=review_access.may_review)
        .Annotation(title=_("Review the application"))
        .Assign(panel_reviewer)
        .onCreate(entering(Application.Status.REVIEW))
        .OnTimeout(deadline("review"), this.remind, interrupting=False)
        .Next(this.reviews_done)
    )
    reviews_done = flow.Join().Next(this.consolidate)
    consolidate = (
        HumanTask(consolidation_views.consolidate, allowed=on_application(access.may_coordinate))
        .Annotation(title=_("Consolidate the reviews"))
        .Assign(coordinator)
        .onCreate(entering(Application.Status.CONSOLIDATION))
        .OnTimeout(deadline("consolidate"), this.remind, interrupting=False)
        .Next(this.comment)
    )
    # The provider comments on the draft report until the deadline; then the process moves on without them.
    comment = (
        HumanTask(accreditation_views.comment, allowed=on_application(access.may_act_for_provider))
        .Annotation(title=_("Comment on the draft report"))
        .Assign(submitter)
        .onCreate(entering(Application.Status.COMMENTS))
        .OnTimeout(comment_deadline, this.finalise)
        .Next(this.finalise)
    )
    finalise = (
        HumanTask(accreditation_views.finalise, allowed=on_application(access.may_coordinate))
        .Annotation(title=_("Finalise the review report"))
        .Assign(coordinator)
        .onCreate(entering(Application.Status.FINALISING))
        .OnTimeout(deadline("finalise"), this.remind, interrupting=False)
        .Next(this.decide)
    )
    decide = (
        HumanTask(decision_views.decide, allowed=on_application(access.may_decide))
        .Annotation(title=_("Decide on the application"))
        .Assign(officer)
        .onCreate(entering(Application.Status.DECISION))
        .OnTimeout(deadline("decide"), this.remind, interrupting=False)
        .Next(this.check_decision)
    )
    check_decision = (
        flow.Switch()
        .Case(this.publish, lambda a: process_services.latest_decision(application_of(a)).is_positive)
        .Case(
            this.consolidate,
            lambda a: process_services.latest_decision(application_of(a)).outcome == Decision.Outcome.SEND_BACK,
        )
        .Default(this.refuse)
    )
    publish = flow.Function(this.publish_accreditation).Next(this.accredited)
    refuse = flow.Function(this.close_refused).Next(this.refused)

    remind = flow.Function(this.send_reminder).Next(this.reminded)

    accredited = flow.End()
    refused = flow.End()
    rejected = flow.End()
    reminded = flow.End()

    def start_process(self, activation, *, application: Application, by):
        activation.process.save()
        process_services.attach_process(application=application, process=activation.process, by=by)
        return activation.process

    def review_assignments(self, activation) -> list[dict]:
        return process_services.review_assignments(application_of(activation))

    def close_ineligible(self, activation):
        process_services.close_application(application=application_of(activation), status=Application.Status.INELIGIBLE)

    def publish_accreditation(self, activation):
        process_services.publish_accreditation(application=application_of(activation))

    def close_refused(self, activation):
        process_services.close_application(application=application_of(activation), status=Application.Status.REFUSED)

    def send_reminder(self, activation):
        timer_task = activation.task.previous.get()
        process_services.send_reminder(task=timer_task.previous.get())


# Human steps, in process order, as stored in task rows: flow_task names are data, never rename them lightly.
HUMAN_STEPS = tuple(node.name for node in human_tasks(AccreditationFlow))


@process_services.on_submit
def start_accreditation(*, application: Application, by) -> None:
    """A submitted application starts its accreditation process (the submission service calls this)."""
    AccreditationFlow.start.run(application=application, by=by)
