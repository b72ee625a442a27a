"""Several web processes on one database and one file store: nothing a person needs lives in one process's memory.
Two gunicorn servers run as separate processes on the test database; a download started on one is followed, and
fetched whole, on the other, and a person signed in on one is signed in on the other."""

import io
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from openpyxl import load_workbook

from tests.factories import PASSWORD, make_register_entry

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the servers are other processes: SQLite's test database lives in this process's memory; "
        "CI runs this test on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def servers(tmp_path_factory, django_db_setup, django_db_blocker):
    """Two servers, each its own process, sharing the test database and one folder of files."""
    tmp_path = tmp_path_factory.mktemp("two-servers")
    with django_db_blocker.unblock():
        url = database_url()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "two-servers-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "PRIVATE_FILES_ROOT": str(tmp_path / "files"),
        "SIGNING_KEY_DIR": str(tmp_path / "keys"),
        "SIGNING_KEY_AUTOCREATE": "true",
        "REGISTER_EXPORT_INLINE_MAX": "0",  # every spreadsheet download is a background job
        "RATELIMIT_ENABLE": "false",
        "VAR_DIR": str(tmp_path / "var"),
    }
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [str(GUNICORN), "config.wsgi:application", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for url in urls:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"{url}/healthz", timeout=5).read()  # noqa: S310 - loopback only
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.3)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_download_started_on_one_server_is_followed_and_fetched_on_the_other(servers, reference_data):
    first, second = servers
    entries = [make_register_entry() for _ in range(3)]
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(f"{first}/register/export.xlsx", timeout=30)
    assert redirect.value.code == 302
    job_path = redirect.value.headers["Location"].removeprefix(first)
    assert job_path.startswith("/register/exports/")

    deadline = time.monotonic() + 60
    while True:
        page = urllib.request.urlopen(f"{second}{job_path}", timeout=30).read().decode()  # noqa: S310
        if "register.xlsx" in page or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert "register.xlsx" in page, page  # the other server sees the job finish and links its file
    workbook = urllib.request.urlopen(f"{second}{job_path}register.xlsx", timeout=30).read()  # noqa: S310
    sheet = load_workbook(io.BytesIO(workbook), read_only=True).worksheets[0]
    names = {cell for row in sheet.iter_rows(values_only=True) for cell in row}
    assert {entry.provider.legal_name for entry in entries} <= names


def test_a_person_signed_in_on_one_server_is_signed_in_on_the_other(servers, reference_data, provider_staff):
    first, second = servers
    # The servers run the production settings, whose hashers do not read the tests' fast one.
    provider_staff.password = PBKDF2PasswordHasher().encode(PASSWORD, "twoservers", iterations=1000)
    provider_staff.save(update_fields=["password"])
    cookies = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    login_page = opener.open(f"{first}/accounts/login/", timeout=30).read().decode()
    token = login_page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    form = urllib.parse.urlencode(
        {"username": provider_staff.username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(f"{first}/accounts/login/", data=form)  # noqa: S310 - loopback only
    opener.open(request, timeout=30).read()
    # The session cookie was set for 127.0.0.1, which both servers share; the session itself is in the database.
    workspace = opener.open(f"{second}/provider/", timeout=30)
    assert workspace.url == f"{second}/provider/"
    assert provider_staff.memberships.get().provider.legal_name in workspace.read().decode()
