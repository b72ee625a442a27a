"""Register entries as W3C Verifiable Credentials (Data Model 2.0, secured as JOSE `vc+jwt`), and the status
list credentials their `credentialStatus` points to."""

import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from accreditation.filters import published_entries
from accreditation.models import RegisterEntry, RegisterScopeItem

from . import signing, status_list
from .addresses import absolute

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
VC_TYPE = "vc+jwt"


def public_entries():
    """Published entries with what a credential states, read in a fixed number of queries."""
    return (
        published_entries()
        .select_related("decision")
        .prefetch_related(
            "scope_fields",
            Prefetch("scope_items", queryset=RegisterScopeItem.objects.select_related("field").order_by("title")),
        )
    )


def provider_identifiers(provider) -> dict:
    names = {
        "national_id": provider.national_id,
        "erasmus_code": provider.erasmus_code,
        "pic": provider.pic,
        "deqar_id": provider.deqar_id,
        "eter_id": provider.eter_id,
        "website": provider.website,
    }
    return {name: value for name, value in names.items() if value}


def scope_of(entry: RegisterEntry) -> dict:
    scope = {
        "institutional": entry.institutional,
        "microCredentials": [
            {
                "title": item.title,
                "eqfLevel": item.eqf_level,
                "ects": str(item.ects) if item.ects is not None else None,
                "field": item.field.code if item.field_id else None,
                "participationForm": item.participation_form or None,
            }
            for item in entry.scope_items.all()
        ],
    }
    if entry.institutional:
        scope["eqfLevels"] = {"min": entry.scope_eqf_min, "max": entry.scope_eqf_max}
        scope["fields"] = sorted(field.code for field in entry.scope_fields.all())
    return scope


def status_entries(entry: RegisterEntry) -> list[dict]:
    number, index = status_list.position(entry.pk)
    entries = []
    for purpose in status_list.PURPOSES:
        url = absolute(reverse("trust:status-list", args=[purpose, number]))
        entries.append(
            {
                "id": f"{url}#{index}",
                "type": "BitstringStatusListEntry",
                "statusPurpose": purpose,
                "statusListIndex": str(index),
                "statusListCredential": url,
            }
        )
    return entries


def accredited_subject(entry: RegisterEntry) -> dict:
    """What the register says of one entry: provider, scope, agency, authority, decision, validity."""
    provider = entry.provider
    return {
        "id": absolute(reverse("register:provider", args=[provider.pk])),
        "type": "AccreditedProvider",
        "name": provider.legal_name,
        "country": provider.country,
        "providerType": provider.type,
        "identifiers": provider_identifiers(provider),
        "accreditation": {
            "certificateId": entry.certificate_id,
            "verificationPage": absolute(reverse("register:verify", args=[entry.certificate_id])),
            "scope": scope_of(entry),
            "agency": {
                "name": entry.agency.name,
                "country": entry.agency.country,
                "eqarRegistered": entry.agency.eqar_registered,
            },
            "authority": {"name": entry.authority.name, "country": entry.authority.country},
            "decision": {
                "outcome": entry.decision.outcome,
                "decidedOn": entry.decision.decided_at.date().isoformat(),
                "withConditions": entry.with_conditions,
                "conditions": [line for line in entry.conditions.splitlines() if line.strip()],
            },
            "validFrom": entry.valid_from.isoformat(),
            "validUntil": entry.valid_until.isoformat(),
        },
    }


def _day_start(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entry_credential(entry: RegisterEntry) -> dict:
    return {
        "@context": [VC_CONTEXT],
        "id": absolute(reverse("trust:entry-credential", args=[entry.pk])),
        "type": ["VerifiableCredential", "AccreditationCredential"],
        "issuer": {"id": signing.operator_did(), "name": settings.SIGNING_OPERATOR_NAME},
        "validFrom": _day_start(entry.valid_from),
        "validUntil": _day_start(entry.valid_until + datetime.timedelta(days=1)),
        "credentialSubject": accredited_subject(entry),
        "credentialStatus": status_entries(entry),
    }


def jwt_claims(credential: dict) -> dict:
    """The credential as the JWT's payload, with the registered claims that mirror it."""
    issuer = credential["issuer"]
    return {
        **credential,
        "iss": issuer["id"] if isinstance(issuer, dict) else issuer,
        "jti": credential["id"],
        "iat": int(timezone.now().timestamp()),
    }


def signed_entry(entry: RegisterEntry) -> str:
    return signing.sign_jwt(jwt_claims(entry_credential(entry)), typ=VC_TYPE, cty="vc")


def status_list_credential(purpose: str, number: int) -> dict:
    url = absolute(reverse("trust:status-list", args=[purpose, number]))
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": signing.operator_did(),
        "validFrom": timezone.now().replace(microsecond=0).isoformat(),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": status_list.encode(status_list.flagged_indexes(purpose, number)),
        },
    }


def signed_status_list(purpose: str, number: int) -> str:
    return signing.sign_jwt(jwt_claims(status_list_credential(purpose, number)), typ=VC_TYPE, cty="vc")
