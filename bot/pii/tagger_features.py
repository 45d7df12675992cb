"""Tokens and the features a sequence tagger reads for each, shared by training (bench/, scripts/) and redaction.

A token is a run of letters and digits or one other non-space character, with its place in the text, so that
what the tagger marks maps back to characters exactly. Features are plain strings ("w=maria", "g=TOP_F_N"):
the word folded, its shape, prefix and suffix, what the gazetteer knows of it (a listed first name or surname,
an ordinary word, neither), whether it is a place or title word to the rules, digit counts, and the same for two
words either side. No feature is learned from a list the tagger could not have at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from bot.pii import gazetteer
from bot.pii.name_words import MONTHS_AND_DAYS, NOT_NAMES, PLACE_WORDS

_TOKEN = re.compile(r"[^\W_]{1,40}|[^\w\s]|_")
_TOP_RANK = 2000


class Token(NamedTuple):
    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The tokens of `text` in order; a longer run of letters or digits is cut into pieces of 40."""
    return [Token(match.group(), match.start(), match.end()) for match in _TOKEN.finditer(text)]


@lru_cache(maxsize=65536)
def _shape(word: str) -> str:
    """"Xxxx" → "Xx", "AB12" → "Xd", "555" → "d": letter classes with repeats collapsed."""
    classes = ("X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c for c in word)
    out: list[str] = []
    for char in classes:
        if not out or out[-1] != char:
            out.append(char)
    return "".join(out[:6])


@lru_cache(maxsize=65536)
def _lexicon(word: str) -> str:
    """What the word lists say of `word`: a listed name (how common, first or last, also an ordinary word), an
    ordinary word, a place or title word the rules know, or nothing."""
    key = gazetteer.fold(word)
    if key in PLACE_WORDS:
        return "PLACE"
    if key in NOT_NAMES:
        return "NOTNAME"
    if key in MONTHS_AND_DAYS:
        return "MONTH"
    rank = gazetteer.names().get(key)
    common = "C" if key in gazetteer.common_words() else "N"
    if rank is None or not (rank.first or rank.last):
        return "COMMON" if common == "C" else ("UNK" if word[:1].isalpha() else "X")
    best = min(r for r in (rank.first, rank.last) if r)
    role = "F" if rank.first and (not rank.last or rank.first <= rank.last) else "L"
    return f"{'TOP' if best <= _TOP_RANK else 'NAME'}_{role}_{common}"


@lru_cache(maxsize=65536)
def _own(word: str) -> tuple[str, ...]:
    """The features of a word on its own, cached: a message repeats its words and residents share them."""
    lower = word.lower()
    features = [f"w={lower}", f"s={_shape(word)}", f"g={_lexicon(word)}", f"p3={lower[:3]}", f"x3={lower[-3:]}"]
    digits = sum(char.isdigit() for char in word)
    if digits:
        features.append(f"d={min(digits, 20)}")
    elif word.isalpha():
        features.append(f"l={min(len(word), 12)}")
    return tuple(features)


def features(text: str, toks: list[Token]) -> list[list[str]]:
    """One feature list per token: its own, its neighbours' (±1, ±2), and whether a line starts before it."""
    own = [_own(token.text) for token in toks]
    out = []
    for index, token in enumerate(toks):
        row = list(own[index])
        for offset in (-2, -1, 1, 2):
            other = index + offset
            if 0 <= other < len(toks):
                word, shape, lexicon = own[other][:3]
                row += [f"{offset}{word}", f"{offset}{shape}", f"{offset}{lexicon}"]
            else:
                row.append(f"{offset}edge")
        gap = text[toks[index - 1].end : token.start] if index else "\n"
        if "\n" in gap:
            row.append("line")
        elif not gap:
            row.append("joined")
        out.append(row)
    return out
