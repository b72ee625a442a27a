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
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.cache import has_vary_header, patch_cache_control


def get_cache_control(response) -> set[str]:
    """The directives of a response's Cache-Control header, without their values."""
    return {part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(",") if part.strip()}


VERSION_KEY = "register:version"
# The API is not cached yet: its clients are throttled inside the view, which a cached answer would skip.
PUBLIC_NAMESPACES = frozenset({"register", "frameworks"})
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


def _key(request) -> str:
    # The same URL answers htmx with a fragment (the counts of a search) and a browser with the whole page.
    fragment = "htmx" if request.headers.get("HX-Request") == "true" else "page"
    identity = (
        f"{request.method}|{request.build_absolute_uri()}|{request.LANGUAGE_CODE}|{fragment}|{register_version()}"
    )
    return "page:" + hashlib.sha256(identity.encode()).hexdigest()


def _cacheable(request, response) -> bool:
    """Only a page that is the same for every anonymous reader: nothing set for this reader (the cookies of the
    session, the CSRF token and the messages are written by middleware further out, so ask what they will do)."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if has_vary_header(response, "Accept"):  # negotiated by type (views.identifiers); the key holds no Accept
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
        request._public_page_key = _key(request)
        response = cache.get(request._public_page_key)
        request._public_page_hit = response is not None
        return response
