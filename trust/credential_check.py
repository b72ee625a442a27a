"""The credential accreditation check: was this credential's issuer an active register entry on the issue date,
with this micro-credential within its accredited scope? Three answers: covered, not covered (why), could not be
checked (why), always with what was not checked."""

import dataclasses
import re
from urllib.parse import unquote, urlsplit

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accreditation.models import Provider, RegisterEntry
from accreditation.models.register import EntryStatus

from . import credential_claims, credential_input
from .credential_input import Claimed, Unreadable

COVERED, NOT_COVERED, NOT_CHECKED = "covered", "not_covered", "not_checked"
FORMATS = {
    "elm": gettext_lazy("European Digital Credential (ELM 3, JSON-LD)"),
    "ob3": gettext_lazy("Open Badges 3.0"),
    "vc+jwt": gettext_lazy("Verifiable credential as JWT"),
    "vc": gettext_lazy("Verifiable credential (JSON)"),
}
IDENTIFIER_FIELDS = ("erasmus_code", "pic", "eter_id", "deqar_id", "national_id")


@dataclasses.dataclass
class CheckResult:
    outcome: str
    reason: str
    claimed: Claimed | None = None
    provider: Provider | None = None
    entry: RegisterEntry | None = None
    status_then: str | None = None
    scope_item: object | None = None
    not_checked: list[str] = dataclasses.field(default_factory=list)


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _host(url: str) -> str:
    if url.startswith("did:web:"):
        return unquote(url.removeprefix("did:web:").split(":")[0]).split(":")[0].removeprefix("www.")
    return (urlsplit(url if "//" in url else "//" + url).hostname or "").removeprefix("www.")


def find_issuer(claimed: Claimed) -> tuple[list[Provider], str]:
    """Providers on the register that the credential's issuer matches, and how (strongest evidence first)."""
    listed = Provider.objects.filter(register_entries__isnull=False).distinct()
    values = {value for value in [*claimed.identifiers.values(), *claimed.issuer_ids] if value}
    if values:
        condition = Q()
        for field in IDENTIFIER_FIELDS:
            for value in values:
                condition |= Q(**{f"{field}__iexact": value.strip()})
        found = list(listed.filter(condition))
        if found:
            return found, _("identifier")
    hosts = {_host(url) for url in [*claimed.websites, *claimed.issuer_ids] if _host(url)}
    if hosts:
        near = listed.filter(website__iregex=r"|".join(re.escape(host) for host in hosts))
        found = [provider for provider in near if _host(provider.website) in hosts]
        if found:
            return found, _("website")
    names = [name for name in claimed.issuer_names if name.strip()][:5]
    if names:
        condition = Q()
        for name in names:
            condition |= Q(legal_name__iexact=name.strip()) | Q(acronym__iexact=name.strip())
        found = list(listed.filter(condition))
        if found:
            return found, _("name")
    return [], ""


def _in_scope(entry: RegisterEntry, claimed: Claimed) -> tuple[object | None, list[str], list[str]]:
    """(matching scope item or the entry itself, reasons it does not match, facts the credential lacks)."""
    reasons, missing = [], []
    titles = {_normal(title) for title in claimed.titles}
    for item in entry.scope_items.all():
        if _normal(item.title) not in titles:
            continue
        if claimed.eqf_level and item.eqf_level and claimed.eqf_level != item.eqf_level:
            reasons.append(
                _("“%(title)s” is accredited at EQF level %(accredited)s, the credential states level %(claimed)s.")
                % {"title": item.title, "accredited": item.eqf_level, "claimed": claimed.eqf_level}
            )
            continue
        return item, [], []
    if entry.institutional:
        low, high = entry.scope_eqf_min or 1, entry.scope_eqf_max or 8
        fields = [field.code for field in entry.scope_fields.all()]
        if claimed.eqf_level is None:
            missing.append(_("the credential does not state its EQF level"))
        elif not low <= claimed.eqf_level <= high:
            reasons.append(
                _("EQF level %(level)s is outside the accredited levels %(low)s–%(high)s.")
                % {"level": claimed.eqf_level, "low": low, "high": high}
            )
        if fields and claimed.field is None:
            missing.append(_("the credential does not state its ISCED-F field"))
        elif fields and not any(claimed.field.startswith(code) or code.startswith(claimed.field) for code in fields):
            reasons.append(
                _("Field %(field)s is outside the accredited fields %(fields)s.")
                % {"field": claimed.field, "fields": ", ".join(fields)}
            )
        if not reasons and not missing:
            return entry, [], []
    elif not reasons:
        reasons.append(_("No accredited micro-credential of this provider has the credential's title."))
    return None, reasons, missing


