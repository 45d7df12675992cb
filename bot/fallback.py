"""Choose the reply when the assistant did not understand a message."""

from __future__ import annotations

import enum

from bot.inputs import Readability, readability

MISSES_BEFORE_CONTACT_CENTER = 2


class FallbackReply(enum.Enum):
    """What to say after a message that was not understood."""

    UNREADABLE = "unreadable"
    TOO_LONG = "too_long"
    REPHRASE = "rephrase"
    CONTACT_CENTER = "contact_center"


def choose(text: str | None, misses_in_a_row: int) -> FallbackReply:
    """Pick the reply for a misunderstood message.

    Args:
        text: the resident's message.
        misses_in_a_row: misunderstood messages in a row, this one included.

    A message with no words, or far too long, is told so first, since rephrasing is the fix. A second miss in
    a row offers a person rather than a third guess. (Danger never gets here: see `bot.safety.urgent_intent`.)
    """
    match readability(text):
        case Readability.EMPTY | Readability.NO_WORDS:
            return FallbackReply.UNREADABLE
        case Readability.TOO_LONG:
            return FallbackReply.TOO_LONG
    if misses_in_a_row >= MISSES_BEFORE_CONTACT_CENTER:
        return FallbackReply.CONTACT_CENTER
    return FallbackReply.REPHRASE
