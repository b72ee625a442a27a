"""Absolute addresses of what the trust app publishes: the site's configured address, or the request's own."""

from django.conf import settings

try:
    from config.site import site_url
except ImportError:  # the site-address module of the identifiers work is not in every checkout yet

    def site_url(request=None) -> str:
        return settings.SITE_URL or "http://127.0.0.1:8000"


def absolute(path: str) -> str:
    return site_url() + path
