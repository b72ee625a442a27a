"""Absolute links use the configured site address, or the address the request came in on when none is set:
never a host or port the site is not served on."""

import csv
import io

import pytest
from django.core import mail
from django.test import RequestFactory
from openpyxl import load_workbook

from accreditation.documents import certificate_data
from accreditation.notifications import notify
from config.site import SiteAddressMiddleware, register_uri_base, site_url
from jobs.models import Job
from tests.factories import UserFactory, make_register_entry

pytestmark = pytest.mark.django_db
ELSEWHERE = "localhost:8765"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def in_request(function, host=ELSEWHERE):
    """Run `function` as a view would, inside a request to `host`."""
    outcome = {}

    def view(request):
        outcome["value"] = function()
        return None

    SiteAddressMiddleware(view)(RequestFactory().get("/", HTTP_HOST=host))
    return outcome["value"]


@pytest.fixture
def unset(settings):
    settings.SITE_URL = ""
    settings.REGISTER_URI_BASE = ""
    return settings


def test_without_a_setting_the_base_is_the_request_address(unset):
    assert site_url(RequestFactory().get("/", HTTP_HOST=ELSEWHERE)) == f"http://{ELSEWHERE}"
    assert in_request(site_url) == f"http://{ELSEWHERE}"


def test_the_configured_address_wins_over_the_request(unset):
    unset.SITE_URL = "https://register.example.eu"
    assert in_request(site_url) == "https://register.example.eu"
    assert in_request(register_uri_base) == "https://register.example.eu"
    unset.REGISTER_URI_BASE = "https://id.example.eu"
    assert in_request(register_uri_base) == "https://id.example.eu"


def test_the_csv_download_links_to_the_host_and_port_it_was_served_on(client, unset):
    entry = make_register_entry()
    rows = list(csv.DictReader(io.StringIO(body(client.get("/register/export.csv", HTTP_HOST=ELSEWHERE)).decode())))
    pages = {value for row in rows for value in row.values() if "/register/providers/" in value}
    assert pages == {f"http://{ELSEWHERE}/register/providers/{entry.provider_id}/"}


def test_the_certificate_verification_url_and_qr_code_use_the_request_address(unset):
    entry = make_register_entry(certificate_id="MC-HOST-0001")
    data = in_request(lambda: certificate_data(entry))
    assert data.verify_url == f"http://{ELSEWHERE}/register/verify/MC-HOST-0001/"


def test_e_mails_sent_after_commit_link_to_the_request_address(unset, django_capture_on_commit_callbacks):
    user = UserFactory(email="officer@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        in_request(lambda: notify(users=[user], subject="Decided", message="See it", link="/tasks/"))
    assert f"http://{ELSEWHERE}/tasks/" in mail.outbox[0].body
    assert "127.0.0.1:8000" not in mail.outbox[0].body


def test_a_background_download_links_to_the_address_of_the_request_that_asked_for_it(
    client, unset, django_capture_on_commit_callbacks
):
    unset.JOBS_RUN_INLINE = True
    unset.REGISTER_EXPORT_INLINE_MAX = 0
    entry = make_register_entry()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/register/export.xlsx", HTTP_HOST=ELSEWHERE)
    assert response.status_code == 302
    job = Job.objects.get(kind=Job.Kind.REGISTER_EXPORT)
    assert job.status == Job.Status.DONE
    sheet = load_workbook(job.output.open("rb"), read_only=True)["Register"]
    links = {cell for row in sheet.iter_rows(values_only=True) for cell in row if "/providers/" in str(cell)}
    assert links == {f"http://{ELSEWHERE}/register/providers/{entry.provider_id}/"}


def test_the_api_links_an_entrys_credential_on_the_configured_address(client, unset):
    entry = make_register_entry()
    unset.SITE_URL = "https://register.example.eu"
    data = client.get(f"/api/v1/entries/{entry.certificate_id}/", HTTP_HOST=ELSEWHERE).json()
    assert data["credential"] == f"https://register.example.eu/register/entries/{entry.pk}/credential.jwt"
