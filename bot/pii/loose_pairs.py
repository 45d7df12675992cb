"""Two capitalised words that name a person without a cue or a ranked pair: either word listed as a name at any
rank, neither an ordinary word ("Tamsin Okafor", "Zorbeth Lindqvist").

Why: the ranked pair rule wants a known first name before a known surname, and misses the names its lists rank
low or lack; residents write many of those. Two capitalised words that are neither ordinary English or Spanish
nor a place are rarely anything but a name in a message to the city, and the over-redaction budget pays for the
few that are (a business, a foreign place).
"""

from __future__ import annotations

from bot.pii import gazetteer
from bot.pii.name_rules import extend, names_a_place, ordinary
from bot.pii.name_words import (
    CAR_MAKES,
    MONTHS_AND_DAYS,
    NAMESAKES,
    PLACE_FIRST_NAMES,
    STREET_PREPOSITIONS,
    Word,
    adjacent,
)
from bot.pii.spans import PiiKind, Span

_MIN_LETTERS = 3
# Family words that stand before a name rather than in it ("Auntie Fay").
_KIN_TITLES = frozenset("auntie aunty nana abuela abuelo abuelita tia tía tio tío mami papi".split())
_PLACE_LIKE = MONTHS_AND_DAYS | NAMESAKES | PLACE_FIRST_NAMES | CAR_MAKES | _KIN_TITLES


def _plain_capitalised(word: Word) -> bool:
    """A capitalised word that is no ordinary word, month, day, namesake or place, and not an abbreviation."""
    return (
        word.shape == "title"
        and len(word.text) >= _MIN_LETTERS
        and not word.place
        and not ordinary(word)
        and word.key not in _PLACE_LIKE
    )


def loose_pairs(text: str, words: list[Word], known: list[int], covered: set[int]) -> list[Span]:
    """Pairs around each listed word (`known`) not yet `covered`: the word with the next one, or the one before
    it with the word (an unlisted first name before a listed surname). Covered words are added to `covered`."""
    table = gazetteer.names()
    spans = []
    for i in known:
        for first in (i, i - 1):
            last = first + 1
            if first < 0 or last >= len(words) or first in covered or last in covered:
                continue
            pair = words[first], words[last]
            if not (pair[0].key in table or pair[1].key in table) or not adjacent(text, *pair):
                continue
            if not all(map(_plain_capitalised, pair)) or names_a_place(text, words, first, last, STREET_PREPOSITIONS):
                continue
            end = extend(text, words, last)
            spans.append(Span(PiiKind.NAME, words[first].start, words[end].end))
            covered.update(range(first, end + 1))
            break
    return spans
