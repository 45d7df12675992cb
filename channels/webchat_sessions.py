"""Web chat sessions that only the server issues: a random conversation id signed with the server's key.

A browser holds the token (`<id>.<signature>`); Rasa, the console and the logs know only the id. A socket is
bound to one session by its `session_request`, and a message on it must name that session's token, so neither
a link, nor another page, nor a guessed id can put words into a resident's conversation or read it back.
docs/adr/0007-web-chat-sessions.md explains the choices.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from enum import Enum
from typing import Any

from itsdangerous import BadSignature, Signer

# 32 hex digits, a dot, and an HMAC-SHA256 in unpadded base64url (43 characters): checked before any crypto.
TOKEN = re.compile(r"^[0-9a-f]{32}\.[A-Za-z0-9_-]{43}$")
SALT = "one-door.webchat.session"


class Refusal(Enum):
    """Why a socket's message, or a history request, was not taken."""

    NO_SESSION = "no_session"
    BAD_SIGNATURE = "bad_signature"
    FOREIGN = "foreign_session"
    UNBOUND = "unbound_socket"


@dataclass(frozen=True)
class Session:
    """A web chat session: the conversation id Rasa knows, and the signed token only its browser holds."""

    id: str
    token: str


class SessionSigner:
    """Issues session tokens and checks them with a key of its own purpose (`ONE_DOOR_WEBCHAT_SESSION_KEY`)."""

    def __init__(self, key: str) -> None:
        if not key:
            raise ValueError("ONE_DOOR_WEBCHAT_SESSION_KEY must be set: it signs the web chat's session ids")
        self._signer = Signer(key, salt=SALT, digest_method=hashlib.sha256)

    def issue(self) -> Session:
        session_id = secrets.token_hex(16)
        return Session(session_id, self._signer.sign(session_id).decode())

    def verify(self, token: Any) -> Session | None:
        """The session a token stands for; None for anything this server did not sign."""
        if not isinstance(token, str) or not TOKEN.match(token):
            return None
        try:
            session_id = self._signer.unsign(token).decode()
        except BadSignature:
            return None
        return Session(session_id, token)


def resume_or_issue(data: Any, bound: Session | None, signer: SessionSigner) -> tuple[Session, Refusal | None]:
    """The session a `session_request` is confirmed: the socket's own once it has one, else the signed session
    it asks to resume, else a new one; with the reason when it asked for a session it cannot have.

    A socket keeps its first session, so asking again for another one changes nothing.
    """
    requested = data.get("session_id") if isinstance(data, dict) else None
    if bound is not None:
        return bound, None if requested in (None, bound.token) else Refusal.FOREIGN
    resumed = signer.verify(requested)
    if resumed is not None:
        return resumed, None
    return signer.issue(), None if requested is None else Refusal.BAD_SIGNATURE


def authorise(token: str, bound: Session | None, signer: SessionSigner) -> Session | Refusal:
    """The session a message on a socket belongs to, or why it is refused: it must name the socket's own."""
    if bound is None:
        return Refusal.UNBOUND
    named = signer.verify(token)
    if named is None:
        return Refusal.BAD_SIGNATURE
    return bound if named.id == bound.id else Refusal.FOREIGN
