"""Find the address a request really came from, believing `X-Forwarded-For` only from proxies the city runs.

Per-address rate limits (web chat, REST) and the console's sign-in throttling and audit both need the client's
address. Behind a reverse proxy every request comes from the proxy, so the proxy's `X-Forwarded-For` names the
client; but anyone can send that header, so it is read only when the connection comes from a trusted proxy, and
only as far back as the chain stays within trusted proxies.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(setting: str) -> tuple[Network, ...]:
    """Parse `ONE_DOOR_TRUSTED_PROXIES`: addresses or networks separated by commas or spaces.

    Raises:
        ValueError: an entry is not an address or network, so that a typo stops the server rather than
            silently trusting nobody (or everybody).
    """
    entries = setting.replace(",", " ").split()
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _is_trusted(address: str, trusted: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def client_address(peer: str, forwarded_for: str | None, trusted: Sequence[Network]) -> str:
    """The client's address: the connecting peer, or, when the peer is a trusted proxy, the last address in
    `X-Forwarded-For` that is not itself a trusted proxy.

    Args:
        peer: the address of the connection's other end.
        forwarded_for: the `X-Forwarded-For` header as received (comma-separated, the client first), if any.
        trusted: the proxies whose header is believed (`trusted_networks`).

    Note:
        The chain is read from the right: each trusted hop vouches only for the hop before it, so entries left
        of the first untrusted one may be forged by the client and are ignored.
    """
    if not forwarded_for or not _is_trusted(peer, trusted):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    address = peer
    for hop in reversed(hops):
        address = hop
        if not _is_trusted(hop, trusted):
            break
    return address
