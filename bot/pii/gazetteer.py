"""The word lists name detection reads once per process: common English words and ranked names.

Both are built by `make install` under build/ (scripts/build_word_list.py, scripts/build_name_list.py); the
names-dataset package itself is never loaded at run time. A missing list degrades detection (names are then
found only after a cue) instead of failing, so that redaction never stops a reply.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from bot.settings import get_settings


# Letters NFKD does not split into a base letter and a mark.
_UNSPLIT = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "’": "'"})


def fold(word: str) -> str:
    """A name's lookup key: lower case without accents, so that "Wiśniewski", "wisniewski" and "WIŚNIEWSKI"
    meet."""
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(_UNSPLIT))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True, slots=True)
class NameRank:
    """Popularity rank as a first name and as a surname (lower is more common); 0 when never one."""

    first: int
    last: int


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Frequent English and Spanish words, folded; note that frequent names ("james", "brown") are among them."""
    try:
        return frozenset(fold(word) for word in get_settings().common_words_path.read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()


@lru_cache(maxsize=1)
def names() -> dict[str, NameRank]:
    """First names and surnames, keyed by `fold`, with their ranks."""
    try:
        lines = get_settings().name_list_path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    table = {}
    for line in lines:
        name, first, last = line.split("\t")
        table[name] = NameRank(int(first), int(last))
    return table
