"""The provider workspace: profile, catalogue of specifications with live alignment findings, draft
applications with their evidence, and submission. Staff of other providers, and everyone else, get a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frameworks import alignment
from frameworks.reference import load_reference_facts

from .. import access
from ..forms.catalogue import MicroCredentialForm
from ..forms.drafts import ApplicationDraftForm, EvidenceUploadForm
from ..forms.identity import ProviderProfileWithIdentityForm
from ..models import Application, Authority, EvidenceDocument, MicroCredential, Provider
from ..services import catalogue, drafts, identity
from ..services.applications import submission_problems, submit_application
from .confirm import confirmation_page, is_confirmed, is_going_back


def my_providers(user):
    return access.providers_of(user).order_by("legal_name")


def current_provider(request: HttpRequest) -> Provider:
    """The provider the person works for; staff of several choose with ?provider=<id>."""
    providers = my_providers(request.user)
    chosen = request.GET.get("provider") or request.POST.get("provider")
    provider = providers.filter(pk=chosen).first() if chosen and str(chosen).isdigit() else providers.first()
    if provider is None:
        raise Http404
    return provider


def _draft_of(request, pk: int) -> Application:
    return get_object_or_404(access.applications_manageable_by(request.user).select_related("provider"), pk=pk)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    return render(
        request,
        "accreditation/provider/home.html",
        {
            "provider": provider,
            "providers": my_providers(request.user),
            "catalogue": provider.micro_credentials.select_related("field", "nqf_level__framework").order_by("title"),
            "applications": provider.applications.select_related("agency").annotate(n_evidence=Count("evidence")),
        },
    )


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    """The profile; an accredited provider's identity changes go to its authority for approval (services.identity)."""
    provider = current_provider(request)
    authority = identity.deciding_authority(provider)
    form = ProviderProfileWithIdentityForm(request.POST or None, instance=provider, identity_locked=bool(authority))
    if request.method == "POST" and form.is_valid():
        try:
            change = identity.save_provider_profile(
                provider=form.instance, by=request.user, reason=form.cleaned_data.get("reason", "")
            )
        except ValidationError as error:
            form.add_error("reason" if hasattr(error, "error_dict") else None, error.messages)
        else:
            if change is None:
                messages.success(request, _("The provider profile is saved."))
            else:
                messages.success(
                    request,
                    _(
                        "The other fields are saved. The change of identity is sent to %(authority)s for approval; "
                        "until then the register shows the accredited identity."
                    )
                    % {"authority": authority},
                )
            return redirect(f"{reverse('accreditation:provider-profile')}?provider={provider.pk}")
    context = {
        "form": form,
        "provider": provider,
        "authority": authority,
        "pending": identity.pending_change(provider),
        "answered": provider.identity_changes.exclude(status="pending").select_related("authority")[:5],
    }
    return render(request, "accreditation/provider/profile_form.html", context)


def _findings_for(form: MicroCredentialForm) -> list:
    """Findings of what the form holds now, valid or not. A value the form refuses only in combination with
    others (an EQF level that contradicts the national level's referencing) is checked as typed, so the live
    findings say what Save will refuse; a value that is not valid on its own is left out."""
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    spec = MicroCredential(provider=form.provider)
    for name in MicroCredential.SPECIFICATION_FIELDS:
        if name in cleaned:
            setattr(spec, name, cleaned[name])
        elif name in form.fields:
            try:
                setattr(spec, name, form.fields[name].clean(form[name].value()))
            except ValidationError:
                continue
    spec.title = spec.title or ""
    return alignment.check_specification(spec, load_reference_facts())


@login_required
def credential_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        provider = current_provider(request)
        instance = MicroCredential(provider=provider)
    else:
        instance = get_object_or_404(MicroCredential.objects.visible_to(request.user), pk=pk)
        provider = instance.provider
    form = MicroCredentialForm(request.POST or None, instance=instance, provider=provider)
    if request.method == "POST" and form.is_valid():
        credential = catalogue.save_micro_credential(micro_credential=form.save(commit=False), by=request.user)
        messages.success(request, _("“%(title)s” is saved.") % {"title": credential.title})
        return redirect("accreditation:credential-edit", credential.pk)
    findings = (
        _findings_for(form)
        if request.method == "POST"
        else alignment.check_specification(instance, load_reference_facts())
    )
    return render(
        request,
        "accreditation/provider/credential_form.html",
        {"form": form, "provider": provider, "credential": instance if pk else None, "findings": findings},
    )


@login_required
@require_POST
def credential_findings(request: HttpRequest) -> HttpResponse:
    """The findings panel, refreshed as the provider edits (htmx)."""
    provider = current_provider(request)
    form = MicroCredentialForm(request.POST, instance=MicroCredential(provider=provider), provider=provider)
    return render(request, "accreditation/provider/findings_panel.html", {"findings": _findings_for(form)})


