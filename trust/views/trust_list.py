"""The signed trust list: rebuilt when the register changes (cached by the register's version), with an ETag,
for today or as of a past date, optionally as recorded on a given day."""

import datetime
import hashlib
import json

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accreditation import register_history as history
from accreditation.views.register import register_version

from .. import credentials, trust_list
from ..addresses import absolute
from .unavailable import needs_signing_key

KEEP_SECONDS = 3600


def _date(request: HttpRequest, name: str) -> datetime.date | None:
    """A date parameter (YYYY-MM-DD), or None; ValueError with a message for a bad or future one."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        day = parse_date(raw)
    except ValueError:
        day = None
    if day is None:
        raise ValueError(_("%(name)s must be a date written YYYY-MM-DD.") % {"name": name})
    if day > timezone.localdate():
        raise ValueError(_("%(name)s cannot be in the future.") % {"name": name})
    return day


def _document(request: HttpRequest) -> tuple[dict, str] | HttpResponse:
    try:
        as_of, recorded_on = _date(request, "as_of"), _date(request, "as_recorded_on")
    except ValueError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    key = (
        "trust:list:"
        + hashlib.sha256(f"{as_of}|{recorded_on}|{register_version()}|{timezone.localdate()}".encode()).hexdigest()
    )
    kept = cache.get(key)
    if kept is None:
        document = trust_list.build(as_of=as_of, as_recorded_on=recorded_on)
        kept = (document, trust_list.sign(document))
        cache.set(key, kept, KEEP_SECONDS)
    return kept


def _tagged(response: HttpResponse, body: str) -> HttpResponse:
    response["ETag"] = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@needs_signing_key
def signed_list(request: HttpRequest) -> HttpResponse:
    kept = _document(request)
    if isinstance(kept, HttpResponse):
        return kept
    return _tagged(HttpResponse(kept[1], content_type="application/jose"), kept[1])


@require_safe
@needs_signing_key
def readable_list(request: HttpRequest) -> HttpResponse:
    """The same list unsigned, to read; what a relying party checks is the signed one."""
    kept = _document(request)
    if isinstance(kept, HttpResponse):
        return kept
    body = json.dumps(kept[0], ensure_ascii=False, sort_keys=True)
    return _tagged(JsonResponse(kept[0], json_dumps_params={"ensure_ascii": False, "sort_keys": True}), body)


@require_safe
def provider_record(request: HttpRequest, pk: int) -> HttpResponse:
    """What the register said of one provider's entries on `as_of`, as recorded by `as_recorded_on` (JSON)."""
    try:
        as_of, recorded_on = _date(request, "as_of"), _date(request, "as_recorded_on")
    except ValueError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    on = as_of or timezone.localdate()
    entries = history.with_history(credentials.public_entries().filter(provider_id=pk))
    said = [found for entry in entries if (found := history.said_on(entry, on, recorded_on))]
    if not said and not entries.exists():
        raise Http404
    return JsonResponse(
        {
            "provider": pk,
            "as_of": on.isoformat(),
            "as_recorded_on": recorded_on.isoformat() if recorded_on else None,
            "entries": [
                {
                    "certificate_id": found.entry.certificate_id,
                    "status": found.status,
                    "valid_from": found.valid_from.isoformat(),
                    "valid_until": found.valid_until.isoformat(),
                    "credential": absolute(reverse("trust:entry-credential", args=[found.entry.pk])),
                }
                for found in said
            ],
        }
    )
