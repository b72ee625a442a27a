"""The site's own address, for absolute links (downloads, e-mails, certificates and their QR codes, URIs).

`SITE_URL` when it is configured; otherwise the address the request came in on, so that a link never points at a
host or port the site is not served on. Work done outside a request (background jobs, e-mails sent after commit,
the timers' reminders) uses the address recorded from the request that caused it, then the setting.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest

# What `make run` serves; used only when no setting, request or recorded address is known (e.g. a cron job of an
# installation that left SITE_URL unset: `check --deploy` asks for it).
DEVELOPMENT_ADDRESS = "http://127.0.0.1:8000"

_current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)
_recorded: ContextVar[str] = ContextVar("recorded_site_url", default="")


def request_address(request: HttpRequest) -> str:
    """scheme://host[:port] the request was made to (the host is checked against ALLOWED_HOSTS)."""
    return f"{request.scheme}://{request.get_host()}"


def site_url(request: HttpRequest | None = None) -> str:
    """The base URL of absolute links, without a trailing slash."""
    if settings.SITE_URL:
        return settings.SITE_URL
    request = request or _current_request.get()
    if request is not None:
        return request_address(request)
    return _recorded.get() or DEVELOPMENT_ADDRESS


def register_uri_base(request: HttpRequest | None = None) -> str:
    """The base of the register's identifiers: `REGISTER_URI_BASE`, or the site's own address."""
    return settings.REGISTER_URI_BASE or site_url(request)


@contextmanager
def recorded_site_url(address: str) -> Iterator[None]:
    """Work outside a request (a background job) links to the address recorded when it was asked for."""
    token = _recorded.set(address.rstrip("/") if address else "")
    try:
        yield
    finally:
        _recorded.reset(token)


class SiteAddressMiddleware:
    """Makes the current request's address known to code that builds links without the request at hand (the
    notifications, the certificate builder)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
