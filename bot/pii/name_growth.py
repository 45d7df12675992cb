"""Names found by the other rules grown to the words that belong to them, as people write names in lists and forms.

- **Surname first** ("Pham, Lan", "Del Valle, Rigoberto", "Li, Hong, 51 W Devon"): forms and rosters put the
  surname first and set it off with a comma. A found name followed by a comma and a first name that closes a
  phrase takes it; a found first name after a sentence's opening surname and a comma takes the surname.
- **Two given names** ("the daughter of Rosa Elena Paz"): a first name right before a found name that opens with
  one is its first given name, whatever stands before it.
- **A name's first word at a sentence's start** ("Le Ngoc Anh (651) ...", "HUNTER YOUNG here"): when the rest of
  the name was found and stands where a signature ends (data, "here", the message's end), a word before it that
  is a name, written in the same case, opens the sentence with it. Short surnames (Le, Li, Ho, Ma) and first
  names that are ordinary words (Hunter, Young) are ordinary English or Spanish, so the position decides.
- **Initials before a particle surname** ("G. Del Valle", "M. de la Fuente"): capitalised particles between
  an initial and a surname.
- **Generational suffixes** ("Lionel Batiste Jr."): "Jr.", "Sr.", "II", "III" after a found name.
"""

from __future__ import annotations

import re

from bot.pii import gazetteer
from bot.pii.name_rules import known_key, ordinary
from bot.pii.name_words import (
    MONTHS_AND_DAYS,
    NAMESAKES,
    NOT_NAMES,
    PARTICLES,
    PLACE_FIRST_NAMES,
    STREET_PREPOSITIONS,
    Word,
    adjacent,
)
from bot.pii.spans import PiiKind, Span

# Where a sentence or a list item opens: the message's start, or after its punctuation.
_OPENS = re.compile(r"(?:\A|[.!?:;|\n]\s{0,3})\Z")
# What follows a surname-first name's given name: punctuation, a bracket, data or the end.
_CLOSES = re.compile(r"\s{0,2}(?:[,.;:!?()|]|\d|\+|\Z)|(?P<initial> [A-Z]\.)")
# What follows a signature: the end, a phone number or bracket, "here", a comma or a bar.
_SIGNATURE_END = re.compile(r"\s{0,2}(?:\Z|[(+\d,|]|here\b)")
_COMMA = ", "
# Ordinary words that open sentences and also rank as names ("Can Maria ...", "May I", "See Ana (...)").
_CLAUSE_OPENERS = frozenset("can may will see do so no per via ya saw then how why if have ask tell baby".split())
_SEASONS = frozenset("spring summer fall autumn winter".split())
# An ordinary word opening a name before the rest must be this common a first name or surname.
_ORDINARY_RANK = 100
_FAR = 1 << 30
_INITIAL_PARTICLES = re.compile(
    r"(?<![\w.])[A-Z]\.[ ]?(?:(?i:del|de|da|di|du|dos|das|la|las|los|le|van|von|der|den|bin|ibn|al|el|mac)[ ]){1,3}"
    r"[A-Z][\w'’-]{1,30}"
)
_SUFFIX = re.compile(r",? (?:Jr|Sr|JR|SR|II|III|IV)\b\.?")


def _plain(word: Word) -> bool:
    """A word that may belong to a name: no greeting, title, month, season or place word."""
    return not (word.key in NOT_NAMES or word.key in MONTHS_AND_DAYS or word.key in _SEASONS or word.place)


def _given_name(word: Word) -> bool:
    return word.shape in ("title", "upper") and _plain(word) and known_key(word.key, first=True)


def _surname(word: Word) -> bool:
    """A capitalised surname ("Pham", "GARCIA"): listed within the limit its ordinariness sets, or a word no list
    knows."""
    if word.shape not in ("title", "upper") or not _plain(word):
        return False
    unknown = word.key not in gazetteer.names() and not ordinary(word) and len(word.text) > 2
    return unknown or known_key(word.key, first=False)


def _surname_start(text: str, words: list[Word], k: int) -> int | None:
    """Where a surname ending at word k starts, particles included ("Del Valle"); None when it is none."""
    if not _surname(words[k]):
        return None
    start = k
    while start > 0 and words[start - 1].key in PARTICLES and adjacent(text, words[start - 1], words[start]):
        start -= 1
    return start


def _surname_first(text: str, words: list[Word], at_start: dict[int, int], at_end: dict[int, int], span: Span) -> Span:
    """The span grown by a given name after it ("Pham, Lan (born ...") or by the surname before it, when that
    surname opens a sentence ("... last month. Del Valle, Rigoberto")."""
    start, end = span.start, span.end
    after = at_start.get(end + len(_COMMA)) if text.startswith(_COMMA, end) else None
    last = at_end.get(end)
    same_case = after is not None and last is not None and words[after].shape == words[last].shape
    closes = _CLOSES.match(text, words[after].end) if same_case and after is not None else None
    if closes is not None and _given_name(words[after]):
        # "Pham, Lan (born ...", "GARCIA, MARIA E."; not "Kiona Begay, HC 61 Box 2240"
        end = closes.end() if closes.group("initial") else words[after].end
    before = at_end.get(start - len(_COMMA)) if text.startswith(_COMMA, start - len(_COMMA)) else None
    first = _surname_start(text, words, before) if before is not None else None
    if first is not None and _OPENS.search(text, max(0, words[first].start - 5), words[first].start):
        start = words[first].start
    return Span(PiiKind.NAME, start, end)


def _opening_word(text: str, words: list[Word], at_start: dict[int, int], span: Span, edges: frozenset[int]) -> int:
    """Where the span starts once a name word opening its sentence just before it is taken in."""
    first = at_start.get(span.start)
    if not first or text[words[first - 1].end : span.start] != " ":
        return span.start
    word, following = words[first - 1], words[first]
    if word.shape != following.shape or word.shape not in ("title", "upper") or not _plain(word):
        return span.start
    on_street = first > 1 and words[first - 2].key in STREET_PREPOSITIONS  # "the meter on Magnolia Pike"
    if _given_name(word) and _given_name(following) and word.key not in NAMESAKES | PLACE_FIRST_NAMES and not on_street:
        return word.start  # "the daughter of Rosa Elena Paz": two given names before the surname
    if not (_SIGNATURE_END.match(text, span.end) or span.end in edges):
        return span.start
    if not _OPENS.search(text, max(0, word.start - 5), word.start) or word.key in _CLAUSE_OPENERS:
        return span.start
    rank = gazetteer.names().get(word.key)
    if rank is None or (ordinary(word) and not 0 < min(rank.first or _FAR, rank.last or _FAR) <= _ORDINARY_RANK):
        return span.start
    return word.start


def grown_names(text: str, words: list[Word], found: list[Span], edges: frozenset[int]) -> list[Span]:
    """`found` with each name grown by a surname written first, an opening name word and a generational suffix,
    plus names of an initial and a particle surname."""
    at_start = {word.start: n for n, word in enumerate(words)}
    at_end = {word.end: n for n, word in enumerate(words)}
    spans = []
    for span in found:
        span = _surname_first(text, words, at_start, at_end, span)
        span = Span(PiiKind.NAME, _opening_word(text, words, at_start, span, edges), span.end)
        suffix = _SUFFIX.match(text, span.end)
        spans.append(Span(PiiKind.NAME, span.start, suffix.end() if suffix else span.end))
    spans += [Span(PiiKind.NAME, m.start(), m.end()) for m in _INITIAL_PARTICLES.finditer(text)]
    return spans
