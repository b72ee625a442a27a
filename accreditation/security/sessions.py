"""Sessions end after a time without a request (the idle timeout of the person's roles) and SESSION_ABSOLUTE_TIMEOUT
after sign-in, whichever comes first; the person then signs in again.

The idle rule per role: people who decide, review or administer (coordinators, reviewers, officers, Django staff)
get SESSION_IDLE_TIMEOUT (30 minutes): their accounts publish and change the register. People whose only roles are
provider roles, or who have none, get SESSION_IDLE_TIMEOUT_PROVIDER (60 minutes): they write long applications
and answers, and what they can change alone is their own provider's drafts (identity changes need approval). One
staff role is enough for the shorter limit."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

from ..models import Role
from ..roles import roles_of
from .auth_events import log_event

STARTED, LAST_SEEN = "security:started", "security:last_seen"
# The last-seen time is written at most this often, so that a page's requests do not each save the session.
TOUCH_EVERY = 60


def start(session) -> None:
    now = int(time.time())
    session[STARTED] = now
    session[LAST_SEEN] = now


def idle_timeout(user):
    """The idle limit of this person's session, by the rule in the module's docstring."""
    if user.is_staff or user.is_superuser or roles_of(user) - {Role.PROVIDER_STAFF}:
        return settings.SESSION_IDLE_TIMEOUT
    return settings.SESSION_IDLE_TIMEOUT_PROVIDER


class SessionTimeoutMiddleware:
    """Signs out a session that has been idle or alive too long, before the view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # In process_view rather than __call__, so that the messages framework is ready for the notice.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._enforce(request)

    def _enforce(self, request) -> None:
        session, now = request.session, int(time.time())
        started, last_seen = session.get(STARTED), session.get(LAST_SEEN)
        if started is None or last_seen is None:
            start(session)  # a session from before these limits: count from now
            return
        idle = idle_timeout(request.user).total_seconds()
        absolute = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
        if now - last_seen > idle or now - started > absolute:
            log_event("session_expired", request=request, user=request.user, idle_seconds=now - last_seen)
            logout(request)
            messages.info(request, _("Your session ended after a time without use or a long time open. Sign in again."))
            return
        if now - last_seen >= TOUCH_EVERY:
            session[LAST_SEEN] = now
