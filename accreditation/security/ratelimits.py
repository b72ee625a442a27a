"""Rate limits of costly endpoints, configured in settings by URL name instead of by editing each view.

RATE_LIMITS maps URL-name patterns ("register:export-*", "api:*") to a rule: {"rate": "30/m", "user_rate": "120/m",
"methods": ["POST"]}. The first matching pattern applies. Anonymous clients are counted per address (see
clients.client_ip: forwarding headers count only through TRUSTED_PROXIES), signed-in people per account, so neither
a forged X-Forwarded-For nor an account escapes the limit. Counting uses django-ratelimit on the default cache.
"""

import fnmatch

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from jobs.runner import JobLimitReached

from .clients import client_ip


def rule_for(url_name: str) -> tuple[str, dict] | None:
    """The first configured (pattern, rule) whose pattern matches this namespaced URL name."""
    for pattern, rule in settings.RATE_LIMITS.items():
        if fnmatch.fnmatchcase(url_name, pattern):
            return pattern, rule if isinstance(rule, dict) else {"rate": rule}
    return None


def client_key(group: str, request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_ip(request)}"


def too_many_requests(seconds: int) -> HttpResponse:
    response = HttpResponse(
        _("Too many requests. Please wait %(seconds)s seconds and try again.") % {"seconds": seconds},
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


class RateLimitMiddleware:
    """Counts each request to a rate-limited URL and answers 429 with Retry-After once the client is over its rate."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not match.url_name:
            return None
        found = rule_for(match.view_name)
        if found is None:
            return None
        pattern, rule = found
        methods = rule.get("methods")
        if methods and request.method not in methods:
            return None
        signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
        rate = rule.get("user_rate", rule["rate"]) if signed_in else rule["rate"]
        usage = get_usage(request, group=pattern, key=client_key, rate=rate, increment=True)
        if usage is not None and usage["should_limit"]:
            return too_many_requests(max(1, usage["time_left"]))
        return None

    def process_exception(self, request, exception):
        # Background jobs past their caps (jobs.runner.check_capacity) are a client's limit as well.
        if isinstance(exception, JobLimitReached):
            return too_many_requests(exception.retry_after)
        return None