def check_claims(claimed: Claimed) -> CheckResult:
    result = CheckResult(outcome=NOT_CHECKED, reason="", claimed=claimed, not_checked=claimed.not_checked)
    if not (claimed.issuer_ids or claimed.issuer_names or claimed.identifiers or claimed.websites):
        result.reason = _("The issuer cannot be identified: the credential names no issuer.")
        return result
    providers, _how = find_issuer(claimed)
    if not providers:
        result.outcome, result.reason = NOT_COVERED, _("The issuer is not on the register.")
        return result
    if len(providers) > 1:
        result.reason = _("The issuer matches several providers on the register: %(names)s.") % {
            "names": ", ".join(provider.legal_name for provider in providers[:5])
        }
        return result
    result.provider = provider = providers[0]
    if claimed.issued_on is None:
        result.reason = _("The credential has no issue date, so the register cannot say whether it was covered.")
        return result
    entries = list(
        RegisterEntry.objects.as_of(claimed.issued_on)
        .filter(provider=provider)
        .select_related("decision", "agency", "authority")
        .prefetch_related("scope_items", "scope_fields")
        .order_by("-valid_from")
    )
    active = [entry for entry in entries if entry.status_then == EntryStatus.ACTIVE]
    if not active:
        result.outcome = NOT_COVERED
        if entries:
            result.entry, result.status_then = entries[0], entries[0].status_then
            result.reason = _("On %(day)s the provider's register entry was %(status)s, not active.") % {
                "day": date_format(claimed.issued_on),
                "status": EntryStatus(entries[0].status_then).label.lower(),
            }
        else:
            day = date_format(claimed.issued_on)
            result.reason = _("The provider was not on the register on %(day)s.") % {"day": day}
        return result
    all_reasons, all_missing = [], []
    for entry in active:
        match, reasons, missing = _in_scope(entry, claimed)
        if match is not None:
            result.outcome, result.entry, result.status_then = COVERED, entry, EntryStatus.ACTIVE
            result.scope_item = match if match is not entry else None
            result.reason = _(
                "On %(day)s the issuer was an active register entry and this micro-credential was within its "
                "accredited scope."
            ) % {"day": date_format(claimed.issued_on)}
            return result
        all_reasons += reasons
        all_missing += missing
    result.entry, result.status_then = active[0], EntryStatus.ACTIVE
    if all_missing and not all_reasons:
        result.reason = _("The scope could not be compared: %(missing)s.") % {"missing": "; ".join(all_missing)}
        return result
    result.outcome = NOT_COVERED
    result.reason = _("The micro-credential is outside the accredited scope. %(reasons)s") % {
        "reasons": " ".join(dict.fromkeys(all_reasons))
    }
    return result


def too_large() -> CheckResult:
    """The answer to input past the size limit, without reading it."""
    limit = credential_input.MAX_BYTES // 1024
    return CheckResult(
        outcome=NOT_CHECKED, reason=_("The file is larger than %(size)s KB: no credential is.") % {"size": limit}
    )


def check_credential(raw: bytes) -> CheckResult:
    """The whole check of raw input; never raises for bad input."""
    try:
        credential, transport, notes = credential_input.parse(raw)
        claimed = credential_claims.claims(credential, transport, notes)
    except Unreadable as error:
        return CheckResult(outcome=NOT_CHECKED, reason=str(error))
    return check_claims(claimed)


def as_dict(result: CheckResult) -> dict:
    """The API's answer."""
    claimed = result.claimed
    data = {
        "outcome": result.outcome,
        "reason": result.reason,
        "not_checked": result.not_checked,
        "credential": dataclasses.asdict(claimed) | {"issued_on": claimed.issued_on and claimed.issued_on.isoformat()}
        if claimed
        else None,
    }
    data["credential"] and data["credential"].pop("not_checked", None)
    if result.provider is not None:
        data["provider"] = {"id": result.provider.pk, "legal_name": result.provider.legal_name}
    if result.entry is not None:
        entry = result.entry
        data["entry"] = {
            "certificate_id": entry.certificate_id,
            "status_on_issue_date": result.status_then,
            "valid_from": entry.valid_from.isoformat(),
            "valid_until": entry.valid_until.isoformat(),
            "decision": {"outcome": entry.decision.outcome, "decided_on": entry.decision.decided_at.date().isoformat()},
        }
    if result.scope_item is not None:
        data["scope_item"] = {"title": result.scope_item.title, "eqf_level": result.scope_item.eqf_level}
    return data
