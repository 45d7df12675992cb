"""Households named by their surname ("the Nguyens", "the Caruso family", "familia Ochoa", "los Treviño"), and
names in brackets right after other personal data ("the guy at 12 Elm St (Nizhoni)").

Why: a family is named by a surname in the plural or with a family word, and many surnames are ordinary words
("the Kings", "the Greens", "the Parks"). An ordinary plural counts where a household stands: after a neighbour
word, before "at" and a house number or "next door", or in brackets after an address; elsewhere ("the Parks
Board", "the Greens were muddy") only a plural no ordinary word is read.
"""

from __future__ import annotations

import re

from bot.pii import gazetteer
from bot.pii.address_parts import STATE_NAMES
from bot.pii.name_rules import known_key
from bot.pii.name_words import MONTHS_AND_DAYS, NOT_NAMES, PLACE_FIRST_NAMES, PLACE_WORDS
from bot.pii.spans import PiiKind, Span, starts_word

# Written from "he " on, so that `re` skips ahead by that literal; the "T" or "t" before it is checked after.
# "The X Family" is tried first, so that "The Castellanos Family" is not read as the plural "Castellanos".
_FAMILY = re.compile(
    r"(?:he|HE) ([A-Z][a-z'’]{2,24}(?:-[A-Z][a-z'’]{2,24})? (?:[Ff]amily|household|kids)|[A-Z][a-z'’]{2,24}(?:s|es)"
    r"|[A-Z]{3,24} FAMILY)\b"
)
# "familia Ochoa", "la familia Treviño": Spanish names the family before its surname; "los Treviño" too.
_FAMILIA = re.compile(r"(?:familia|Familia) ([A-Z][\w'’]{2,24})")
_LOS = re.compile(r"(?:los|las) ([A-Z][\w'’]{2,24})\b(?! [A-Z])")
# Where a household stands: after a neighbour word, or before its home.
_NEIGHBOURS_BEFORE = re.compile(r"(?:neighbou?rs|vecinos)[ ,:]{1,3}\Z", re.IGNORECASE)
_HOME_AFTER = re.compile(
    r" (?:at|on|in|from) (?:\d|#)| (?:next door|across the (?:street|hall)|upstairs|downstairs|down the (?:street|"
    r"block|hall))\b"
)
# One to three capitalised words in brackets, right after other data.
_BRACKETED = re.compile(r"[ \t]?\(([A-Z][\w'’-]{1,24}(?: [A-Z][\w'’-]{1,24}){0,2})\)")


def _surname_stem(key: str) -> bool:
    """Whether a plural is a listed surname's ("kings", "hendersons", "joneses")."""
    table = gazetteer.names()
    return any(0 < getattr(table.get(stem), "last", 0) for stem in (key[:-1], key[:-2]) if stem)


def _plural_at_home(text: str, start: int, end: int) -> bool:
    """Whether "the Xs" (starting at `start`, just after the "t") stands where a household does."""
    before = _NEIGHBOURS_BEFORE.search(text, max(0, start - 20), max(0, start - 1))
    return before is not None or _HOME_AFTER.match(text, end) is not None


def _english(text: str) -> list[Span]:
    spans = []
    common = gazetteer.common_words()
    for match in _FAMILY.finditer(text):
        if match.start() < 1 or text[match.start() - 1] not in "Tt" or not starts_word(text, match.start() - 1):
            continue
        whole = match.group(1)
        name = whole.split()[0]
        key = name.lower()
        if text[match.end() : match.end() + 2].strip()[:1].isupper():
            continue  # "the Parks Board", "THE PARK FAMILY FUN RUN": part of a longer proper name
        if " " in whole:
            named = key not in common or 0 < getattr(gazetteer.names().get(key), "last", 0)
        else:
            ordinary = key in common or key.rstrip("s") in PLACE_WORDS
            named = _surname_stem(key) and (not ordinary or _plural_at_home(text, match.start(), match.end()))
        if named:
            spans.append(Span(PiiKind.NAME, match.start(1), match.start(1) + len(name)))
    return spans


def _spanish(text: str) -> list[Span]:
    spans = [Span(PiiKind.NAME, m.start(1), m.end(1)) for m in _FAMILIA.finditer(text) if starts_word(text, m.start())]
    for match in _LOS.finditer(text):
        key = gazetteer.fold(match.group(1))
        rank = gazetteer.names().get(key)
        if starts_word(text, match.start()) and rank is not None and 0 < rank.last and key not in PLACE_FIRST_NAMES:
            spans.append(Span(PiiKind.NAME, match.start(1), match.end(1)))  # "los Treviño", not "Los Angeles"
    return spans


def _bracketed(text: str, edges: frozenset[int]) -> list[Span]:
    """"... 5981 125th Court (Nizhoni)", "... Ste C (Washingtons)": a name in brackets after an address."""
    spans = []
    common = gazetteer.common_words()
    for edge in edges:
        match = _BRACKETED.match(text, edge)
        if match is None:
            continue
        words = match.group(1).split()
        keys = [gazetteer.fold(word) for word in words]
        if " ".join(keys) in STATE_NAMES or any(word.isupper() and len(word) <= 3 for word in words):
            continue  # "(Ohio)", "(NJ)"
        if any(key in NOT_NAMES or key in MONTHS_AND_DAYS or key in PLACE_WORDS for key in keys):
            continue  # "(WhatsApp)", "(Cell)", "(Monday)"
        plural = len(keys) == 1 and _surname_stem(keys[0])
        if plural or all(key not in common or known_key(key, True) or known_key(key, False) for key in keys):
            spans.append(Span(PiiKind.NAME, match.start(1), match.end(1)))
    return spans


def households(text: str, edges: frozenset[int] = frozenset()) -> list[Span]:
    """Families by their surname, and names in brackets after other data (`edges`: where data ends)."""
    return _english(text) + _spanish(text) + _bracketed(text, edges)
