"""Facts about the HTTP client that several apps need (the login throttle, for one)."""

from __future__ import annotations

import ipaddress

from django.conf import settings

# One person's IPv6 connection usually gets a whole /64: counting single IPv6 addresses would
# give a guesser 2**64 fresh addresses.
IPV6_NETWORK_PREFIX = 64


def client_address(request) -> str:
    """The client's address, or its IPv6 /64 network, as a string.

    Behind the reverse proxy that `KINERJA_BEHIND_PROXY` announces, the peer is the proxy, and
    the client is the right-most address of X-Forwarded-For: the one that proxy appended (the
    entries left of it are whatever the client chose to send). Without a proxy that header is
    the client's own words and is ignored.
    """
    peer = request.META.get("REMOTE_ADDR", "")
    candidate = peer
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            candidate = forwarded.split(",")[-1].strip()
    address = _parse(candidate) or _parse(peer)
    if address is None:
        return "unknown"
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        network = ipaddress.ip_network(f"{address}/{IPV6_NETWORK_PREFIX}", strict=False)
        return str(network)
    return str(address)


def _parse(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None
