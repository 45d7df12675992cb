"""The request id that follows one resident's message from the channel through Rasa and the action server to
the outbox row of its reply.

The connector mints one, or accepts the caller's `X-Request-ID` when it looks like an id; it travels in the
message's metadata (stored with the tracker's event, so it reaches the action server) and is bound in
structlog's context variables, which every JSON log line of the task carries.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping

import structlog

HEADER = "X-Request-ID"
# The key in a message's metadata and in every log line.
KEY = "request_id"
# An incoming id is kept only if it is short and made of id characters: a header is not a place for text, and a
# phone number or a sentence in it would reach the logs.
_ACCEPTED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,63}")
_DIGITS_ONLY = re.compile(r"[0-9+ ()-]+")


def new_request_id() -> str:
    return uuid.uuid4().hex


def accepted(incoming: str | None) -> str:
    """The caller's id when it is a plausible one (8 to 64 id characters, not only digits), else a new id."""
    if incoming and _ACCEPTED.fullmatch(incoming) and not _DIGITS_ONLY.fullmatch(incoming):
        return incoming
    return new_request_id()


def bind(request_id: str) -> None:
    """Make every log line of the current task (and of tasks it starts) carry `request_id`."""
    structlog.contextvars.bind_contextvars(**{KEY: request_id})


def unbind() -> None:
    structlog.contextvars.unbind_contextvars(KEY)


def current() -> str | None:
    """The id bound in this task, if any."""
    value = structlog.contextvars.get_contextvars().get(KEY)
    return value if isinstance(value, str) else None


def from_metadata(metadata: object) -> str | None:
    """The id a message's metadata carries, checked as an incoming header is; None when it has none."""
    value = metadata.get(KEY) if isinstance(metadata, Mapping) else None
    if isinstance(value, str) and accepted(value) == value:
        return value
    return None
