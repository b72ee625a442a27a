"""The credential accreditation check, with credentials built here in each format, for each of its answers."""

import datetime
import json
import socket

import pytest
from django.utils import timezone
from joserfc import jwt
from joserfc.jwk import ECKey

from accreditation.models.register import EntryStatus
from tests.factories import ProviderFactory, field, make_register_entry
from trust.credential_check import COVERED, NOT_CHECKED, NOT_COVERED, check_credential

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TITLE = "Applied Data Analysis for Public Health"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Nothing in the check may reach the network (remote JSON-LD contexts are never fetched)."""

    def refuse(*args, **kwargs):
        raise AssertionError("the credential check tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture
def entry():
    provider = ProviderFactory(legal_name="Atlantic Technological College", erasmus_code="IRL GALWAY07")
    return make_register_entry(
        provider=provider,
        valid_from=TODAY - datetime.timedelta(days=200),
        specifications=[{"title": TITLE, "eqf_level": 6}, {"title": "Cloud Security Basics", "eqf_level": 5}],
    )


def elm(*, issuer=None, title=TITLE, level=6, issued=None, extra_context=()) -> dict:
    """A European Digital Credential (ELM 3) in JSON-LD."""
    credential = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "http://data.europa.eu/snb/model/context/edc-ap",
            *extra_context,
        ],
        "id": "urn:credential:0001",
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "issuer": issuer
        if issuer is not None
        else {
            "id": "urn:epass:org:1",
            "type": "Organisation",
            "legalName": {"en": "Atlantic Technological College"},
            "identifier": [{"type": "Identifier", "notation": "IRL GALWAY07", "schemeName": "Erasmus code"}],
        },
        "credentialSubject": {
            "id": "urn:learner:1",
            "type": "Person",
            "hasClaim": [
                {
                    "type": "LearningAchievement",
                    "title": {"en": title},
                    "specifiedBy": {
                        "type": "LearningAchievementSpecification",
                        "title": {"en": title},
                        **({"eqfLevel": {"id": f"http://data.europa.eu/snb/eqf/{level}"}} if level else {}),
                        "ISCEDFCode": [{"id": "http://data.europa.eu/snb/isced-f/0613"}],
                        "creditPoint": [{"point": "5"}],
                    },
                }
            ],
        },
    }
    if issued is not False:
        credential["issued"] = f"{(issued or TODAY - datetime.timedelta(days=10)).isoformat()}T10:00:00Z"
    return credential


def open_badge(*, name="Atlantic Technological College", website="https://provider-atu.example.org", title=TITLE):
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:badge-1",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "https://provider-atu.example.org/issuer", "type": ["Profile"], "name": name, "url": website},
        "validFrom": f"{(TODAY - datetime.timedelta(days=3)).isoformat()}T09:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "type": ["Achievement"],
                "name": title,
                "alignment": [
                    {"type": ["Alignment"], "targetFramework": "EQF", "targetCode": "6", "targetName": "EQF 6"}
                ],
            },
        },
    }


def as_jwt(credential: dict, issuer: str) -> bytes:
    key = ECKey.generate_key("P-256")
    nbf = int((timezone.now() - datetime.timedelta(days=1)).timestamp())
    claims = {"iss": issuer, "nbf": nbf, "vc": {k: v for k, v in credential.items() if k not in {"issuer", "issued"}}}
    return jwt.encode({"alg": "ES256", "typ": "JWT"}, claims, key).encode()


def check(credential) -> object:
    return check_credential(credential if isinstance(credential, bytes) else json.dumps(credential).encode())


# covered


def test_an_elm_credential_of_an_accredited_micro_credential_is_covered(entry):
    result = check(elm())
    assert result.outcome == COVERED, result.reason
    assert result.claimed.format == "elm"
    assert result.entry == entry and result.scope_item.title == TITLE
    assert any("proof" in note or "revoked" in note for note in result.not_checked)


def test_an_open_badge_found_by_the_issuers_website_is_covered(entry):
    entry.provider.website = "https://www.provider-atu.example.org/"
    entry.provider.save()
    result = check(open_badge(name="ATC (trading name)"))
    assert result.outcome == COVERED, result.reason
    assert result.claimed.format == "ob3" and result.claimed.eqf_level == 6


def test_a_vc_jwt_found_by_its_did_web_is_covered_and_says_its_signature_was_not_verified(entry):
    entry.provider.website = "https://provider-atu.example.org"
    entry.provider.save()
    result = check(as_jwt(elm(), "did:web:provider-atu.example.org"))
    assert result.outcome == COVERED, result.reason
    assert any("signature was not verified" in note for note in result.not_checked)


def test_a_claim_without_a_specification_is_matched_by_its_own_title(entry):
    credential = elm()
    del credential["credentialSubject"]["hasClaim"][0]["specifiedBy"]
    result = check(credential)
    assert result.outcome == COVERED, result.reason


def test_an_institutional_scope_covers_levels_and_fields(entry):
    entry.institutional, entry.scope_eqf_min, entry.scope_eqf_max = True, 5, 7
    entry.save()
    entry.scope_fields.set([field("06")])
    result = check(elm(title="A course not listed anywhere"))
    assert result.outcome == COVERED and result.scope_item is None


# not covered


def test_an_issuer_not_on_the_register_is_not_covered(entry):
    issuer = {"type": "Organisation", "legalName": {"en": "Diploma Mill Ltd"}}
    result = check(elm(issuer=issuer))
    assert result.outcome == NOT_COVERED and "not on the register" in result.reason


def test_a_suspended_entry_on_the_issue_date_is_not_covered(db):
    provider = ProviderFactory(legal_name="Suspended College", erasmus_code="IRL GALWAY07")
    make_register_entry(provider=provider, status=EntryStatus.SUSPENDED, specifications=[{"title": TITLE}])
    result = check(elm(issued=TODAY))
    assert result.outcome == NOT_COVERED and "suspended" in result.reason


def test_a_credential_issued_before_the_accreditation_is_not_covered(entry):
    result = check(elm(issued=TODAY - datetime.timedelta(days=400)))
    assert result.outcome == NOT_COVERED and "not on the register on" in result.reason


def test_a_title_outside_the_scope_is_not_covered(entry):
    result = check(elm(title="Underwater Basket Weaving"))
    assert result.outcome == NOT_COVERED and "No accredited micro-credential" in result.reason


def test_a_level_other_than_the_accredited_one_is_not_covered(entry):
    result = check(elm(level=7))
    assert result.outcome == NOT_COVERED and "EQF level 6" in result.reason and "level 7" in result.reason


def test_an_institutional_scope_does_not_cover_other_levels(entry):
    entry.institutional, entry.scope_eqf_min, entry.scope_eqf_max = True, 5, 5
    entry.save()
    result = check(elm(title="Something else", level=7))
    assert result.outcome == NOT_COVERED and "outside the accredited levels 5–5" in result.reason


# could not be checked


def test_without_an_issue_date_it_cannot_be_checked(entry):
    result = check(elm(issued=False))
    assert result.outcome == NOT_CHECKED and "no issue date" in result.reason


def test_without_an_issuer_it_cannot_be_checked(entry):
    credential = elm()
    del credential["issuer"]
    result = check(credential)
    assert result.outcome == NOT_CHECKED and "issuer cannot be identified" in result.reason


def test_an_institutional_scope_without_a_level_cannot_be_checked(entry):
    entry.institutional = True
    entry.save()
    result = check(elm(title="Something else", level=None))
    assert result.outcome == NOT_CHECKED and "EQF level" in result.reason


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"hello": "world"}', "not a verifiable credential"),
        (b"{not json", "not valid JSON"),
        (b"", "Nothing was given"),
        (b"\xff\xfe\x00binary", "not text"),
        (b"[1, 2, 3]", "neither a JSON credential nor a JWT"),
        (b'{"a":' * 60 + b"1" + b"}" * 60, "nested more than"),
        (b"[" * 300_000 + b"]" * 300_000, "larger than"),
        (b"eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.c2ln", "not base64url-encoded JSON"),
    ],
)
def test_hostile_input_gets_a_clear_message(raw, message, db):
    result = check_credential(raw)
    assert result.outcome == NOT_CHECKED
    assert message in result.reason


def test_wrong_types_in_every_field_never_break_the_check(entry):
    credential = {
        "@context": 42,
        "type": ["VerifiableCredential"],
        "issuer": 42,
        "issued": ["2026-01-01"],
        "credentialSubject": "a string where an object belongs",
    }
    result = check(credential)
    assert result.outcome == NOT_CHECKED


def test_a_remote_context_is_never_fetched_and_is_named_as_not_used(entry):
    result = check(elm(extra_context=["https://attacker.example/context.jsonld"]))
    assert result.outcome == COVERED
    assert any("attacker.example" in note and "not fetched" in note for note in result.not_checked)


# the page and the API


def test_the_page_answers_a_pasted_credential_and_an_uploaded_file(client, entry):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/register/check/", {"credential": json.dumps(elm())})
    assert response.status_code == 200 and "Covered" in response.content.decode()
    upload = SimpleUploadedFile("badge.json", json.dumps(open_badge(title="Nope")).encode(), "application/json")
    response = client.post("/register/check/", {"file": upload})
    assert response.status_code == 200 and "Not covered" in response.content.decode()
    assert client.get("/register/check/").status_code == 200


def test_the_api_answers_json_and_refuses_what_it_cannot_read(client, entry):
    response = client.post("/register/check.json", json.dumps(elm()), content_type="application/json")
    assert response.status_code == 200
    answer = response.json()
    assert answer["outcome"] == "covered"
    assert answer["entry"]["certificate_id"] == entry.certificate_id
    assert answer["scope_item"]["title"] == TITLE
    assert answer["not_checked"]
    token = as_jwt(elm(), "did:web:nowhere.example")
    response = client.post("/register/check.json", token, content_type="application/vc+jwt")
    assert response.json()["outcome"] == "not_covered"
    assert client.post("/register/check.json", "x", content_type="image/png").status_code == 415
    assert client.get("/register/check.json").status_code == 405


def test_suspending_the_entry_flips_the_answer(entry):
    """The officer suspends the entry: a credential issued today is no longer covered (the status list bit of the
    entry's signed credential flips too: tests/trust/test_signed_entries.py)."""
    from accreditation.models import Membership, RegisterEvent, Role
    from accreditation.services.register import change_entry_status
    from tests.factories import UserFactory

    assert check(elm(issued=TODAY)).outcome == COVERED
    officer = UserFactory()
    Membership.objects.create(user=officer, authority=entry.authority, role=Role.OFFICER)
    change_entry_status(entry=entry, change=RegisterEvent.Kind.SUSPENDED, reason="Complaint", by=officer)
    result = check(elm(issued=TODAY))
    assert result.outcome == NOT_COVERED and "suspended" in result.reason
