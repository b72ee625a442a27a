"""Absolute addresses of what the trust app publishes: the site's configured address, or the request's own."""

from config.site import site_url


def absolute(path: str) -> str:
    return site_url() + path
