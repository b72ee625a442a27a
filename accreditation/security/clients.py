"""Which address a request comes from, trusting forwarding headers only from the proxies the operator names."""

import ipaddress
from functools import cache

from django.conf import settings


@cache
def _trusted_networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def _is_trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, unless it is one of TRUSTED_PROXIES, in which case the right-most entry of
    X-Forwarded-For that is not itself a trusted proxy. A client can prepend anything to X-Forwarded-For, so only
    what the trusted proxies appended is believed; with no TRUSTED_PROXIES the header is ignored altogether."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _trusted_networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _is_trusted(_parse(remote), networks):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            return remote  # a malformed hop: believe nothing beyond our own proxy
        if not _is_trusted(address, networks):
            return str(address)
    return remote
