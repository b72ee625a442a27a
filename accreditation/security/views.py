"""Pages of the second factor (set up, enter a code, remove) and the password reset request, limited per address."""

import base64
import hashlib

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from accreditation import audit

from .auth_events import log_event
from .two_factor import requires_two_factor


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=gettext_lazy("Code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("Enter the six digits your app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 8}),
    )


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure()):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code, drawn here by segno: no image service, no script."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#1a1a1a", light="#ffffff")


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Offer a new TOTP secret as a QR code; confirm it with the first code the app shows."""
    if user_has_device(request.user):
        return redirect("security:two-factor-verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=_("Authenticator app"), confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["code"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            log_event("two_factor_enabled", request=request, user=request.user)
            messages.success(request, _("The second factor is set up. You will be asked for a code at each sign-in."))
            return HttpResponseRedirect(_next_url(request))
        form.add_error("code", _("That code is not the one expected. Check the time on your phone and try again."))
    context = {
        "form": form,
        "qr_svg": mark_safe(_qr_svg(device)),  # segno's SVG of our own otpauth address: no user text
        "secret": _base32(device.bin_key),
        "next": _next_url(request),
        "required": requires_two_factor(request.user),
    }
    return render(request, "registration/two_factor_setup.html", context)


def _base32(key: bytes) -> str:
    """The secret as authenticator apps accept it typed in: base32, in groups of four."""
    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """Ask for a code from the person's confirmed device; the device's own throttling slows down guessing."""
    devices = list(TOTPDevice.objects.devices_for_user(request.user, confirmed=True))
    if not devices:
        return redirect("security:two-factor-setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip()
        for device in devices:
            allowed, _details = device.verify_is_allowed()
            if allowed and device.verify_token(code):
                otp_login(request, device)
                log_event("two_factor_verified", request=request, user=request.user)
                return HttpResponseRedirect(_next_url(request))
        log_event("two_factor_failed", request=request, user=request.user)
        form.add_error("code", _("That code is not valid, or too many codes were tried; wait a moment and try again."))
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next_url(request)})


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_remove(request):
    """Remove one's own second factor, unless one's role requires it (then it can only be replaced by an
    administrator resetting it)."""
    required = requires_two_factor(request.user)
    if request.method == "POST" and not required and request.user.is_verified():
        TOTPDevice.objects.filter(user=request.user).delete()
        log_event("two_factor_removed", request=request, user=request.user)
        messages.success(request, _("The second factor is removed."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    context = {"required": required, "has_device": user_has_device(request.user)}
    return render(request, "registration/two_factor_remove.html", context)


class LimitedPasswordResetView(auth_views.PasswordResetView):
    """Django's password reset request, sending at most PASSWORD_RESET_PER_ADDRESS_PER_HOUR e-mails to one address.
    Past the limit the page reads the same as when an e-mail was sent, so it tells nobody which addresses exist."""

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        key = "password-reset:" + hashlib.sha256(email.encode()).hexdigest()
        cache.add(key, 0, 3600)
        try:
            sent = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, 3600)
            sent = 1
        if sent > settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR:
            log_event("password_reset_limited", request=self.request, username=email)
            return HttpResponseRedirect(self.get_success_url())
        log_event("password_reset_requested", request=self.request, username=email)
        return super().form_valid(form)


def locked_out(request, credentials, *args, **kwargs):
    """django-axes' answer to a locked-out sign-in: a plain page with 429, how long to wait, and the ways out."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)),
    }
    return render(request, "registration/locked_out.html", context, status=429)


@require_http_methods(["GET", "HEAD"])
def audit_head(request):
    """The audit chain's current head, signed with the chain key: anyone may keep copies, and verify_audit --head
    shows whether the chain still contains what it said (so that deleting its last events is seen)."""
    token = audit.signed_head()
    response = JsonResponse({"signed_head": token, **audit.read_signed_head(token)})
    response["Cache-Control"] = "no-store"
    return response
