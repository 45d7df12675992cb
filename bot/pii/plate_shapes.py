"""What a licence plate looks like: a token with a digit that is no word, time or ordinal (`plate_like`), and
the shapes read as plates without a cue of their own when a plate or vehicle word stands near (`near_cues`).

The shapes are those of US states and of the neighbours whose cars residents report: three letters and three
or four digits, California's digit-letters-digits with or without a space ("7ABC123", "7ABC 123"), digits and
letters ("712 KZR"), four letters and three digits (Ontario), Quebec's letter-digits-letters ("P72 KRW"),
Britain's ("AB12 CDE"), and letters with one digit and one letter inside ("KRT4J21").
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from bot.pii.contact import follows_reference
from bot.pii.gazetteer import common_words
from bot.pii.spans import PiiKind, Span

# The USPS codes of the states, territories and DC: only these may stand before a plate as its state, so that
# "plate WX 44187" keeps its letters.
STATE = (
    r"(?:A[KLRSZ]|C[AOT]|D[CE]|FL|G[AU]|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|P[AR]|RI|S[CD]|T[NX]"
    r"|UT|V[AIT]|W[AIVY])"
)
_TIME_OR_ORDINAL = re.compile(r"(?i)\d+(?:am|pm|st|nd|rd|th|s|min|mins|hrs?|days?|x)|\d{4}")
_WORD_GROUP = re.compile(r"[A-Z][a-z]+")
_ZIP_WORDS = frozenset("zip zipcode".split())
# Words that stand between a plate word and a number that is no plate ("tags due 2025", "plates in 2019").
_NOT_PLATE_LETTERS = frozenset(
    "in on at by for to of is was due from since until til till and or the my no exp expire expires expired "
    "de del en es era al con sin y para hasta".split()
)
_TYPED_DIGITS = re.compile(r"\d{3,5}")


def _typed_lower(groups: list[str]) -> int:
    """1 when a plate opens with two or three letters typed in lower case before its digits ("plate pe 25588"),
    which may spell a word; 0 otherwise."""
    first = groups[0]
    typed = len(groups) == 2 and 2 <= len(first) <= 3 and first.isalpha() and _TYPED_DIGITS.fullmatch(groups[1])
    return 1 if typed and first not in _NOT_PLATE_LETTERS else 0


@lru_cache(maxsize=1024)  # hostile text repeats the same tokens
def plate_like(token: str, needs_letter: bool) -> bool:
    """Two to eight letters and digits with a digit; never a word ("Mazda 3": a plate is not written in title
    case) nor a time or ordinal."""
    groups = token.replace("-", " ").split()
    if any(group.isalpha() and group.islower() and group in common_words() for group in groups[_typed_lower(groups) :]):
        return False
    if any(_WORD_GROUP.fullmatch(group) for group in groups) or groups[0].lower() in _ZIP_WORDS:
        return False  # "Mazda 3", "ZIP 02121"
    compact = "".join(groups)
    has_digit = any(char.isdigit() for char in compact)
    has_letter = any(char.isalpha() for char in compact)
    if not 2 <= len(compact) <= 8 or not has_digit or _TIME_OR_ORDINAL.fullmatch(compact):
        return False
    return has_letter or not needs_letter


# Two letters and five digits (Illinois) count unless the letters are a state and the digits its ZIP code ("RT
# 40917", not "IL 60639"); no shape is part of a longer grouping of digits ("MY PHONE IS 401 775 2281").
_PLATE_SHAPED = re.compile(
    r"(?<![\w-])(?<!\d )"
    rf"(?:[A-Z]{{2,4}}[ -]?\d{{3,4}}|(?!{STATE}[ -]?\d)[A-Z]{{2}}[ -]?\d{{5}}"
    r"|\d[A-Z]{2,3}[ -]?\d{2,3}|\d{2,3}[A-Z][ -]?\d{3}|[A-Z]{1,3}\d{1,4}[A-Z]{1,3}|\d{3}[ -][A-Z]{3}"
    r"|[A-Z]\d{2}[ -][A-Z]{3}|[A-Z]{2}\d{2}[ -][A-Z]{3}|[A-Z]{2,3}\d[A-Z]\d{1,2})"
    r"(?![\w-]| \d)"
)
_NEAR = 100


def near_cues(text: str, cues: list[int]) -> list[Span]:
    """Plate-shaped codes within `_NEAR` characters of a plate or vehicle word (`cues`, sorted), before or
    after it."""
    spans = []
    for match in _PLATE_SHAPED.finditer(text):
        nearest = bisect.bisect_left(cues, match.start())
        close = [cues[k] for k in (nearest - 1, nearest) if 0 <= k < len(cues)]
        if not any(abs(cue - match.start()) <= _NEAR for cue in close) or follows_reference(text, match.start()):
            continue  # far from a vehicle, or a city permit or ticket number
        if plate_like(match.group(), needs_letter=True):
            spans.append(Span(PiiKind.PLATE, match.start(), match.end()))
    return spans
