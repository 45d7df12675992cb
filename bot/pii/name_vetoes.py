"""What a name, once found by any rule, may not be: a title or role before it ("Fr.", "Coach", "Doña": the
labelling convention keeps them outside), a saint's church or school ("St. Casimir's"), a country ("from
Eritrea", "de El Salvador"), a car make ("a grey Hyundai"), a contraction ("We'd"), a verb asking a question
("Can I ...").

Why here and not in each rule: a dozen rules find names, and each of these mistakes is made by several of them.
One pass over the names found removes a class of mistakes wherever it comes from.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.pii import gazetteer
from bot.pii.name_words import CAR_MAKES
from bot.pii.spans import PiiKind, Span

# Titles and roles written before a name; the name starts after them.
_TITLES = re.compile(
    r"(?:(?:mr|mrs|ms|miss|mx|dr|fr|father|rev|reverend|pastor|coach|owner|doña|dona|sr|sra|srta|señor|señora"
    r"|t[ií]o|t[ií]a|officer|sgt|deputy|judge|sister|brother)\.?[ \t]{1,3})+",
    re.IGNORECASE,
)
_SAINT_BEFORE = re.compile(r"(?:St|Ste|Saint|San|Santa|Sta)\.?[ \t]\Z")
_PLACE_BEFORE = re.compile(
    r"\b(?:from|in|to|of|de|en|desde|visiting|para|a)[ \t]{1,2}\Z", re.IGNORECASE
)
_CONTRACTION = re.compile(r"['’](?:d|ll|re|ve|m)\Z|n['’]t\Z", re.IGNORECASE)
_PRONOUN_AFTER = re.compile(r"[ \t](?:I|you|we|u|they|he|she|it|i)\b")
# A country's name that is also a common first name ("Jordan", "Chad") is a person unless a preposition
# precedes it; past this rank, even without one.
_COUNTRY_FIRST_NAME = 400


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Countries and territories in English and Spanish (from Babel's CLDR data), folded."""
    try:
        from babel import Locale
    except ImportError:  # Babel comes with the chat channels; without it countries are not told from names
        return frozenset()
    names = {name for code in ("en", "es") for name in Locale(code).territories.values()}
    return frozenset(gazetteer.fold(name) for name in names)


def _country(text: str, start: int, written: str) -> bool:
    key = gazetteer.fold(written)
    if key not in countries():
        return False
    rank = getattr(gazetteer.names().get(key), "first", 0)
    return " " in key or _PLACE_BEFORE.search(text, max(0, start - 12), start) is not None or not (
        0 < rank <= _COUNTRY_FIRST_NAME
    )


def _trimmed(text: str, span: Span) -> Span | None:
    """The span without the titles before it; None when nothing is left."""
    title = _TITLES.match(text, span.start, span.end)
    start = span.start if title is None else title.end()
    return Span(PiiKind.NAME, start, span.end) if start < span.end else None


def _saint(text: str, start: int) -> bool:
    """"at St. Casimir's": a name after "St." that no capitalised word or number precedes (after "Ashford St."
    the name starts a signature)."""
    saint = _SAINT_BEFORE.search(text, max(0, start - 7), start)
    if saint is None:
        return False
    before = text[max(0, saint.start() - 30) : saint.start()].rstrip(" \t,")
    previous = before.rpartition(" ")[2]
    return not (previous[:1].isupper() or previous[:1].isdigit())


def vetted(text: str, spans: list[Span]) -> list[Span]:
    """The names in `spans` with titles trimmed, and without saints, countries, car makes, contractions,
    and questions' verbs."""
    kept = []
    for span in spans:
        trimmed = _trimmed(text, span)
        if trimmed is None:
            continue
        start, end = trimmed.start, trimmed.end
        written = text[start:end]
        single = " " not in written
        if _saint(text, start) or _country(text, start, written):
            continue  # "St. Casimir's", "from Eritrea"
        if single and (written.lower() in CAR_MAKES or _CONTRACTION.search(written)):
            continue
        if single and written.lower() in gazetteer.common_words() and _PRONOUN_AFTER.match(text, end):
            continue  # "Can I", "Will you"
        kept.append(trimmed)
    return kept
