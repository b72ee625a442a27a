"""Signed copies of the register's downloads: the exact bytes the download view serves, and a detached JWS over
their SHA-256 digest, so that a copy can be checked offline with the published keys.

The downloads stamp the moment they were made (JSON, DEQAR, ELM, XLSX), so two requests never give the same
bytes: the signed copy is built once per register version, query and language, kept in the cache, and its
signature is made over those kept bytes. `/register/signed/<download>` and `/register/signed/<download>.jws`
therefore agree for as long as the register does not change.
"""

import hashlib

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accreditation.views import register_exports
from accreditation.views.register import register_version
from jobs.models import Job

from .. import signing
from ..addresses import absolute
from .unavailable import needs_signing_key

DOWNLOADS = {
    "export.csv": register_exports.export_csv,
    "export.xlsx": register_exports.export_xlsx,
    "export.json": register_exports.export_json,
    "export/elm.xml": register_exports.export_elm,
    "export/elm.jsonld": register_exports.export_elm_jsonld,
    "export/deqar.json": register_exports.export_deqar,
}
MAX_SIGNED_BYTES = 50 * 1024 * 1024  # a copy kept in the cache; larger downloads are narrowed by filters first
KEEP_SECONDS = 3600
JWS_MEDIA_TYPE = "application/jose"


def _release(response: HttpResponse) -> None:
    """Close what an inner response holds open (a file, a cursor's generator). Not `response.close()`: that also
    announces the end of the request, and Django then closes this request's database connection."""
    for closer in response._resource_closers:
        closer()
    response._resource_closers.clear()


def _body(response: HttpResponse) -> bytes | None:
    """The whole body of a download response, or None past the size limit."""
    if not response.streaming:
        return response.content
    parts, size = [], 0
    try:
        for chunk in response.streaming_content:
            chunk = chunk.encode() if isinstance(chunk, str) else chunk
            size += len(chunk)
            if size > MAX_SIGNED_BYTES:
                return None
            parts.append(chunk)
    finally:
        _release(response)
    return b"".join(parts)


def _signed_copy(request: HttpRequest, name: str) -> dict | HttpResponse:
    """{body, content_type, filename, jws} of a download, from the cache or built now; or the download's own
    answer when it is not a file (a 400 for a bad filter, a redirect to a background job)."""
    query = request.GET.copy()
    query.pop("page", None)
    key = (
        "trust:download:"
        + hashlib.sha256(
            f"{name}|{query.urlencode()}|{get_language()}|{register_version()}|{timezone.localdate()}".encode()
        ).hexdigest()
    )
    copy = cache.get(key)
    if copy is not None:
        return copy
    response = DOWNLOADS[name](request)
    if response.status_code != 200:
        return response
    body = _body(response)
    if body is None:
        return HttpResponse(
            _("This download is too large to be signed on request: narrow it with the search filters."),
            status=413,
            content_type="text/plain; charset=utf-8",
        )
    content_type = response["Content-Type"]
    source = absolute(request.get_full_path().removesuffix(".jws"))
    copy = {
        "body": body,
        "content_type": content_type,
        "filename": name.replace("/", "-").replace("export-", "register-").replace("export.", "register."),
        "jws": signing.sign_digest(body, media_type=content_type, source=source),
    }
    cache.set(key, copy, KEEP_SECONDS)
    return copy


@require_safe
@needs_signing_key
def signed_download(request: HttpRequest, name: str) -> HttpResponse:
    if name not in DOWNLOADS:
        raise Http404
    copy = _signed_copy(request, name)
    if isinstance(copy, HttpResponse):
        return copy
    response = HttpResponse(copy["body"], content_type=copy["content_type"])
    response["Content-Disposition"] = f'attachment; filename="{copy["filename"]}"'
    signature = request.path + ".jws" + (f"?{request.GET.urlencode()}" if request.GET else "")
    response["Link"] = f'<{signature}>; rel="signature"; type="{JWS_MEDIA_TYPE}"'
    return response


@require_safe
@needs_signing_key
def download_signature(request: HttpRequest, name: str) -> HttpResponse:
    if name not in DOWNLOADS:
        raise Http404
    copy = _signed_copy(request, name)
    if isinstance(copy, HttpResponse):
        return copy
    response = HttpResponse(copy["jws"], content_type=JWS_MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{copy["filename"]}.jws"'
    return response


@require_safe
@needs_signing_key
def job_file_signature(request: HttpRequest, token) -> HttpResponse:
    """The signature of a large XLSX download built in the background (its stored file, byte for byte)."""
    job = get_object_or_404(Job, token=token, kind=Job.Kind.REGISTER_EXPORT, status=Job.Status.DONE)
    with job.output.open("rb") as handle:
        body = handle.read()
    source = absolute(request.path.removesuffix(".jws"))
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return HttpResponse(signing.sign_digest(body, media_type=media_type, source=source), content_type=JWS_MEDIA_TYPE)
