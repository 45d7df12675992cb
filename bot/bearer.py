"""Bearer credentials in `Authorization` headers: how the REST channel, the action server and the web chat's
history check a caller, always in constant time."""

from __future__ import annotations

import hmac


def bearer_token(header: str | None) -> str:
    """The token of an `Authorization: Bearer <token>` header; empty when there is none."""
    scheme, _, token = (header or "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def carries(header: str | None, secret: str) -> bool:
    """Whether the header carries exactly `secret` as its bearer token; never true for an empty secret."""
    return bool(secret) and hmac.compare_digest(bearer_token(header).encode(), secret.encode())
