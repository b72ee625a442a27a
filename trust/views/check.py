"""The public credential accreditation check: a page for people and a JSON endpoint for machines."""

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from .. import credential_check
from ..credential_input import MAX_BYTES

RAW_TYPES = {"application/json", "application/ld+json", "application/vc+jwt", "application/jwt", "text/plain"}


class CredentialForm(forms.Form):
    credential = forms.CharField(
        label=gettext_lazy("Paste the credential"),
        help_text=gettext_lazy("JSON (European Digital Credential, Open Badge 3.0) or a JWT."),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        required=False,
        max_length=MAX_BYTES,
    )
    file = forms.FileField(label=gettext_lazy("or choose a file"), required=False)

    def result(self) -> credential_check.CheckResult:
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_BYTES:
            return credential_check.too_large()
        raw = upload.read() if upload else self.cleaned_data.get("credential", "").encode()
        return credential_check.check_credential(raw)


@require_http_methods(["GET", "HEAD", "POST"])
def check_page(request: HttpRequest) -> HttpResponse:
    form = CredentialForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form, "max_kb": MAX_BYTES // 1024, "api": reverse("trust:check-api")}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "trust/credential_check.html", context, status=400)
        context["result"] = result = form.result()
        if result.claimed:
            context["format_label"] = credential_check.FORMATS.get(result.claimed.format)
    return render(request, "trust/credential_check.html", context)


@csrf_exempt  # a read-only answer for machines: no session, nothing changes
@require_POST
def check_api(request: HttpRequest) -> HttpResponse:
    """POST the credential as the body (JSON or JWT), or as a multipart field `file`."""
    if request.content_type in RAW_TYPES:
        declared = request.META.get("CONTENT_LENGTH") or "0"
        too_large = not declared.isdigit() or int(declared) > MAX_BYTES
        result = credential_check.too_large() if too_large else credential_check.check_credential(request.body)
    elif request.FILES.get("file"):
        upload = request.FILES["file"]
        too_large = upload.size > MAX_BYTES
        result = credential_check.too_large() if too_large else credential_check.check_credential(upload.read())
    else:
        message = _("Send the credential as the request body (application/json or application/vc+jwt) or as a file.")
        return JsonResponse({"outcome": "not_checked", "reason": message}, status=415)
    return JsonResponse(credential_check.as_dict(result), json_dumps_params={"ensure_ascii": False})
