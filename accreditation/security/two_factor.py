"""Who must use a second factor (TOTP codes from an authenticator app), and the middleware that holds them at the
second-factor pages until they have used one in this session.

Required for administrators (anyone who can open the admin site) and for members of an organisation whose
"members must use a second factor" setting is on; optional for everyone else."""

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from accreditation.models import Membership

# Pages a person held at the second factor may still open.
EXEMPT_URL_NAMES = {"logout", "security:two-factor-setup", "security:two-factor-verify", "javascript-catalog"}


def requires_two_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    organisations_requiring = (
        Q(provider__requires_two_factor=True)
        | Q(agency__requires_two_factor=True)
        | Q(authority__requires_two_factor=True)
    )
    return Membership.objects.filter(organisations_requiring, user=user).exists()


class TwoFactorRequiredMiddleware:
    """Sends someone who must use a second factor, and has not in this session, to set one up or to enter a code.
    Runs after django_otp's OTPMiddleware, which tells whether the session is verified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if not settings.TWO_FACTOR_ENFORCED or user is None or not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT_URL_NAMES:
            return None
        if not requires_two_factor(user):
            return None
        target = "security:two-factor-verify" if user_has_device(user) else "security:two-factor-setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
