"""Public, signed views of the register: the keys, each entry as a credential, and the status lists."""

import hashlib
import json

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from accreditation.views.register import register_version

from .. import credentials, keys, signing, status_list
from .unavailable import needs_signing_key

VC_MEDIA_TYPE = "application/vc+jwt"
STATUS_LIST_SECONDS = 300
MAX_LIST_NUMBER = 10_000  # far beyond any register's size; refuses absurd numbers before any query


def _etagged(request: HttpRequest, body: str, content_type: str) -> HttpResponse:
    """A response with a strong ETag of its body; an If-None-Match that matches gets 304 (by Django's
    ConditionalGetMiddleware)."""
    response = HttpResponse(body, content_type=content_type)
    response["ETag"] = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@needs_signing_key
def jwks(request: HttpRequest) -> HttpResponse:
    body = json.dumps(signing.jwks(), indent=2)
    return _etagged(request, body, "application/jwk-set+json")


@require_safe
@needs_signing_key
def did_document(request: HttpRequest) -> HttpResponse:
    body = json.dumps(signing.did_document(), indent=2)
    return _etagged(request, body, "application/did+json")


@require_safe
@needs_signing_key
def entry_credential(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(credentials.public_entries(), pk=pk)
    response = HttpResponse(credentials.signed_entry(entry), content_type=VC_MEDIA_TYPE)
    response["Content-Disposition"] = f'inline; filename="{entry.certificate_id}.jwt"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def entry_credential_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The same credential unsigned, for reading (the signed one is what a verifier relies on)."""
    entry = get_object_or_404(credentials.public_entries(), pk=pk)
    return JsonResponse(credentials.entry_credential(entry), json_dumps_params={"indent": 2})


@require_safe
@needs_signing_key
def status_list_credential(request: HttpRequest, purpose: str, number: int) -> HttpResponse:
    if purpose not in status_list.PURPOSES or number > MAX_LIST_NUMBER:
        raise Http404
    version = f"{register_version()}|{timezone.localdate()}"
    key = f"trust:status:{purpose}:{number}:" + hashlib.sha256(version.encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        body = credentials.signed_status_list(purpose, number)
        cache.set(key, body, STATUS_LIST_SECONDS)
    return _etagged(request, body, VC_MEDIA_TYPE)


def _entry_as_vc_jwt(request: HttpRequest, entry) -> HttpResponse:
    try:
        token = credentials.signed_entry(entry)
    except keys.NoSigningKey:
        return HttpResponse(status=503)
    return HttpResponse(token, content_type=VC_MEDIA_TYPE)


def register_representations() -> None:
    """Offer the signed credential at the entry's URI (`Accept: application/vc+jwt`) where the register's
    content negotiation is installed; without it the credential stays at its own URL."""
    try:
        from accreditation.views.identifiers import representation
    except ImportError:
        return
    representation("entry", VC_MEDIA_TYPE)(_entry_as_vc_jwt)
