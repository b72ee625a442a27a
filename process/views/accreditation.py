"""The steps of the accreditation flow done by providers, coordinators and officers: screening, the answer to an
information request, comments on the draft report, the final report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accreditation.forms.drafts import EvidenceUploadForm
from accreditation.forms.steps import FinaliseForm, InformationResponseForm, ReportCommentForm, ScreeningForm
from accreditation.models import EvidenceDocument, IssuedDocument
from accreditation.services import applications as services
from accreditation.services.answers import remove_answer_document, unsent_answer_documents
from accreditation.services.drafts import add_evidence
from accreditation.views.confirm import confirmation_page, is_confirmed, is_going_back

from ..task_views import finish, task_view


def _step_context(task, application, form, **extra) -> dict:
    return {"task": task, "application": application, "form": form, **extra}


@task_view
def screen(request: HttpRequest, task, application) -> HttpResponse:
    form = ScreeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not is_going_back(request):
        if form.cleaned_data["outcome"] == services.ScreeningOutcome.INELIGIBLE and not is_confirmed(request):
            return confirmation_page(
                request,
                title=_("Reject %(reference)s as ineligible?") % {"reference": application.reference},
                facts=[(_("Reasons sent to the provider"), form.cleaned_data["message"])],
                consequences=[
                    _(
                        "The process ends and the provider is told. The application cannot be reopened: the "
                        "provider would have to apply again."
                    )
                ],
                confirm_label=_("Reject the application"),
            )
        done = finish(
            request,
            task=task,
            form=form,
            action=lambda: services.record_screening(
                application=application,
                outcome=form.cleaned_data["outcome"],
                message=form.cleaned_data["message"],
                by=request.user,
            ),
            done_message=_("Screening recorded for %(reference)s.") % {"reference": application.reference},
        )
        if done:
            return done
    versions = application.submitted_versions.select_related("nqf_level__referencing", "nqf_level__framework", "field")
    from frameworks import alignment

    findings = [(version, alignment.check_specification(version)) for version in versions]
    return render(
        request,
        "process/accreditation/screen.html",
        _step_context(
            task,
            application,
            form,
            findings=findings,
            evidence=application.evidence.all(),
            requests=application.information_requests.all(),
        ),
    )


def _answer_draft_key(task) -> str:
    return f"answer-draft-{task.pk}"


def _keep_answer_draft(request, task) -> None:
    """What the provider typed travels with every button of the answer's form (attach, remove); it is kept in
    the session until the answer is sent, so that no reload loses it."""
    if "response" in request.POST:
        request.session[_answer_draft_key(task)] = request.POST["response"]


def _revise_page(request, task, application, form, upload_form, status=200) -> HttpResponse:
    return render(
        request,
        "process/accreditation/revise.html",
        _step_context(
            task,
            application,
            form,
            request_=application.information_requests.filter(responded_at=None).first(),
            upload_form=upload_form,
            unsent=unsent_answer_documents(application),
            earlier=application.evidence.filter(kind=EvidenceDocument.Kind.RESPONSE).exclude(
                pk__in=unsent_answer_documents(application).values("pk")
            ),
        ),
        status=status,
    )


def _attach(request, application, upload_form) -> None:
    add_evidence(
        application=application,
        uploaded_file=upload_form.cleaned_data["file"],
        file_format=upload_form.detected_format,
        kind=EvidenceDocument.Kind.RESPONSE,
        title=upload_form.cleaned_data["title"],
        by=request.user,
    )


@task_view
def revise(request: HttpRequest, task, application) -> HttpResponse:
    """Answer the information request; a file chosen but not yet attached is attached with the answer."""
    if request.method != "POST":
        form = InformationResponseForm(initial={"response": request.session.get(_answer_draft_key(task), "")})
        upload_form = EvidenceUploadForm(initial={"kind": EvidenceDocument.Kind.RESPONSE}, use_required_attribute=False)
        return _revise_page(request, task, application, form, upload_form)
    form = InformationResponseForm(request.POST)
    with_file = bool(request.FILES.get("file"))
    upload_form = EvidenceUploadForm(
        request.POST if with_file else None, request.FILES if with_file else None, use_required_attribute=False
    )
    if form.is_valid() and (not with_file or upload_form.is_valid()):

        def attach_and_answer():
            if with_file:
                _attach(request, application, upload_form)
            return services.answer_information_request(
                application=application, response=form.cleaned_data["response"], by=request.user
            )

        done = finish(
            request,
            task=task,
            form=form,
            action=attach_and_answer,
            done_message=_("Your answer was sent to the agency."),
        )
        if done:
            request.session.pop(_answer_draft_key(task), None)
            return done
    return _revise_page(request, task, application, form, upload_form, status=400)


@task_view(part_of=revise)
@require_POST
def revise_attach(request: HttpRequest, task, application) -> HttpResponse:
    """Attach a document to the answer of an information request (while the request is open); the answer typed
    so far is kept."""
    _keep_answer_draft(request, task)
    upload_form = EvidenceUploadForm(request.POST, request.FILES, use_required_attribute=False)
    if upload_form.is_valid():
        _attach(request, application, upload_form)
        messages.success(
            request, _("“%(title)s” is attached to your answer.") % {"title": upload_form.cleaned_data["title"]}
        )
        return redirect("process:task-revise", task.pk)
    form = InformationResponseForm(initial={"response": request.POST.get("response", "")})
    return _revise_page(request, task, application, form, upload_form, status=400)


@task_view(part_of=revise)
@require_POST
def revise_remove(request: HttpRequest, task, application) -> HttpResponse:
    """Take back a document attached to the answer not yet sent; the answer typed so far is kept."""
    _keep_answer_draft(request, task)
    try:
        document_id = int(request.POST.get("document", ""))
    except ValueError:
        document_id = 0
    try:
        document = remove_answer_document(application=application, document_id=document_id, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(title)s” is removed from your answer.") % {"title": document.title})
    return redirect("process:task-revise", task.pk)


@task_view
def comment(request: HttpRequest, task, application) -> HttpResponse:
    form = ReportCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = finish(
            request,
            task=task,
            form=form,
            action=lambda: services.submit_report_comments(
                application=application, text=form.cleaned_data["text"], by=request.user
            ),
            done_message=_("Your comments were sent to the agency."),
        )
        if done:
            return done
    draft = application.documents.filter(kind=IssuedDocument.Kind.DRAFT_REPORT).order_by("-version").first()
    return render(request, "process/accreditation/comment.html", _step_context(task, application, form, draft=draft))


@task_view
def finalise(request: HttpRequest, task, application) -> HttpResponse:
    form = FinaliseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = finish(
            request,
            task=task,
            form=form,
            action=lambda: services.finalise_report(application=application, by=request.user),
            done_message=_("The final report was issued and the application went to the authority."),
        )
        if done:
            return done
    return render(
        request,
        "process/accreditation/finalise.html",
        _step_context(
            task,
            application,
            form,
            comments=application.report_comments.select_related("author"),
            draft=application.documents.filter(kind=IssuedDocument.Kind.DRAFT_REPORT).order_by("-version").first(),
        ),
    )


# The URL of each step comes from its node (process/nodes.py, task_urls); these are further URLs of the revise task.
urlpatterns = [
    path("tasks/<int:pk>/revise/attach/", revise_attach, name="task-revise-attach"),
    path("tasks/<int:pk>/revise/remove/", revise_remove, name="task-revise-remove"),
]
