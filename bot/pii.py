"""Find and remove personal data from residents' messages before they are logged, reported or exported.

Each kind is a pattern plus, where a pattern alone would catch too much, a validation: card numbers must pass
the Luhn check, social security numbers must be in the issued ranges, nine bare digits count as an SSN only
after an SSN cue, dates count as dates of birth only after a birth cue, names only after "my name is" and
the like, and case references only when their check character is right.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import lru_cache

from bot import references
from bot.settings import get_settings


class PiiKind(str, enum.Enum):
    EMAIL = "EMAIL"
    CARD = "CARD"
    SSN = "SSN"
    PHONE = "PHONE"
    DOB = "DOB"
    CASE_REF = "CASE_REF"
    ADDRESS = "ADDRESS"
    NAME = "NAME"


@dataclass(frozen=True)
class Span:
    kind: PiiKind
    start: int
    end: int


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_SSN_FORMATTED = re.compile(r"(?<![\d-])(\d{3})[- ](\d{2})[- ](\d{4})(?![\d-])")
_SSN_BARE = re.compile(r"(?i)\b(?:ssn|social(?: security)?(?: number| no\.?| #)?)\D{0,40}?(?<!\d)(\d{9})(?!\d)")
_PHONE = re.compile(
    r"(?<![\w+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}(?![\d-])"
)
_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{1,2}}-\d{{1,2}}|{_MONTHS}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTHS},? \d{{4}})"
)
_DOB_CUE = re.compile(r"(?i)\b(?:born|d\.?o\.?b\.?|dates? of birth|birth ?dates?|birthdays?)\b")
_DATE_PATTERN = re.compile(rf"(?i)(?<![\w/.-]){_DATE}(?![\w/-])")
_DOB_WINDOW = 60
_STREET_TYPES = (
    r"(?:street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|place|pl|plaza|way|terrace|ter"
    r"|circle|cir|parkway|pkwy|highway|hwy|square|sq|trail|trl)"
)
_ADDRESS = re.compile(
    rf"(?i)\b\d{{1,6}}[a-z]?(?: (?:[nsew]|north|south|east|west)\.?)?"
    rf"(?: (?!(?:on|at|of|in|near|by|block|and|from|to|the)\b)[a-z0-9'-]+){{1,4}} {_STREET_TYPES}\b\.?"
    rf"(?:,? (?:apt|apartment|unit|suite|ste|#) ?#?\w+)?"
)
_CASE_SHAPE = re.compile(
    r"(?<![A-Za-z0-9])(?=([A-Za-z]{3}(?:-[A-Za-z0-9]{3}-| [A-Za-z0-9]{3} |[A-Za-z0-9]{3})[A-Za-z0-9]{3})(?![A-Za-z0-9]))"
)
_NAME_CUE = re.compile(
    r"(?i)\b(?:my name is|my name's|name's|name is|name:|name on (?:the )?card(?: is)?:?|i am|i'm|im|this is"
    r"|call me|signed,?|it's me,?(?: again,?)?|me again,?)\s+"
)
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|[A-Za-z]\.(?= )")
_NOT_NAMES = frozenset(
    "a an the and or but from with at in on about calling writing here trying looking not so very just really "
    "still also sorry new having going getting to for my your our their this that it is was".split()
)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _ssn_issued(area: str, group: str, serial: str) -> bool:
    return area not in ("000", "666") and not area.startswith("9") and group != "00" and serial != "0000"


def _cards(text: str) -> list[Span]:
    spans = []
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if 13 <= len(digits) <= 19 and _luhn_ok(digits):
            spans.append(Span(PiiKind.CARD, match.start(), match.end()))
    return spans


def _ssns(text: str) -> list[Span]:
    spans = [
        Span(PiiKind.SSN, m.start(), m.end()) for m in _SSN_FORMATTED.finditer(text) if _ssn_issued(*m.groups())
    ]
    spans += [Span(PiiKind.SSN, m.start(1), m.end(1)) for m in _SSN_BARE.finditer(text)]
    return spans


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Frequent English words; empty when the list was not built, and then only capitalised names count
    after weak cues."""
    try:
        return frozenset(get_settings().common_words_path.read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()


def _could_be_name(word: str, first: bool) -> bool:
    """A capitalised word after a cue is taken for a name; a lowercase one only when it is no common English
    word ("call me back" is no name, "my name is delphine sorensen" is)."""
    if word.lower() in _NOT_NAMES:
        return False
    if word.endswith("."):
        return not first  # an initial, as in "jamal r. villanueva"
    return word[0].isupper() or word not in _common_words()


def _names(text: str) -> list[Span]:
    spans = []
    for cue in _NAME_CUE.finditer(text):
        position, words = cue.end(), []
        while len(words) < 3:
            word = _NAME_WORD.match(text, position)
            if word is None or not _could_be_name(word.group(0), first=not words):
                break
            words.append(word)
            position = word.end() + 1 if text[word.end() : word.end() + 1] == " " else len(text) + 1
        if words:
            spans.append(Span(PiiKind.NAME, words[0].start(), words[-1].end()))
    return spans


def _case_references(text: str) -> list[Span]:
    """Valid references, and dashed ones with a digit that fail their check (a mistyped reference still
    points at a resident's case)."""
    spans = []
    for match in _CASE_SHAPE.finditer(text):
        written = match.group(1)
        dashed_with_digit = "-" in written and re.search(r"\d", written)
        if references.parse(written) or dashed_with_digit:
            spans.append(Span(PiiKind.CASE_REF, match.start(1), match.end(1)))
    return spans


def _births(text: str) -> list[Span]:
    """Dates within a short window after a birth cue ("born", "DOB", "birthdays are ... and ...")."""
    spans = []
    for cue in _DOB_CUE.finditer(text):
        window_end = cue.end() + _DOB_WINDOW
        for date in _DATE_PATTERN.finditer(text, cue.end(), min(window_end, len(text))):
            spans.append(Span(PiiKind.DOB, date.start(), date.end()))
    return spans


def _simple(kind: PiiKind, pattern: re.Pattern[str], text: str, group: int = 0) -> list[Span]:
    return [Span(kind, m.start(group), m.end(group)) for m in pattern.finditer(text)]


def find(text: str) -> list[Span]:
    """Every piece of personal data in `text`, in order, without overlaps.

    Kinds are tried from the most specific (e-mail, card, SSN) to the least (address, name); a span that
    overlaps one already found is dropped, so a card number is never also read as a phone number.
    """
    candidates = (
        _simple(PiiKind.EMAIL, _EMAIL, text)
        + _cards(text)
        + _ssns(text)
        + _births(text)
        + _case_references(text)
        + _simple(PiiKind.PHONE, _PHONE, text)
        + _simple(PiiKind.ADDRESS, _ADDRESS, text)
        + _names(text)
    )
    kept: list[Span] = []
    for span in candidates:
        if all(span.end <= other.start or span.start >= other.end for other in kept):
            kept.append(span)
    return sorted(kept, key=lambda span: span.start)


def redact(text: str) -> str:
    """`text` with each piece of personal data replaced by its kind, for example `[PHONE]`."""
    pieces, position = [], 0
    for span in find(text):
        pieces += [text[position : span.start], f"[{span.kind.value}]"]
        position = span.end
    return "".join(pieces) + text[position:]
