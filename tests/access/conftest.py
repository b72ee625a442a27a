import pytest
from django.db import transaction

from .world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The matrix's world, built once per module inside a transaction rolled back at its end; each test runs in
    a savepoint of it (pytest-django's `db`), so what one test changes never reaches the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
