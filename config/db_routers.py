"""Read replicas for the public register.

When `DATABASE_REPLICA_URL` is set, the public register's anonymous reads (search, provider pages, verification,
downloads, the API) go to the replica; everything else, every write and everything a signed-in person does, goes
to the primary. A request never reads its own write from a replica: the first write of a request moves the rest of
it to the primary, and the client that wrote reads from the primary for `REPLICA_PIN_SECONDS` afterwards (a
cookie), longer than the replica is expected to lag.
"""

import contextvars
import time

from django.conf import settings
from django.urls import Resolver404, resolve

REPLICA = "replica"
PIN_COOKIE = "read_primary_until"
# Namespaces and URL names whose anonymous GETs only read published register data.
PUBLIC_NAMESPACES = frozenset({"register", "api"})
PUBLIC_URL_NAMES = frozenset({"home", "frameworks:lookup"})

_reads_from_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("reads_from_replica", default=False)
_wrote: contextvars.ContextVar[bool] = contextvars.ContextVar("wrote", default=False)


def replica_configured() -> bool:
    return settings.READ_FROM_REPLICA and REPLICA in settings.DATABASES


class ReplicaRouter:
    """Reads of a request marked for the replica go there; nothing else is routed (the primary is `default`)."""

    def db_for_read(self, model, **hints):
        if _reads_from_replica.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        # Whatever this request reads after writing must see the write.
        _reads_from_replica.set(False)
        _wrote.set(True)
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica is a copy made by the database server, never migrated by Django.
        return db != REPLICA


def _is_public_read(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    if not (match.namespaces and match.namespaces[0] in PUBLIC_NAMESPACES) and match.view_name not in PUBLIC_URL_NAMES:
        return False
    pinned_until = request.COOKIES.get(PIN_COOKIE, "")
    if pinned_until.isdigit() and int(pinned_until) > time.time():
        return False
    # Signed-in people see their own recent work. This runs before sessions and authentication (so that the early
    # page cache's own reads go to the replica too): a session cookie alone sends the request to the primary.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


class ReplicaReadsMiddleware:
    """Marks the public register's anonymous reads for the replica, and pins a client that wrote to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        public_read = _is_public_read(request)
        replica_token = _reads_from_replica.set(public_read)
        wrote_token = _wrote.set(False)
        try:
            response = self.get_response(request)
            if _wrote.get():
                seconds = settings.REPLICA_PIN_SECONDS
                response.set_cookie(
                    PIN_COOKIE, str(int(time.time()) + seconds), max_age=seconds, httponly=True, samesite="Lax"
                )
            elif public_read and response.streaming:
                # A streamed download reads its rows after this returns, while the server sends them.
                response.streaming_content = _from_replica(response.streaming_content)
            return response
        finally:
            _reads_from_replica.reset(replica_token)
            _wrote.reset(wrote_token)


def _from_replica(chunks):
    context = contextvars.copy_context()
    context.run(_reads_from_replica.set, True)
    iterator = iter(chunks)
    while True:
        try:
            yield context.run(next, iterator)
        except StopIteration:
            return
