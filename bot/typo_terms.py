"""Words of danger typed in a hurry: "sucide", "overdoes", "unconsious", "bleding" read as the words meant.

A frightened resident misspells. A word one edit away (a letter added, dropped, changed, or two neighbours
swapped) from a key term counts as that term, unless the word is itself a common English or Spanish word:
"turning" is not "burning", "shouting" is not "shooting". Only terms of five letters or more are matched this
way; shorter ones have too many neighbours, so for them ("fire", "gun", "kill") only two letters swapped or one
letter doubled counts: "fier", "gunn", "fiire", but never "hire", "fir" or "gum".
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.pii import gazetteer

_MIN_LENGTH = 5
_WORD = re.compile(r"[a-z']{4,20}")


def within_one_edit(word: str, term: str) -> bool:
    """Whether `word` is at most one insertion, deletion, substitution or swap of neighbours from `term`."""
    if word == term:
        return True
    if abs(len(word) - len(term)) > 1:
        return False
    if len(word) == len(term):
        differ = [i for i, (a, b) in enumerate(zip(word, term)) if a != b]
        if len(differ) == 1:
            return True
        return len(differ) == 2 and differ[1] == differ[0] + 1 and word[differ[0]] == term[differ[1]] and (
            word[differ[1]] == term[differ[0]]
        )
    shorter, longer = (word, term) if len(word) < len(term) else (term, word)
    i = next((i for i, (a, b) in enumerate(zip(shorter, longer)) if a != b), len(shorter))
    return shorter[i:] == longer[i + 1 :]


def corrected(text: str, terms: tuple[str, ...]) -> str:
    """`text` (lower case) with each misspelled key term replaced by the term itself.

    Candidates come from an index of each term and its one-letter deletions, looked up by the word and its own
    deletions (any one edit, swaps included, leaves the two a deletion apart), so a long message costs a few
    dictionary look-ups a word rather than a comparison with every term.
    """
    index = _index(terms)  # built once per tuple of terms, not per message
    short = _short_variants(terms)
    common = gazetteer.common_words()

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in common:
            return word
        if word in short:
            return short[word]
        for key in (word, *_deletions(word)):
            for term in index.get(key, ()):
                if within_one_edit(word, term):
                    return term
        return word

    return _WORD.sub(fix, text)


def _deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


@lru_cache(maxsize=4)
def _index(terms: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = {}
    for term in set(terms):
        if len(term) >= _MIN_LENGTH:
            for key in (term, *_deletions(term)):
                index.setdefault(key, set()).add(term)
    return {key: tuple(sorted(group)) for key, group in index.items()}


@lru_cache(maxsize=4)
def _short_variants(terms: tuple[str, ...]) -> dict[str, str]:
    variants: dict[str, str] = {}
    for term in set(terms):
        if len(term) < _MIN_LENGTH:
            swaps = [term[:i] + term[i + 1] + term[i] + term[i + 2 :] for i in range(len(term) - 1)]
            doubled = [term[: i + 1] + term[i:] for i in range(len(term))]
            variants.update((variant, term) for variant in (*swaps, *doubled) if variant != term)
    return variants
