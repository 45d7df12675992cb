"""The kinds of personal data redaction knows and the span type every detector returns."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


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


@dataclass(frozen=True)
class Span:
    kind: PiiKind
    start: int
    end: int


def spans_of(kind: PiiKind, pattern: re.Pattern[str], text: str, group: int = 0) -> list[Span]:
    """One span of `kind` per match of `pattern` (or of its `group`)."""
    return [Span(kind, match.start(group), match.end(group)) for match in pattern.finditer(text)]
