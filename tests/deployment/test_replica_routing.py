"""Read replicas: the public register's anonymous reads go to the replica, everything else to the primary, and a
client never reads its own write from the replica. The replica here is Django's test mirror of the test database
(a second connection to it), so each test commits its rows and records which connection ran each query."""

import contextlib

import pytest
from django.db import connections

from tests.factories import PASSWORD, make_register_entry

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=["default", "replica"])


@pytest.fixture(autouse=True)
def _replica_on(settings, reference_data):
    settings.READ_FROM_REPLICA = True


@contextlib.contextmanager
def queries_by_alias():
    """The SQL each connection ran inside the block, by alias."""
    ran = {"default": [], "replica": []}

    def recorder(alias):
        def record(execute, sql, params, many, context):
            ran[alias].append(sql)
            return execute(sql, params, many, context)

        return record

    with (
        connections["default"].execute_wrapper(recorder("default")),
        connections["replica"].execute_wrapper(recorder("replica")),
    ):
        yield ran


def test_anonymous_register_pages_and_the_api_read_from_the_replica(client):
    entry = make_register_entry()
    for url in (
        "/register/",
        f"/register/providers/{entry.provider_id}/",
        f"/register/verify/{entry.certificate_id}/",
        "/api/v1/entries/",
    ):
        with queries_by_alias() as ran:
            response = client.get(url)
        assert response.status_code == 200
        assert entry.provider.legal_name in response.content.decode(), url
        assert ran["replica"] and not ran["default"], url


def test_a_streamed_download_reads_its_rows_from_the_replica(client):
    entry = make_register_entry()
    with queries_by_alias() as ran:
        response = client.get("/register/export.csv")
        body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert entry.provider.legal_name in body
    assert ran["replica"] and not any("register" in sql.lower() for sql in ran["default"])


def test_signed_in_people_and_private_pages_use_the_primary(client, provider_staff):
    make_register_entry()
    client.force_login(provider_staff)
    with queries_by_alias() as ran:
        assert client.get("/register/").status_code == 200
        assert client.get("/provider/").status_code == 200
    assert ran["default"] and not ran["replica"]


def test_a_client_that_wrote_reads_from_the_primary_afterwards(client, provider_staff):
    """Signing in writes (the session, the last login): the next pages of that client, even anonymous ones after
    signing out, come from the primary until the pin expires."""
    make_register_entry()
    with queries_by_alias() as ran:
        assert client.get("/register/").status_code == 200
    assert ran["replica"] and not ran["default"]
    response = client.post("/accounts/login/", {"username": provider_staff.username, "password": PASSWORD})
    assert response.status_code == 302 and "read_primary_until" in response.cookies
    client.post("/accounts/logout/")
    with queries_by_alias() as ran:
        assert client.get("/register/").status_code == 200
    assert ran["default"] and not ran["replica"]


def test_the_first_write_of_a_request_moves_its_later_reads_to_the_primary():
    from django.contrib.auth import get_user_model

    from config.db_routers import _reads_from_replica

    token = _reads_from_replica.set(True)
    try:
        users = get_user_model().objects
        with queries_by_alias() as ran:
            users.exists()
            users.create(username="written-in-this-request")
            assert users.filter(username="written-in-this-request").exists()
        assert len(ran["replica"]) == 1 and len(ran["default"]) >= 2
    finally:
        _reads_from_replica.reset(token)


def test_without_a_replica_everything_reads_from_the_primary(client, settings):
    settings.READ_FROM_REPLICA = False
    make_register_entry()
    with queries_by_alias() as ran:
        assert client.get("/register/").status_code == 200
    assert ran["default"] and not ran["replica"]
