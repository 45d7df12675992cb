"""Numbers that identify a person or their case: payment cards, social security numbers, driver's licence,
passport and state ID numbers, and One Door's own case references.

Where a pattern alone would catch too much, a check decides: card numbers must pass the Luhn check, social
security numbers must be in the issued ranges (nine bare digits count only after an SSN cue), ID numbers count
only after their cue, and case references only when their check character is right.
"""

from __future__ import annotations

import re

from bot import references
from bot.pii.spans import PiiKind, Span

_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_SSN_FORMATTED = re.compile(r"(?<![\d-])(\d{3})[- ](\d{2})[- ](\d{4})(?![\d-])")
_SSN_BARE = re.compile(r"(?i)\b(?:ssn|social(?: security)?(?: number| no\.?| #)?)\D{0,40}?(?<!\d)(\d{9})(?!\d)")
_CASE_SHAPE = re.compile(
    r"(?<![A-Za-z0-9])(?=([A-Za-z]{3}(?:-[A-Za-z0-9]{3}-| [A-Za-z0-9]{3} |[A-Za-z0-9]{3})[A-Za-z0-9]{3})(?![A-Za-z0-9]))"
)
# A cue for an identity document, then a few filler words, then the number itself: letters and digits with at
# most a few separators, holding at least one digit. "license" followed by "plate" is a vehicle, not an ID.
_ID = re.compile(
    r"(?i)\b(?:driver'?s?'? ?(?:licen[cs]e|lic\.?)|licen[cs]e(?! ?plate)|d\.?l\.?|passport|state id|id card"
    r"|(?:photo |state |student |member |resident )?id|i\.d\.|identification|green card|alien|a-number|itin"
    r"|medicaid|medicare|permanent resident card)"
    r"(?:[ :#.,-]{1,3}(?:number|num|no|is|was|it's|its|card|#|of|mine|my)\b\.?){0,3}[ :#.,-]{1,3}"
    r"(?=[A-Za-z0-9-]{0,14}\d)([A-Za-z]{0,3}[ -]?\d[A-Za-z0-9-]{3,16})(?![A-Za-z0-9-])"
)
_MIN_ID_DIGITS = 4


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _ssn_issued(area: str, group: str, serial: str) -> bool:
    return area not in ("000", "666") and not area.startswith("9") and group != "00" and serial != "0000"


def cards(text: str) -> list[Span]:
    spans = []
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if 13 <= len(digits) <= 19 and _luhn_ok(digits):
            spans.append(Span(PiiKind.CARD, match.start(), match.end()))
    return spans


def ssns(text: str) -> list[Span]:
    spans = [
        Span(PiiKind.SSN, m.start(), m.end()) for m in _SSN_FORMATTED.finditer(text) if _ssn_issued(*m.groups())
    ]
    spans += [Span(PiiKind.SSN, m.start(1), m.end(1)) for m in _SSN_BARE.finditer(text)]
    return spans


def id_numbers(text: str) -> list[Span]:
    """Numbers right after an identity-document cue ("DL# D1234567", "passport number 987654321")."""
    return [
        Span(PiiKind.ID, m.start(1), m.end(1))
        for m in _ID.finditer(text)
        if sum(char.isdigit() for char in m.group(1)) >= _MIN_ID_DIGITS
    ]


def case_references(text: str) -> list[Span]:
    """Valid references, and dashed ones with a digit that fail their check (a mistyped reference still
    points at a resident's case)."""
    spans = []
    for match in _CASE_SHAPE.finditer(text):
        written = match.group(1)
        dashed_with_digit = "-" in written and re.search(r"\d", written)
        if references.parse(written) or dashed_with_digit:
            spans.append(Span(PiiKind.CASE_REF, match.start(1), match.end(1)))
    return spans
