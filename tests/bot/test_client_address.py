"""Finding the client's address behind the city's own proxies, and only behind them."""

from __future__ import annotations

import pytest

from bot.client_address import client_address, trusted_networks

PROXIES = trusted_networks("10.0.0.0/8, 192.0.2.7 2001:db8::/32")


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "expected"),
    [
        # No proxy: the connecting address, whatever the header claims.
        ("203.0.113.5", None, "203.0.113.5"),
        ("203.0.113.5", "198.51.100.1", "203.0.113.5"),
        # One trusted proxy: the address it saw.
        ("10.1.2.3", "198.51.100.1", "198.51.100.1"),
        ("192.0.2.7", " 198.51.100.1 ", "198.51.100.1"),
        ("2001:db8::1", "2001:db8:ffff::9, 198.51.100.1", "198.51.100.1"),
        # A client's forged entries to the left of the last untrusted hop are ignored.
        ("10.1.2.3", "1.2.3.4, 198.51.100.1, 10.9.9.9", "198.51.100.1"),
        # Only trusted hops: the leftmost one is as far as the chain goes.
        ("10.1.2.3", "10.0.0.9, 10.0.0.8", "10.0.0.9"),
        # Junk in the header is an untrusted hop, taken as the client (it cannot pose as a proxy).
        ("10.1.2.3", "not-an-ip", "not-an-ip"),
        ("10.1.2.3", " , ", "10.1.2.3"),
    ],
)
def test_client_address_believes_forwarded_for_only_from_trusted_proxies(
    peer: str, forwarded_for: str | None, expected: str
) -> None:
    assert client_address(peer, forwarded_for, PROXIES) == expected


def test_with_no_trusted_proxies_the_header_is_never_read() -> None:
    assert client_address("10.1.2.3", "198.51.100.1", trusted_networks("")) == "10.1.2.3"


def test_a_mistyped_proxy_stops_the_server_rather_than_trusting_nobody() -> None:
    with pytest.raises(ValueError):
        trusted_networks("10.0.0.0/8, 10.0.0.300")
