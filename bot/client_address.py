"""The address a request really came from, believing `X-Forwarded-For` only from trusted proxies."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(text: str) -> tuple[Network, ...]:
    """Networks from a list of addresses or CIDR blocks separated by commas or spaces (`10.0.0.0/8, 127.0.0.1`).

    Raises:
        ValueError: an entry is neither an address nor a network, so that a typo stops the console rather than
            silently trusting nobody.
    """
    return tuple(ipaddress.ip_network(part, strict=False) for part in text.replace(",", " ").split())


def client_address(peer: str | None, forwarded_for: str | None, trusted: Sequence[Network]) -> str:
    """The client's address: the peer, unless the peer is a trusted proxy that says whom it forwards for.

    `X-Forwarded-For` is read from right to left, because each proxy appends the address it received the
    request from: the first hop that is not a trusted proxy is the client. Anything to the left of it was
    written by the client and could be anything, so it is never believed.

    Args:
        peer: the address of the TCP peer (Starlette's `request.client.host`); None when unknown.
        forwarded_for: the `X-Forwarded-For` header, all its values joined by commas, or None.
        trusted: networks whose proxies are believed.

    Returns:
        An address in its normal written form, or "unknown" when there is no peer.
    """
    current = _address(peer)
    if current is None:
        return "unknown"
    if not forwarded_for:
        return str(current)
    for hop in reversed(forwarded_for.split(",")):
        if not _is_trusted(current, trusted):
            break
        previous = _address(hop.strip())
        if previous is None:
            break  # A trusted proxy passed on something that is no address: stop at the proxy.
        current = previous
    return str(current)


def _address(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text) if text else None
    except ValueError:
        return None


def _is_trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address, trusted: Sequence[Network]) -> bool:
    return any(address in network for network in trusted)