@login_required
def application_new(request: HttpRequest) -> HttpResponse:
    provider = current_provider(request)
    initial = {"authority": Authority.objects.filter(country=provider.country).first()}
    form = ApplicationDraftForm(request.POST or None, provider=provider, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            application = drafts.create_draft_application(form=form, provider=provider, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Draft %(reference)s created. Attach the evidence, then submit.")
                % {"reference": application.reference},
            )
            return redirect("accreditation:draft-edit", application.pk)
    return render(request, "accreditation/provider/draft_form.html", {"form": form, "provider": provider})


@login_required
def draft_edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _draft_of(request, pk)
    if not application.is_draft:
        return redirect("accreditation:application-detail", application.pk)
    form = ApplicationDraftForm(request.POST or None, instance=application, provider=application.provider)
    if request.method == "POST" and form.is_valid():
        try:
            drafts.update_draft_application(form=form, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("accreditation:draft-edit", application.pk)
    return render(
        request,
        "accreditation/provider/draft_edit.html",
        _draft_context(application, form, EvidenceUploadForm(draft=True)),
    )


def _draft_context(application, form, upload_form, problems=None) -> dict:
    return {
        "application": application,
        "form": form,
        "upload_form": upload_form,
        "evidence": application.evidence.all(),
        "problems": problems if problems is not None else submission_problems(application),
    }


@login_required
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    application = _draft_of(request, pk)
    if request.method != "POST":
        return redirect("accreditation:draft-edit", application.pk)
    upload_form = EvidenceUploadForm(request.POST, request.FILES, draft=True)
    if upload_form.is_valid():
        try:
            drafts.add_evidence(
                application=application,
                uploaded_file=upload_form.cleaned_data["file"],
                file_format=upload_form.detected_format,
                kind=upload_form.cleaned_data["kind"],
                title=upload_form.cleaned_data["title"],
                by=request.user,
            )
        except ValidationError as error:
            upload_form.add_error(None, error)
        else:
            messages.success(request, _("“%(title)s” is attached.") % {"title": upload_form.cleaned_data["title"]})
            return redirect("accreditation:draft-edit", application.pk)
    form = ApplicationDraftForm(instance=application, provider=application.provider)
    return render(
        request, "accreditation/provider/draft_edit.html", _draft_context(application, form, upload_form), status=400
    )


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    application = _draft_of(request, pk)
    document = get_object_or_404(EvidenceDocument.objects.filter(application=application), pk=doc_pk)
    try:
        drafts.remove_evidence(document=document, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(title)s” is removed.") % {"title": document.title})
    return redirect("accreditation:draft-edit", application.pk)


@login_required
@require_POST
def draft_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _draft_of(request, pk)
    if is_going_back(request):
        return redirect("accreditation:draft-edit", application.pk)
    if application.is_draft and not is_confirmed(request) and not submission_problems(application):
        return confirmation_page(
            request,
            title=_("Submit %(reference)s to %(agency)s?")
            % {"reference": application.reference, "agency": application.agency},
            consequences=[
                _(
                    "The scope and evidence are frozen as they are now and the agency starts screening. You can no "
                    "longer edit the application; the agency may ask you for more information."
                )
            ],
            confirm_label=_("Submit the application"),
        )
    try:
        submit_application(application=application, by=request.user)
    except ValidationError as error:
        messages.error(request, _("Submission refused: %(problems)s") % {"problems": " ".join(error.messages)})
        form = ApplicationDraftForm(instance=application, provider=application.provider)
        return render(
            request,
            "accreditation/provider/draft_edit.html",
            _draft_context(application, form, EvidenceUploadForm(draft=True), problems=error.messages),
            status=400,
        )
    messages.success(request, _("%(reference)s is submitted to the agency.") % {"reference": application.reference})
    return redirect("accreditation:application-detail", application.pk)


@login_required
def evidence_download(request: HttpRequest, pk: int, doc_pk: int) -> FileResponse:
    """Serve an evidence file to anyone who may see its application; the file lives outside any web root."""
    document = get_object_or_404(EvidenceDocument.objects.visible_to(request.user), pk=doc_pk, application_id=pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.original_name)


urlpatterns = [
    path("provider/", home, name="provider-home"),
    path("provider/profile/", profile_edit, name="provider-profile"),
    path("provider/catalogue/new/", credential_edit, name="credential-new"),
    path("provider/catalogue/<int:pk>/", credential_edit, name="credential-edit"),
    path("provider/catalogue/findings/", credential_findings, name="credential-findings"),
    path("provider/applications/new/", application_new, name="draft-new"),
    path("provider/applications/<int:pk>/", draft_edit, name="draft-edit"),
    path("provider/applications/<int:pk>/evidence/", evidence_upload, name="evidence-upload"),
    path("provider/applications/<int:pk>/evidence/<int:doc_pk>/remove/", evidence_remove, name="evidence-remove"),
    path("provider/applications/<int:pk>/submit/", draft_submit, name="draft-submit"),
    path("applications/<int:pk>/evidence/<int:doc_pk>/", evidence_download, name="evidence-download"),
]
