"""The whole register as one signed List of Trusted Entities, in the JSON shape of ETSI TS 119 602 (LoTE).

Each provider is a trusted entity; each of its register entries is a service ("accredited provision of
micro-credentials") with its status, the time that status started, the provider's identifiers and the
accredited scope as an extension. The list type, service type and status URIs are the register's own (TS 119 602
leaves them to each scheme); the field names follow the structure published with the specification. Signed as a
compact JWS (ES256; the key id names the published key and certificate).
"""

import datetime
import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from joserfc import jws

from accreditation import register_history as history

from . import credentials, keys
from .addresses import absolute

LIST_TYPE = "/register/vocabulary/lote/accredited-micro-credential-providers"
SERVICE_TYPE = "/register/vocabulary/service/accredited-micro-credential-provision"
STATUS_BASE = "/register/vocabulary/status/"
NEXT_UPDATE = datetime.timedelta(days=1)


def _text(value: str) -> list[dict]:
    return [{"lang": "en", "value": value}]


def _uri(value: str) -> list[dict]:
    return [{"lang": "en", "uriValue": value}]


def _service(said: history.SaidOn) -> dict:
    entry = said.entry
    identifiers = credentials.provider_identifiers(entry.provider)
    started = max(
        [entry.published_on, *(event.effective_on for event in entry.events.all() if event.effective_on <= said.as_of)]
    )
    return {
        "ServiceInformation": {
            "ServiceTypeIdentifier": absolute(SERVICE_TYPE),
            "ServiceName": _text(f"Accreditation {entry.certificate_id}"),
            "ServiceDigitalIdentity": {"OtherIds": [f"{name}:{value}" for name, value in identifiers.items()]},
            "ServiceStatus": absolute(STATUS_BASE + said.status),
            "StatusStartingTime": f"{started.isoformat()}T00:00:00Z",
            "ServiceDefinitionURI": _uri(absolute(reverse("register:verify", args=[entry.certificate_id]))),
            "ServiceSupplyPoints": [
                {"ServiceType": "vc+jwt", "uriValue": absolute(reverse("trust:entry-credential", args=[entry.pk]))}
            ],
            "ServiceInformationExtensions": [
                {
                    "AccreditedScope": credentials.scope_of(entry),
                    "Validity": {"from": said.valid_from.isoformat(), "until": said.valid_until.isoformat()},
                    "Agency": entry.agency.name,
                    "Authority": entry.authority.name,
                    "Decision": {"outcome": entry.decision.outcome, "withConditions": entry.with_conditions},
                }
            ],
        }
    }


def build(*, as_of: datetime.date | None = None, as_recorded_on: datetime.date | None = None) -> dict:
    """The list as the register said it on `as_of` (today by default), as recorded by `as_recorded_on`."""
    today = timezone.localdate()
    on = as_of or today
    entries = history.with_history(credentials.public_entries()).order_by("provider__legal_name", "provider_id", "pk")
    providers: dict[int, dict] = {}
    for entry in entries:
        said = history.said_on(entry, on, as_recorded_on)
        if said is None:
            continue
        provider = entry.provider
        record = providers.setdefault(
            provider.pk,
            {
                "TrustedEntityInformation": {
                    "TEName": _text(provider.legal_name),
                    **({"TETradeName": _text(provider.acronym)} if provider.acronym else {}),
                    "TEAddress": {
                        "TEPostalAddress": [{"lang": "en", "Country": provider.country}],
                        "TEElectronicAddress": _uri(provider.website) if provider.website else [],
                    },
                    "TEInformationURI": _uri(absolute(reverse("register:provider", args=[provider.pk]))),
                },
                "TrustedEntityServices": [],
            },
        )
        record["TrustedEntityServices"].append(_service(said))
    now = timezone.now().replace(microsecond=0)
    information = {
        "LoTEVersionIdentifier": 1,
        "LoTESequenceNumber": 1,
        "LoTEType": absolute(LIST_TYPE),
        "SchemeOperatorName": _text(settings.SIGNING_OPERATOR_NAME),
        "SchemeName": _text("Trusted providers of micro-credentials"),
        "SchemeInformationURI": _uri(absolute(reverse("register:search"))),
        "SchemeTerritory": "EU",
        "ListIssueDateTime": now.isoformat().replace("+00:00", "Z"),
        "NextUpdate": (now + NEXT_UPDATE).isoformat().replace("+00:00", "Z"),
        "DistributionPoints": [absolute(reverse("trust:trust-list"))],
        "AsOf": on.isoformat(),
    }
    if as_recorded_on:
        information["AsRecordedOn"] = as_recorded_on.isoformat()
    return {"LoTE": {"ListAndSchemeInformation": information, "TrustedEntitiesList": list(providers.values())}}


def sign(document: dict) -> str:
    key = keys.current_key()
    header = {
        "alg": keys.ALGORITHM,
        "typ": "JOSE",
        "cty": "json",
        "kid": key.kid,  # the certificate is in the JWKS entry of that kid (x5c): kept out of the small header
    }
    payload = json.dumps(document, ensure_ascii=False, sort_keys=True).encode()
    return jws.serialize_compact(header, payload, key.signing_jwk())
