import pytest
from django.db import connections, transaction

from .world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The matrix's world, built once per module inside a transaction rolled back at its end; each test runs in
    a savepoint of it (pytest-django's `db`), so what one test changes never reaches the next."""
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        # A view that closes an inner response (the signed downloads do) fires `request_finished` in the middle
        # of a request, and Django then closes a connection found inside a transaction: on PostgreSQL, the one
        # holding this world. Keep the connections open for the module.
        for connection in connections.all():
            patch.setattr(connection, "close_if_unusable_or_obsolete", lambda: None)
        with transaction.atomic():
            yield build_world()
            transaction.set_rollback(True)
