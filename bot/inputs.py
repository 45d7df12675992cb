"""Judge whether a message's text is something the assistant can read at all."""

from __future__ import annotations

import enum
import unicodedata

MAX_CHARS = 2000
_READABLE_CATEGORIES = ("L", "N")


class Readability(enum.Enum):
    """Why a message could or could not be read."""

    OK = "ok"
    EMPTY = "empty"
    NO_WORDS = "no_words"
    TOO_LONG = "too_long"


def readability(text: str | None) -> Readability:
    """Classify a message before any answer is chosen for it.

    Note:
        Emoji-only and binary junk have no letters or digits, so they count as NO_WORDS; text in another
        script still has letters and is left for the classifier and fallback to handle.
    """
    if text is None or not text.strip():
        return Readability.EMPTY
    if len(text) > MAX_CHARS:
        return Readability.TOO_LONG
    if not any(unicodedata.category(char)[0] in _READABLE_CATEGORIES for char in text):
        return Readability.NO_WORDS
    return Readability.OK
