"""How name detection judges words: whether a word is a known name within the limit its ordinariness sets,
whether a run of capitalised words names a place, and how far a name extends.

Ranks come from build/names.tsv (names-dataset); a word that is also ordinary English or Spanish ("Will",
"Rose", "Brown") must be a common name to count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.pii import gazetteer
from bot.pii.name_words import (
    MONTHS_AND_DAYS,
    NAMESAKES,
    NOT_NAMES,
    PARTICLES,
    PLACE_FIRST_NAMES,
    PLACE_PREPOSITIONS,
    SURNAME_PLACES,
    Word,
    adjacent,
)

# Rank limits: names-dataset ranks run to about 10^5 per country, with much noise in the long tail. A word that
# is also ordinary English or Spanish must rank higher; so must an ordinary first word before an unusual
# surname (LOOSE_FIRST), and two ordinary words written in capitals (VERY_COMMON_*).
ANY_FIRST, ANY_LAST = 5000, 20000
ORDINARY_FIRST, ORDINARY_LAST = 400, 1500
LOOSE_FIRST = 1500
VERY_COMMON_FIRST, VERY_COMMON_LAST = 50, 100
# Words a name may grow by after its first two ("José Manuel de la Cruz").
MAX_NAME_WORDS = 5
# How far the place check looks along a run of capitalised words ("Martin Luther King Jr Memorial Blvd"); a
# bound keeps 100 kB of capitalised words linear.
RUN_REACH = 4


_SUFFIXES = frozenset("jr sr".split())
_SIGNATURE_END = re.compile(r"\.?[ \t]{0,2}(?:\Z|[,(+|\n]|\d)")


def _signing_suffix(text: str, word: Word) -> bool:
    """"Lionel Batiste Jr." at a message's end or before data: the suffix of a name, not of "Martin Luther King
    Jr Dr" or "Jr. Day"."""
    return word.key in _SUFFIXES and _SIGNATURE_END.match(text, word.end) is not None


def ordinary(word: Word) -> bool:
    return word.key in gazetteer.common_words() or word.key in NOT_NAMES


def ranked(word: Word, first: bool) -> bool:
    """Whether `word` is a known first name (or surname) within the limit its ordinariness sets."""
    return known_key(word.key, first)


@lru_cache(maxsize=16384)
def known_key(word_key: str, first: bool) -> bool:
    """Whether `word` is a known first name (or surname) within the limit its ordinariness sets; a hyphenated
    word counts when it is known whole, joined or by a part ("Hye-jin", "Okafor-Jones")."""
    if word_key in NOT_NAMES:
        return False
    keys = [word_key] + ([word_key.replace("-", ""), *word_key.split("-")] if "-" in word_key else [])
    head, _, tail = word_key.partition("'")
    if len(head) <= 2 and len(tail) >= 3:  # "O'Neill", "D'Angelo": listed as "oneill" or "neill"
        keys += [head + tail, tail]
    for key in keys:
        rank = gazetteer.names().get(key)
        value = (rank.first if first else rank.last) if rank else 0
        if key in gazetteer.common_words():
            limit = ORDINARY_FIRST if first else ORDINARY_LAST
        else:
            limit = ANY_FIRST if first else ANY_LAST
        if 0 < value <= limit:
            return True
    return False


def is_known(word: Word) -> bool:
    return ranked(word, first=True) or ranked(word, first=False)


def names_a_place(
    text: str, words: list[Word], first: int, last: int, prepositions: frozenset[str] = PLACE_PREPOSITIONS
) -> bool:
    """Whether the capitalised run around the candidate holds a place word, or one of `prepositions` precedes."""
    start, end = first, last
    if words[first].capitalised:
        lowest, highest = max(0, first - RUN_REACH), min(len(words) - 1, last + RUN_REACH)
        while start > lowest and words[start - 1].capitalised and adjacent(text, words[start - 1], words[start]):
            start -= 1
        while end < highest and words[end + 1].capitalised and adjacent(text, words[end], words[end + 1]):
            end += 1
    elif words[first].shape == "lower":  # "martin luther king jr park": lower-case place words after the name
        while end < min(len(words) - 1, last + 2) and words[end + 1].shape == "lower" and adjacent(
            text, words[end], words[end + 1]
        ):
            end += 1
    places = [words[k] for k in range(start, end + 1) if words[k].place and not _signing_suffix(text, words[k])]
    if places and not (start == first and surname_place(words, first, last, places)):
        return True  # "Jennifer Park" is a person, "Roberto Clemente Park" and "at Luis Aparicio Field" are places
    return first > 0 and adjacent(text, words[first - 1], words[first]) and words[first - 1].key in prepositions


def surname_place(words: list[Word], first: int, last: int, places: list[Word]) -> bool:
    """"Jennifer Park", not "Lincoln Park": the only place word is the name's surname, after a first name that
    places are not named after."""
    if last == first or places != [words[last]] or words[last].key not in SURNAME_PLACES:
        return False
    return words[first].key not in NAMESAKES


def extend(text: str, words: list[Word], j: int) -> int:
    """Grow a name by particles and further surnames ("José Manuel de la Cruz", "Greg Van Der Berg")."""
    limit = min(len(words) - 1, j + MAX_NAME_WORDS)
    while j < limit and adjacent(text, words[j], words[j + 1]):
        k = j + 1
        while k < limit and words[k].key in PARTICLES and adjacent(text, words[k], words[k + 1]):
            k += 1
        following = words[k]
        if _initial_after(text, words[j], following):
            return k  # "Darnell W.": a surname's initial ends the name
        known = ranked(following, first=False) or (k > j + 1 and following.capitalised) or unlisted(following)
        if not known or following.shape != words[j].shape or following.place:
            return j
        j = k
    return j


