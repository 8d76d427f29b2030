"""The client's address, as login throttling, rate limits and the audit log see it."""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in trusted if item.strip())


def _address(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return address is not None and any(address in net for net in networks)


def client_ip(request) -> str | None:
    """``REMOTE_ADDR``, unless it is one of ``ODAQ_TRUSTED_PROXIES``: then the nearest address of
    ``X-Forwarded-For`` that is not itself a trusted proxy (read from the right, since a client can
    write anything at the left of the header). A client talking to us directly cannot choose its address."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    networks = _networks(tuple(settings.ODAQ_TRUSTED_PROXIES))
    if remote is None or not networks or not _trusted(_address(remote), networks):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for hop in reversed(forwarded):
        address = _address(hop)
        if address is None:
            return remote  # a malformed header: keep the proxy's own address rather than guess
        if not _trusted(address, networks):
            return str(address)
    return str(_address(forwarded[0])) if forwarded else remote
