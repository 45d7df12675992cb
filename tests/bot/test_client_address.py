"""The client address behind proxies: X-Forwarded-For is believed only as far as trusted proxies vouch for it."""

from __future__ import annotations

import pytest

from bot.client_address import client_address, trusted_networks

PROXIES = trusted_networks("10.0.0.0/8, 192.0.2.1, 2001:db8::/32")


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "expected"),
    [
        # No proxy trusted on the way: the peer, whatever the header claims.
        ("203.0.113.9", None, "203.0.113.9"),
        ("203.0.113.9", "198.51.100.7", "203.0.113.9"),
        # A trusted proxy: the address it received the request from.
        ("10.1.2.3", "198.51.100.7", "198.51.100.7"),
        ("192.0.2.1", "198.51.100.7", "198.51.100.7"),
        # A client that writes its own header in front: only the hop the proxy appended counts.
        ("10.1.2.3", "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        # Two trusted proxies in a row: read past both.
        ("10.1.2.3", "198.51.100.7, 10.9.9.9", "198.51.100.7"),
        # An untrusted hop in the middle stops the walk there, even if a trusted address is claimed before it.
        ("10.1.2.3", "10.5.5.5, 203.0.113.50", "203.0.113.50"),
        # Every hop trusted: the farthest one.
        ("10.1.2.3", "10.7.7.7, 10.8.8.8", "10.7.7.7"),
        # Garbage passed on by a trusted proxy: stop at the last address we know.
        ("10.1.2.3", "not-an-address", "10.1.2.3"),
        ("10.1.2.3", "198.51.100.7, <script>", "10.1.2.3"),
        ("10.1.2.3", "", "10.1.2.3"),
        # IPv6 works the same, and the written form is normalised.
        ("2001:db8::1", "2001:0DB8:0:0:0:0:0:0042, 2001:db8::2", "2001:db8::42"),
        ("2001:db8::1", "198.51.100.7", "198.51.100.7"),
        # No usable peer (Starlette's test client calls itself "testclient").
        (None, "198.51.100.7", "unknown"),
        ("testclient", "198.51.100.7", "unknown"),
    ],
)
def test_client_address(peer: str | None, forwarded_for: str | None, expected: str) -> None:
    assert client_address(peer, forwarded_for, PROXIES) == expected


def test_with_no_trusted_proxies_the_header_is_ignored() -> None:
    assert client_address("10.1.2.3", "198.51.100.7", []) == "10.1.2.3"


def test_trusted_networks_accepts_addresses_and_networks_and_refuses_the_rest() -> None:
    assert [str(n) for n in trusted_networks(" 127.0.0.1 ,10.0.0.0/8,, ::1")] == ["127.0.0.1/32", "10.0.0.0/8", "::1/128"]
    assert [str(n) for n in trusted_networks("192.0.2.0/24 198.51.100.1")] == ["192.0.2.0/24", "198.51.100.1/32"]
    assert trusted_networks("") == ()
    with pytest.raises(ValueError):
        trusted_networks("10.0.0.0/8, proxy.example")


def test_a_long_chain_of_trusted_proxies_is_read_to_its_end() -> None:
    header = ", ".join(["10.0.0.1"] * 20_000)
    assert client_address("10.1.2.3", header, PROXIES) == "10.0.0.1"
