"""The kinds of personal data redaction knows and the span type every detector returns."""

from __future__ import annotations

import enum
import re
from functools import lru_cache
from typing import NamedTuple


class PiiKind(str, enum.Enum):
    EMAIL = "EMAIL"
    CARD = "CARD"
    SSN = "SSN"
    PHONE = "PHONE"
    DOB = "DOB"
    CASE_REF = "CASE_REF"
    ADDRESS = "ADDRESS"
    PLATE = "PLATE"
    ID = "ID"
    NAME = "NAME"
    # A text too long to read (over `bot.pii.MAX_READ_CHARS`): withheld whole, unread.
    WITHHELD = "WITHHELD"


class Span(NamedTuple):
    """A piece of personal data: its kind and where it is (`text[start:end]`). A named tuple, because hostile
    input yields tens of thousands and a frozen dataclass costs several times more to create."""

    kind: PiiKind
    start: int
    end: int


def spans_of(kind: PiiKind, pattern: re.Pattern[str], text: str, group: int = 0) -> list[Span]:
    """One span of `kind` per match of `pattern` (or of its `group`)."""
    return [Span(kind, match.start(group), match.end(group)) for match in pattern.finditer(text)]


DIGIT = re.compile(r"\d")


def starts_word(text: str, index: int) -> bool:
    """Whether `index` starts a word (what a leading `\b` would test). Cue patterns start with their words, not
    with `\b`, so that `re` can skip ahead by first character, and callers check the boundary with this."""
    return index == 0 or not (text[index - 1].isalnum() or text[index - 1] == "_")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@lru_cache(maxsize=1)
def ascii_lower(text: str) -> str:
    """`text` with A-Z in lower case and every other character, and so every position, unchanged.

    Cue words are matched on this copy with case-sensitive patterns: Python's `re` scans a case-insensitive
    alternation of words several times slower, which matters on 100 kB of hostile input. The cache holds only
    the message being redacted, which every detector lowers once.
    """
    return text.translate(_ASCII_LOWER)


@lru_cache(maxsize=1)
def shouting(text: str) -> bool:
    """Whether `text` is written in capitals (more capital letters than small ones): its capitals then tell
    neither a name nor a plate from an ordinary word."""
    return sum(char.isupper() for char in text) >= sum(char.islower() for char in text)
