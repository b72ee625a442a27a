"""A signing view without a configured key answers 503 with what the operator must do, never a 500."""

import functools

from django.http import HttpResponse
from django.utils.translation import gettext as _

from ..keys import NoSigningKey


def needs_signing_key(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NoSigningKey:
            return HttpResponse(
                _("Signatures are not available: the register operator has not configured a signing key."),
                status=503,
                content_type="text/plain; charset=utf-8",
            )

    return wrapped
