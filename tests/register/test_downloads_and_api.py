"""Downloads (parsed and validated) and the REST API."""

import csv
import io
import json

import pytest
from django.core.cache import cache
from lxml import etree
from openpyxl import load_workbook

from tests.factories import ProviderFactory, make_register_entry
from tests.reference import reference_file

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def entries():
    hostile = ProviderFactory(legal_name='=HYPERLINK("http://evil")', country="IE")
    return [make_register_entry(provider=hostile), make_register_entry(conditions="Report yearly", credentials=3)]


def test_csv_has_one_row_per_accredited_micro_credential_and_neutralises_formulas(client, entries):
    # The file starts with a byte-order mark, so that Excel reads it as UTF-8.
    rows = list(csv.reader(io.StringIO(body(client.get("/register/export.csv")).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Certificate id", "Provider", "Country"]
    assert len(rows) == 1 + 2 + 3
    assert rows[1][1] == '\'=HYPERLINK("http://evil")' or any(r[1] == '\'=HYPERLINK("http://evil")' for r in rows)


def test_csv_follows_the_search_filters(client, entries):
    rows = list(csv.reader(io.StringIO(body(client.get("/register/export.csv", {"q": "HYPERLINK"})).decode())))
    assert len(rows) == 1 + 2


def test_xlsx_reloads_with_the_same_content(client, entries):
    workbook = load_workbook(io.BytesIO(body(client.get("/register/export.xlsx"))), read_only=True)
    values = list(workbook["Register"].iter_rows(values_only=True))
    assert values[0][0] == "Certificate id"
    assert len(values) == 6
    assert {row[1] for row in values[1:]} >= {'\'=HYPERLINK("http://evil")'}
    assert {row[7] for row in values[1:]} >= {"Report yearly"}


def test_json_download_lists_entries_with_scope(client, entries):
    data = json.loads(body(client.get("/register/export.json")))
    assert len(data["entries"]) == 2
    conditional = next(e for e in data["entries"] if e["conditions"])
    assert conditional["conditions"] == ["Report yearly"]
    assert len(conditional["scope"]) == 3
    assert conditional["verify_url"].endswith(f"/register/verify/{conditional['certificate_id']}/")


def test_bad_filters_on_downloads_are_400(client, entries):
    response = client.get("/register/export.csv", {"valid_on": "yesterday"})
    assert response.status_code == 400
    assert "valid_on" in response.content.decode()


def test_elm_xml_validates_against_the_ams_schema(client, entries):
    schema = etree.XMLSchema(etree.parse(str(reference_file("ams-xsd/ams.xsd"))))
    document = etree.fromstring(body(client.get("/register/export/elm.xml")))
    assert schema.validate(document), schema.error_log
    ns = {"a": "http://data.europa.eu/snb/model/application-profile/ams-constraints/"}
    assert len(document.findall("a:accreditationReferences/a:accreditation", ns)) == 2
    assert document.find(".//a:limitEQFLevel", ns).get("uri") == "http://data.europa.eu/snb/eqf/6"


def test_deqar_json_is_an_array_of_reports_in_the_v2_shape(client, entries):
    """The full v2 rules are checked in tests/outputs/test_deqar.py; here: one report object per decision."""
    from accreditation.models import Agency, Provider

    Agency.objects.update(deqar_activities_programme="182")
    Provider.objects.update(erasmus_code="IRL DUBLIN01")
    reports = json.loads(body(client.get("/register/export/deqar.json")))
    assert isinstance(reports, list) and len(reports) == 2
    for report in reports:
        assert {"agency", "activities", "status", "decision", "valid_from", "date_format", "institutions"} <= set(
            report
        )
        assert report["decision"] in ("positive", "positive with conditions or restrictions")


def test_api_lists_entries_with_the_same_filters(client, entries):
    data = client.get("/api/v1/entries/", {"country": "IE", "q": "HYPERLINK"}).json()
    assert data["count"] == 1
    assert data["results"][0]["provider"]["legal_name"] == '=HYPERLINK("http://evil")'
    detail = client.get(data["results"][0]["url"]).json()
    assert detail["certificate_id"] == data["results"][0]["certificate_id"]
    assert client.get("/api/v1/entries/", {"eqf_level": "12"}).status_code == 400


def test_api_supports_conditional_requests(client, entries):
    first = client.get("/api/v1/entries/")
    assert first.status_code == 200 and first.has_header("Last-Modified") and first.has_header("ETag")
    again = client.get("/api/v1/entries/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    again = client.get("/api/v1/entries/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_api_limits_anonymous_clients_with_a_clear_429(client, entries, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import AnonRateThrottle

    cache.clear()
    original = AnonRateThrottle.THROTTLE_RATES
    AnonRateThrottle.THROTTLE_RATES = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/minute"}
    try:
        statuses = [client.get("/api/v1/providers/").status_code for _ in range(4)]
        response = client.get("/api/v1/providers/")
    finally:
        AnonRateThrottle.THROTTLE_RATES = original
        cache.clear()
    assert statuses[:3] == [200, 200, 200]
    assert response.status_code == 429
    assert "throttled" in response.json()["detail"]
    assert response.has_header("Retry-After")


def test_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "openapi" in text and "/api/v1/entries/" in text
    docs = client.get("/api/docs/").content.decode()
    assert "GET /api/v1/entries/" in docs and "valid_on" in docs


def test_large_xlsx_downloads_are_built_in_the_background_with_a_progress_page(
    client, entries, settings, django_capture_on_commit_callbacks
):
    settings.REGISTER_EXPORT_INLINE_MAX = 1
    settings.JOBS_RUN_INLINE = True
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/register/export.xlsx", {"country": "IE"})
    assert response.status_code == 302 and response.url.startswith("/register/exports/")
    page = client.get(response.url).content.decode()
    assert "Preparing your download" in page and "Download the register (XLSX)" in page
    workbook = load_workbook(io.BytesIO(body(client.get(response.url + "register.xlsx"))), read_only=True)
    rows = list(workbook["Register"].iter_rows(values_only=True))
    assert len(rows) == 1 + 5  # header, then one row per accredited micro-credential
    assert client.get("/register/exports/00000000-0000-0000-0000-000000000000/").status_code == 404
