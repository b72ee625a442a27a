"""Whole public pages cached until the register changes.

The register is read far more than it is written: a few decisions a day, thousands of look-ups. An anonymous GET of
a public page (home, register, frameworks, API) is answered from Django's cache (Redis when `REDIS_URL` is set)
when the same URL was rendered in the same language since the register last changed. The register's version is
read from the database at most every `REGISTER_VERSION_SECONDS`, so that a change made in another process shows
within that time even on a per-process cache; a change in this process shows at once (the receivers below). Pages
past `PUBLIC_PAGE_CACHE_SECONDS` are rendered again anyway, which bounds how long anything outside the version
(reference data edited in the administration) can stay stale.

Responses that set a cookie (a session, a CSRF token, a message) or stream are never cached, nor is anything a
signed-in person sees. Cached or not, public pages say `Cache-Control: public` so that a reverse proxy may keep
them for `PUBLIC_PAGE_MAX_AGE` seconds.

Two middlewares share the work. `EarlyPublicPageCacheMiddleware` sits just inside the security headers, before
sessions, authentication, CSRF, locale, second factor and the rest: a request that carries no session or message
cookie is anonymous by construction, so it resolves the URL, predicts the language as LocaleMiddleware and `?lang=`
would choose it, and answers a hit at once (the rate limit of the URL still counts it, and `If-None-Match` gets its
304). On a miss the whole stack runs and the response is kept as the stack left it (its `Vary`, `Content-Language`,
`ETag`), but only when nothing in it was set for this reader (no cookie) and the language used was the one
predicted. `PublicPageCacheMiddleware`, further in, does the same for the rarer anonymous request that carries a
session cookie (once the session says who it is).
"""

import hashlib
import math

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.db.models.signals import post_delete, post_save
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, has_vary_header, patch_cache_control
from django.utils.http import parse_http_date_safe


def get_cache_control(response) -> set[str]:
    """The directives of a response's Cache-Control header, without their values."""
    return {part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(",") if part.strip()}


VERSION_KEY = "register:version"
# The API's anonymous answers are cached too: its rate limit is also counted by the rate-limit middleware (the
# "api:*" rule), which counts a cached answer as well (DRF's own throttle runs only when the view does).
PUBLIC_NAMESPACES = frozenset({"register", "frameworks", "api"})
PUBLIC_URL_NAMES = frozenset({"home", "api-docs"})
# Register pages that are not the same for everyone, or that hand out files made for one request.
PRIVATE_URL_NAMES = frozenset({"register:manage", "register:export-job", "register:export-job-file"})


def register_version() -> str:
    """Changes whenever an entry, its history or its provider changes, and every day (statuses move with dates)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        from .models import RegisterEntry, RegisterEvent

        entry = RegisterEntry.objects.aggregate(last=Max("updated_at"))["last"]
        event = RegisterEvent.objects.aggregate(last=Max("pk"))["last"]
        version = f"{entry}|{event}"
        cache.set(VERSION_KEY, version, settings.REGISTER_VERSION_SECONDS)
    return f"{version}|{timezone.localdate()}"


def register_changed(**kwargs) -> None:
    cache.delete(VERSION_KEY)


def connect_receivers() -> None:
    from .models import Provider, RegisterEntry, RegisterEvent

    for model in (RegisterEntry, RegisterEvent, Provider):
        post_save.connect(register_changed, sender=model, dispatch_uid=f"register-version-save-{model.__name__}")
        post_delete.connect(register_changed, sender=model, dispatch_uid=f"register-version-delete-{model.__name__}")


def _is_public(match) -> bool:
    if match.view_name in PRIVATE_URL_NAMES:
        return False
    return match.view_name in PUBLIC_URL_NAMES or bool(match.namespaces and match.namespaces[0] in PUBLIC_NAMESPACES)


def _negotiates(match) -> bool:
    """The API answers JSON or its browsable HTML by the Accept header: its key holds that header."""
    return bool(match and match.namespaces and match.namespaces[0] == "api")


def _key(request, language: str, prefix: str = "page:") -> str:
    # The same URL answers htmx with a fragment (the counts of a search) and a browser with the whole page.
    fragment = "htmx" if request.headers.get("HX-Request") == "true" else "page"
    accept = request.headers.get("Accept", "") if _negotiates(request.resolver_match) else ""
    identity = f"{request.method}|{request.build_absolute_uri()}|{language}|{fragment}|{accept}|{register_version()}"
    return prefix + hashlib.sha256(identity.encode()).hexdigest()


def _cacheable(request, response) -> bool:
    """Only a page that is the same for every anonymous reader: nothing set for this reader (the cookies of the
    session, the CSRF token and the messages are written by middleware further out, so ask what they will do)."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # Negotiated by type (views.identifiers, the API): only the API's key holds the Accept header.
    if has_vary_header(response, "Accept") and not _negotiates(request.resolver_match):
        return False
    if {"private", "no-cache", "no-store"} & get_cache_control(response):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    return not (messages is not None and (messages.used or messages._queued_messages))


