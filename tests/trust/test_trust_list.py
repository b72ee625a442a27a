"""The trust list: the whole register signed in the LoTE shape, with ETag, as of a past date and as recorded."""

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone
from joserfc import jws

from accreditation.models import Membership, RegisterEvent, Role
from accreditation.models.register import EntryStatus
from accreditation.services.register import change_entry_status
from tests.factories import UserFactory, make_corrected_register_entry, make_register_entry

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _list(client, jwks, **params):
    response = client.get("/register/trust-list.jws", params)
    assert response.status_code == 200, response.content
    token = jws.deserialize_compact(response.content.decode(), jwks)
    assert token.protected["alg"] == "ES256" and token.protected["kid"]
    return json.loads(token.payload)["LoTE"], response


def _services(lote) -> dict[str, dict]:
    return {
        service["ServiceInformation"]["ServiceName"][0]["value"].split()[-1]: service["ServiceInformation"]
        for entity in lote["TrustedEntitiesList"]
        for service in entity["TrustedEntityServices"]
    }


def test_the_list_names_every_provider_with_identifiers_scope_validity_and_status(client, jwks):
    entry = make_register_entry(credentials=2)
    entry.provider.pic = "999999999"
    entry.provider.save()
    suspended = make_register_entry(status=EntryStatus.SUSPENDED)
    lote, _response = _list(client, jwks)

    assert lote["ListAndSchemeInformation"]["AsOf"] == timezone.localdate().isoformat()
    assert len(lote["TrustedEntitiesList"]) == 2
    services = _services(lote)
    service = services[entry.certificate_id]
    assert service["ServiceStatus"].endswith("/status/active")
    assert "pic:999999999" in service["ServiceDigitalIdentity"]["OtherIds"]
    extension = service["ServiceInformationExtensions"][0]
    assert len(extension["AccreditedScope"]["microCredentials"]) == 2
    assert extension["Validity"] == {"from": entry.valid_from.isoformat(), "until": entry.valid_until.isoformat()}
    assert services[suspended.certificate_id]["ServiceStatus"].endswith("/status/suspended")


def test_the_list_changes_with_the_register_and_keeps_its_etag_otherwise(client, jwks):
    entry = make_register_entry()
    _lote, first = _list(client, jwks)
    etag = first["ETag"]
    assert client.get("/register/trust-list.jws", HTTP_IF_NONE_MATCH=etag).status_code == 304

    officer = UserFactory()
    Membership.objects.create(user=officer, authority=entry.authority, role=Role.OFFICER)
    change_entry_status(entry=entry, change=RegisterEvent.Kind.SUSPENDED, reason="Complaint", by=officer)
    lote, second = _list(client, jwks)
    assert second["ETag"] != etag
    assert _services(lote)[entry.certificate_id]["ServiceStatus"].endswith("/status/suspended")


def test_as_of_a_past_date_lists_what_was_on_the_register_then(client, jwks):
    today = timezone.localdate()
    old = make_register_entry(valid_from=today - datetime.timedelta(days=400))
    new = make_register_entry(valid_from=today - datetime.timedelta(days=10))
    lote, _ = _list(client, jwks, as_of=(today - datetime.timedelta(days=100)).isoformat())
    assert set(_services(lote)) == {old.certificate_id}
    assert lote["ListAndSchemeInformation"]["AsOf"] == (today - datetime.timedelta(days=100)).isoformat()
    assert new.certificate_id in _services(_list(client, jwks)[0])


def test_as_recorded_on_shows_what_the_register_said_before_a_correction(client, jwks):
    """An entry's validity was corrected (shortened) today; as recorded last month it still ran for years."""
    today = timezone.localdate()
    entry, first = make_corrected_register_entry()

    now_said = _services(_list(client, jwks)[0])[entry.certificate_id]
    assert now_said["ServiceStatus"].endswith("/status/expired")
    month_ago = (today - datetime.timedelta(days=30)).isoformat()
    before = _list(client, jwks, as_recorded_on=month_ago)[0]
    said_then = _services(before)[entry.certificate_id]
    assert said_then["ServiceStatus"].endswith("/status/active")
    assert said_then["ServiceInformationExtensions"][0]["Validity"]["until"] == first.valid_until.isoformat()
    assert before["ListAndSchemeInformation"]["AsRecordedOn"] == month_ago


def test_bad_dates_are_a_clear_400(client):
    assert client.get("/register/trust-list.jws", {"as_of": "yesterday"}).status_code == 400
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client.get("/register/trust-list.json", {"as_recorded_on": future})
    assert response.status_code == 400 and b"future" in response.content
    assert client.get("/register/trust-list.json", {"as_of": "2026-02-31"}).status_code == 400


def test_the_list_verifies_offline_with_the_published_keys(client, tmp_path):
    make_register_entry()
    (tmp_path / "jwks.json").write_bytes(client.get("/.well-known/jwks.json").content)
    (tmp_path / "list.jws").write_bytes(client.get("/register/trust-list.jws").content)
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "trust" / "verify_offline.py"),
            "--jwks",
            str(tmp_path / "jwks.json"),
            str(tmp_path / "list.jws"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "trust list of 1 entities" in result.stdout


def test_a_providers_record_as_recorded_on_a_past_day(client):
    today = timezone.localdate()
    entry = make_register_entry(valid_from=today - datetime.timedelta(days=400))
    RegisterEvent.objects.filter(entry=entry).update(recorded_at=timezone.now() - datetime.timedelta(days=399))
    change_entry_status(entry=entry, change=RegisterEvent.Kind.SUSPENDED, reason="Complaint", by=_officer(entry))
    now = client.get(f"/register/providers/{entry.provider_id}/record.json").json()
    assert now["entries"][0]["status"] == "suspended"
    before = client.get(
        f"/register/providers/{entry.provider_id}/record.json",
        {"as_recorded_on": (today - datetime.timedelta(days=2)).isoformat()},
    ).json()
    assert before["entries"][0]["status"] == "active"
    assert client.get("/register/providers/999999/record.json").status_code == 404
    assert client.get(f"/register/providers/{entry.provider_id}/record.json", {"as_of": "x"}).status_code == 400


def _officer(entry):
    officer = UserFactory()
    Membership.objects.create(user=officer, authority=entry.authority, role=Role.OFFICER)
    return officer
