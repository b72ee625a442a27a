"""Each register entry as a signed VC (vc+jwt) whose status list flips when the entry is suspended or withdrawn."""

import datetime

import pytest
from django.utils import timezone
from joserfc import jwt

from accreditation.models import Membership, RegisterEvent, Role
from accreditation.services.register import change_entry_status
from tests.factories import UserFactory, make_register_entry
from trust import status_list

pytestmark = pytest.mark.django_db


def _status_bit(client, jwks, status_entry) -> bool:
    path = status_entry["statusListCredential"].removeprefix("https://register.example.eu")
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"] == "application/vc+jwt"
    token = jwt.decode(response.content.decode(), jwks)
    assert token.header["typ"] == "vc+jwt"
    subject = token.claims["credentialSubject"]
    assert subject["statusPurpose"] == status_entry["statusPurpose"]
    assert "BitstringStatusListCredential" in token.claims["type"]
    bits = status_list.decode(subject["encodedList"])
    assert len(bits) == 16 * 1024
    return status_list.is_set(bits, int(status_entry["statusListIndex"]))


def _credential(client, jwks, entry):
    response = client.get(f"/register/entries/{entry.pk}/credential.jwt")
    assert response.status_code == 200 and response["Content-Type"] == "application/vc+jwt"
    token = jwt.decode(response.content.decode(), jwks)
    assert token.header["typ"] == "vc+jwt" and token.header["alg"] == "ES256"
    return token.claims


def _officer(entry):
    officer = UserFactory()
    Membership.objects.create(user=officer, authority=entry.authority, role=Role.OFFICER)
    return officer


def test_an_entry_credential_states_provider_scope_agency_authority_decision_and_validity(client, jwks):
    entry = make_register_entry(credentials=2, conditions="Report on assessment within a year.")
    entry.provider.erasmus_code = "IRL GALWAY01"
    entry.provider.save()
    claims = _credential(client, jwks, entry)

    assert claims["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert claims["type"] == ["VerifiableCredential", "AccreditationCredential"]
    assert claims["issuer"]["id"] == claims["iss"] == "did:web:register.example.eu"
    assert claims["validFrom"].startswith(entry.valid_from.isoformat())
    subject = claims["credentialSubject"]
    assert subject["name"] == entry.provider.legal_name
    assert subject["identifiers"]["erasmus_code"] == "IRL GALWAY01"
    accreditation = subject["accreditation"]
    assert accreditation["certificateId"] == entry.certificate_id
    assert accreditation["agency"]["name"] == entry.agency.name
    assert accreditation["authority"]["name"] == entry.authority.name
    assert accreditation["decision"]["withConditions"] is True
    assert accreditation["decision"]["conditions"] == ["Report on assessment within a year."]
    assert sorted(item["title"] for item in accreditation["scope"]["microCredentials"]) == sorted(
        entry.scope_items.values_list("title", flat=True)
    )
    assert accreditation["validUntil"] == entry.valid_until.isoformat()
    assert {status["statusPurpose"] for status in claims["credentialStatus"]} == {"revocation", "suspension"}


def test_suspension_sets_the_suspension_bit_and_lifting_it_clears_it(client, jwks):
    entry = make_register_entry()
    neighbour = make_register_entry()
    officer = _officer(entry)
    statuses = {s["statusPurpose"]: s for s in _credential(client, jwks, entry)["credentialStatus"]}
    assert not _status_bit(client, jwks, statuses["suspension"])
    assert not _status_bit(client, jwks, statuses["revocation"])

    change_entry_status(entry=entry, change=RegisterEvent.Kind.SUSPENDED, reason="Complaint under review", by=officer)
    assert _status_bit(client, jwks, statuses["suspension"])
    assert not _status_bit(client, jwks, statuses["revocation"])
    neighbour_status = _credential(client, jwks, neighbour)["credentialStatus"][1]
    assert not _status_bit(client, jwks, neighbour_status)

    change_entry_status(entry=entry, change=RegisterEvent.Kind.REINSTATED, reason="Complaint dismissed", by=officer)
    assert not _status_bit(client, jwks, statuses["suspension"])


def test_withdrawal_sets_the_revocation_bit(client, jwks):
    entry = make_register_entry()
    statuses = {s["statusPurpose"]: s for s in _credential(client, jwks, entry)["credentialStatus"]}
    change_entry_status(entry=entry, change=RegisterEvent.Kind.WITHDRAWN, reason="Provider closed", by=_officer(entry))
    assert _status_bit(client, jwks, statuses["revocation"])


def test_expiry_sets_the_suspension_bit(client, jwks):
    long_ago = timezone.localdate() - datetime.timedelta(days=3 * 365)
    entry = make_register_entry(valid_from=long_ago, years=2)
    statuses = {s["statusPurpose"]: s for s in _credential(client, jwks, entry)["credentialStatus"]}
    assert _status_bit(client, jwks, statuses["suspension"])
    assert not _status_bit(client, jwks, statuses["revocation"])


def test_unknown_entries_lists_and_purposes_are_404(client):
    assert client.get("/register/entries/999999/credential.jwt").status_code == 404
    assert client.get("/register/status/other/0.jwt").status_code == 404
    assert client.get("/register/status/revocation/99999999.jwt").status_code == 404
    assert client.post("/register/status/revocation/0.jwt").status_code == 405


def test_the_entry_uri_offers_the_signed_credential_by_content_negotiation(client, jwks):
    from django.urls import reverse

    entry = make_register_entry()
    uri = reverse("register:entry", args=[entry.pk])
    response = client.get(uri, HTTP_ACCEPT="application/vc+jwt")
    assert response.status_code == 200 and response["Content-Type"] == "application/vc+jwt"
    claims = jwt.decode(response.content.decode(), jwks).claims
    assert claims["credentialSubject"]["accreditation"]["certificateId"] == entry.certificate_id


def test_deploy_check_warns_when_no_signing_key_is_configured(settings, tmp_path):
    from trust.checks import signing_key_configured

    settings.SIGNING_KEY_AUTOCREATE = False
    settings.SIGNING_KEY_DIR = tmp_path / "empty"
    (warning,) = signing_key_configured(None)
    assert warning.id == "trust.W001"


def test_the_api_links_each_entry_to_its_signed_credential(client, jwks):
    entry = make_register_entry()
    response = client.get(f"/api/v1/entries/{entry.certificate_id}/")
    assert response.status_code == 200
    link = response.json()["credential"]
    assert link.endswith(f"/register/entries/{entry.pk}/credential.jwt")
    token = client.get(link.removeprefix("http://testserver")).content.decode()
    assert jwt.decode(token, jwks).claims["credentialSubject"]["accreditation"]["certificateId"] == entry.certificate_id
