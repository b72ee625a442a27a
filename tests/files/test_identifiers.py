"""Every provider, agency, authority, entry and accredited micro-credential has a URI under REGISTER_URI_BASE
that dereferences: HTML for browsers, other representations by content negotiation."""

import csv
import io
import json

import pytest
from django.http import HttpResponse

from accreditation.views import identifiers
from tests.factories import make_register_entry

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def entry():
    return make_register_entry(credentials=2)


@pytest.fixture
def json_ld_registered():
    """A representation registered as the ELM JSON-LD builder registers its own, which is put back after."""
    registered = identifiers.REPRESENTATIONS.setdefault("entry", {})
    previous = registered.get("application/ld+json")

    @identifiers.representation("entry", "application/ld+json")
    def as_json_ld(request, entry):
        return HttpResponse(json.dumps({"id": entry.certificate_id}), content_type="application/ld+json")

    yield
    if previous is None:
        del registered["application/ld+json"]
    else:
        registered["application/ld+json"] = previous


def test_a_browser_is_sent_from_the_entry_uri_to_its_section_of_the_provider_page(client, entry):
    response = client.get(f"/register/entries/{entry.pk}/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 303
    assert response["Location"] == f"/register/providers/{entry.provider_id}/#entry-{entry.certificate_id}"
    assert client.get(response["Location"]).status_code == 200


def test_an_accredited_micro_credential_uri_leads_to_its_entry(client, entry):
    item = entry.scope_items.first()
    response = client.get(f"/register/micro-credentials/{item.pk}/")
    assert response.status_code == 303
    assert response["Location"].endswith(f"#entry-{entry.certificate_id}")


def test_a_registered_representation_is_served_by_content_negotiation(client, entry, json_ld_registered):
    response = client.get(f"/register/entries/{entry.pk}/", HTTP_ACCEPT="application/ld+json")
    assert response.status_code == 200
    assert json.loads(response.content) == {"id": entry.certificate_id}
    assert "Accept" in [value.strip() for value in response["Vary"].split(",")]
    html = client.get(f"/register/entries/{entry.pk}/", HTTP_ACCEPT="text/html;q=0.9,application/ld+json;q=0.5")
    assert html.status_code == 303


def test_a_type_nobody_offers_is_406_and_lists_what_is_offered(client, entry):
    response = client.get(f"/register/entries/{entry.pk}/", HTTP_ACCEPT="application/x-nothing")
    assert response.status_code == 406
    assert "text/html" in response.content.decode()


def test_unknown_entries_are_404(client, db):
    assert client.get("/register/entries/999999/").status_code == 404
    assert client.get("/register/micro-credentials/999999/").status_code == 404
    assert client.get("/register/agencies/999999/").status_code == 404


def test_agencies_and_authorities_have_public_pages_listing_their_entries(client, entry):
    for kind, organisation in (("agencies", entry.agency), ("authorities", entry.authority)):
        response = client.get(f"/register/{kind}/{organisation.pk}/")
        page = response.content.decode()
        assert response.status_code == 200
        assert organisation.name in page
        assert entry.provider.legal_name in page
        assert f"http://testserver/register/{kind}/{organisation.pk}/" in page


def test_downloads_carry_the_uris_under_the_configured_base(client, entry, settings):
    settings.REGISTER_URI_BASE = "https://id.register.example.eu"
    base = settings.REGISTER_URI_BASE
    row = next(csv.DictReader(io.StringIO(body(client.get("/register/export.csv")).decode("utf-8-sig"))))
    assert row["Entry URI"] == f"{base}/register/entries/{entry.pk}/"
    assert row["Provider URI"] == f"{base}/register/providers/{entry.provider_id}/"
    assert row["QA agency URI"] == f"{base}/register/agencies/{entry.agency_id}/"
    assert row["Authority URI"] == f"{base}/register/authorities/{entry.authority_id}/"
    assert row["Micro-credential URI"].startswith(f"{base}/register/micro-credentials/")
    record = json.loads(body(client.get("/register/export.json")))["entries"][0]
    assert record["uri"] == f"{base}/register/entries/{entry.pk}/"
    assert {item["uri"] for item in record["scope"]} == {
        f"{base}/register/micro-credentials/{item.pk}/" for item in entry.scope_items.all()
    }
    # Identifiers do not follow the address the site happens to be served on.
    other = next(
        csv.DictReader(
            io.StringIO(body(client.get("/register/export.csv", HTTP_HOST="localhost:8765")).decode("utf-8-sig"))
        )
    )
    assert other["Entry URI"] == row["Entry URI"]


def test_the_provider_page_shows_its_identifiers_and_links_agency_and_authority(client, entry):
    type(entry.provider).objects.filter(pk=entry.provider_id).update(pic="012345678", ror_id="02tyrky19")
    page = client.get(f"/register/providers/{entry.provider_id}/").content.decode()
    assert "012345678" in page and 'href="https://ror.org/02tyrky19"' in page
    assert f'href="/register/agencies/{entry.agency_id}/"' in page
    assert f'href="/register/authorities/{entry.authority_id}/"' in page
