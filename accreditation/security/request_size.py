"""Uploads refused by their declared size (Content-Length) before a byte of the body is read."""

from django.conf import settings
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def request_size_limit() -> int:
    """The largest request body accepted: the largest upload allowed, plus room for the form's other fields."""
    return settings.REQUEST_MAX_BYTES or settings.ACCREDITATION["EVIDENCE_MAX_BYTES"] + 1024 * 1024


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(_("The request's length is not a number."), status=400, content_type="text/plain")
        limit = request_size_limit()
        if declared > limit:
            message = _("The upload is %(size)s; the limit is %(limit)s.") % {
                "size": filesizeformat(declared),
                "limit": filesizeformat(limit),
            }
            response = HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
            response["Connection"] = "close"  # the unread body is not worth receiving
            return response
        return self.get_response(request)