def _initial_after(text: str, name: Word, following: Word) -> bool:
    """Whether `following` is a capital initial with its full stop right after a capitalised name."""
    return (
        name.shape == "title" and len(following.text) == 1 and following.text.isupper()
        and text[following.end : following.end + 1] == "."
    )


def unlisted(word: Word) -> bool:
    """A capitalised word that is neither an ordinary word nor listed at all ("Feldstein", "Tsosie"): after a
    name it is taken for the surname the gazetteer lacks."""
    return word.shape == "title" and not ordinary(word) and word.key not in gazetteer.names() and len(word.text) > 2


def first_of_pair(first: Word, last: Word) -> bool:
    """A first name; an ordinary word ("Hunter") may be a rarer one when the surname is no ordinary word."""
    if ranked(first, first=True):
        return True
    rank = gazetteer.names().get(first.key)
    return rank is not None and 0 < rank.first <= LOOSE_FIRST and not ordinary(last) and first.key not in NOT_NAMES


@lru_cache(maxsize=16384)
def may_start(key: str) -> bool:
    """Whether a word can be the first name of a pair at all (the cheap test that rejects most words)."""
    if key in NOT_NAMES or key in MONTHS_AND_DAYS:
        return False
    ranks = [gazetteer.names().get(part) for part in (key, key.replace("-", ""), *key.split("-"))]
    return any(rank is not None and 0 < rank.first <= max(ANY_FIRST, LOOSE_FIRST) for rank in ranks)


def very_common(first: Word, last: Word, first_limit: int = VERY_COMMON_FIRST) -> bool:
    """Whether two ordinary words are among the most common first names and surnames, and not short."""
    first_rank, last_rank = gazetteer.names().get(first.key), gazetteer.names().get(last.key)
    if first_rank is None or last_rank is None or min(len(first.text), len(last.text)) < 3:
        return False
    return 0 < first_rank.first <= first_limit and 0 < last_rank.last <= VERY_COMMON_LAST


# A lone word counts as a first name unless it ranks this many times higher as a surname.
SURNAME_FIRST_FACTOR = 3
# Words before which a lone first name is more often a place: "in Austin", "on Jackson", "calle Cedar".
_PLACE_BEFORE = PLACE_PREPOSITIONS | frozenset("in calle avenida".split())


def place_names(text: str, words: list[Word]) -> frozenset[str]:
    """Words that name a place somewhere in the message ("Fulton" in "Fulton St"): elsewhere in the same
    message they are taken for that place ("at MLK Blvd and Fulton")."""
    return frozenset(
        words[k].key for k in range(len(words) - 1) if words[k + 1].place and adjacent(text, words[k], words[k + 1])
    )


def lone_first_name(text: str, words: list[Word], i: int, places: frozenset[str]) -> bool:
    """Whether a capitalised word counts as a name wherever it stands ("my 2 boys Diego and Mateo", "llamen a
    Gabriela al ..."): a listed first name that is no ordinary word, not far more common as a surname, not a
    namesake of places ("Lincoln") nor a place named in the message, not after "in", "on" or
    "at", nor inside a proper noun after an ordinary capitalised word ("the Cherry Blossom festival")."""
    word = words[i]
    if word.shape != "title" or ordinary(word) or word.key in NAMESAKES or word.key in PLACE_FIRST_NAMES:
        return False
    rank = gazetteer.names().get(word.key)
    surname_first = rank is not None and 0 < rank.last * SURNAME_FIRST_FACTOR < rank.first
    if word.key in MONTHS_AND_DAYS or word.key in places or not ranked(word, first=True) or surname_first:
        return False  # "Kennedy", "Jackson": far more common as surnames, and streets and schools after them
    following = words[i + 1] if i + 1 < len(words) else None
    if following is not None and adjacent(text, word, following) and following.key in NAMESAKES:
        return False  # "Harriet Tubman Green", a place
    if text[word.end : word.end + 3].strip()[:1].isdigit():
        return False  # "June 14", "Jan 31": a date
    before = words[i - 1] if i > 0 else None
    if before is None or not adjacent(text, before, word):
        return True
    inside_proper_noun = before.capitalised and ordinary(before) and before.key not in NOT_NAMES and i > 1
    corner = before.key == "and" and i > 1 and words[i - 2].place  # "at MLK Blvd and Fulton"
    return before.key not in _PLACE_BEFORE and not inside_proper_noun and not corner


def lower_pair(text: str, words: list[Word], i: int) -> int | None:
    """The last word of a lower-case name after a cue ("call esperanza mamani", "my daughter mahina van der
    berg"): a word that is no ordinary word or a common first name, particles, then a listed surname; both
    ordinary only when both are among the most common names ("esperanza park")."""
    first = words[i]
    if first.shape != "lower" or first.key in NOT_NAMES or len(first.text) < 3:
        return None
    k = i + 1
    while k < min(len(words) - 1, i + 4) and words[k].key in PARTICLES and adjacent(text, words[k - 1], words[k]):
        k += 1
    if k >= len(words) or not adjacent(text, words[k - 1], words[k]) or words[k].shape != "lower":
        return None
    last = words[k]
    if not ranked(last, first=False) or last.key in MONTHS_AND_DAYS:
        return None
    listed = 0 < getattr(gazetteer.names().get(first.key), "first", 0)
    if not ordinary(first) and (listed or (k == i + 1 and not ordinary(last))):
        return k  # "losa brewer", "mahina van der berg"; not "robaron el bote"
    return k if very_common(first, last, first_limit=2 * VERY_COMMON_FIRST) else None