class PublicPageCacheMiddleware:
    """Serves anonymous GETs of public pages from the cache, and stores those that may be shared. The look-up
    happens once the URL is resolved (`process_view`), after the middleware listed before this one (the rate
    limits) has had its say, so that a cached page is limited like any other."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_public_page_key", None)
        if key and not getattr(request, "_public_page_hit", False) and _cacheable(request, response):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
            cache.set(key, response, settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD") or not settings.PUBLIC_PAGE_CACHE_SECONDS:
            return None
        if not _is_public(request.resolver_match):
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            return None
        if "messages" in request.COOKIES:  # a message waits for this reader: render it
            return None
        if getattr(request, "_public_page_early", False):  # the early middleware looked it up and keeps it
            return None
        request._public_page_key = _key(request, request.LANGUAGE_CODE)
        response = cache.get(request._public_page_key)
        request._public_page_hit = response is not None
        return response


def _predicted_language(request) -> str:
    """The language LocaleMiddleware and then `?lang=` (config.i18n) will activate for this request."""
    from config.i18n import requested_language

    return requested_language(request) or translation.get_language_from_request(request)


def _api_throttled(request):
    """DRF's throttles (REST_FRAMEWORK's DEFAULT_THROTTLE_CLASSES) count a cached API answer as the view would."""
    from django.contrib.auth.models import AnonymousUser
    from django.http import JsonResponse
    from rest_framework.exceptions import Throttled
    from rest_framework.settings import api_settings

    request.user = AnonymousUser()  # no session cookie: nobody is signed in
    waits = []
    for throttle_class in api_settings.DEFAULT_THROTTLE_CLASSES:
        throttle = throttle_class()
        if not throttle.allow_request(request, None):
            waits.append(throttle.wait() or 1)
    if not waits:
        return None
    wait = max(waits)
    response = JsonResponse({"detail": str(Throttled(wait).detail)}, status=429)
    response["Retry-After"] = str(math.ceil(wait))
    response["Cache-Control"] = "no-store"
    return response


class EarlyPublicPageCacheMiddleware:
    """Answers a repeated anonymous GET of a public page before the session, authentication, CSRF, locale,
    second-factor and replica middleware run (most of a cached page's cost), and keeps the pages the whole stack
    made that may be shared. Only requests without a session or message cookie come this way: nobody can be
    signed in without a session, and a waiting message is rendered for its reader."""

    def __init__(self, get_response):
        from accreditation.security.ratelimits import RateLimitMiddleware

        self.get_response = get_response
        self.rate_limit = RateLimitMiddleware(get_response)

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not settings.PUBLIC_PAGE_CACHE_SECONDS
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or "messages" in request.COOKIES
        ):
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        if not _is_public(match):
            return self.get_response(request)
        request.resolver_match = match
        language = _predicted_language(request)
        key = _key(request, language, prefix="page:early:")
        response = cache.get(key)
        if response is not None:
            limited = self.rate_limit.process_view(request, match.func, match.args, match.kwargs)
            if limited is None and _negotiates(match):
                limited = _api_throttled(request)
            if limited is not None:
                return limited
            # What ConditionalGetMiddleware (further in, not run for a hit) would answer to a revalidation.
            last_modified = parse_http_date_safe(response["Last-Modified"]) if "Last-Modified" in response else None
            return get_conditional_response(
                request, etag=response.get("ETag"), last_modified=last_modified, response=response
            )
        request._public_page_early = True
        response = self.get_response(request)
        if (
            getattr(request, "LANGUAGE_CODE", None) == language
            and not getattr(getattr(request, "user", None), "is_authenticated", False)
            and _cacheable(request, response)
        ):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
            cache.set(key, response, settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response
