"""Names joined by "and", "&", "y" or "or" to a name already found, on either side ("Tyler and Jada", "Mike and
Ana Ruiz"): the name found is the evidence that the word beside it names a person too."""

from __future__ import annotations

import re

from bot.pii.name_rules import extend, is_known, names_a_place, ordinary, ranked, unlisted
from bot.pii.name_words import MONTHS_AND_DAYS, NOT_NAMES, Word
from bot.pii.spans import PiiKind, Span

_AND = re.compile(r" (?:and|&|y|or|o|e) ")
_AND_BEFORE = re.compile(r" (?:and|&|y|or|o|e) \Z")


def _joinable(text: str, words: list[Word], k: int) -> bool:
    """Whether word k, joined by "and" to a name, is a name too ("Tyler and Jada", "Mike and Ana Ruiz")."""
    word = words[k]
    if word.key in NOT_NAMES or word.key in MONTHS_AND_DAYS or word.place or names_a_place(text, words, k, k):
        return False
    if word.shape == "lower":
        return ranked(word, first=True) and not ordinary(word)
    if word.shape == "upper" and len(word.text) <= 3:
        return False
    return word.capitalised and (is_known(word) or unlisted(word))


def joined_names(text: str, words: list[Word], index_at: dict[int, int], found: list[Span]) -> list[Span]:
    """Names joined by "and", "&" or "y" to a name found, on either side."""
    at_end = {word.end: n for n, word in enumerate(words)}
    spans: list[Span] = []
    pending, seen = list(found), {(span.start, span.end) for span in found}
    while pending and len(spans) < len(words):
        span = pending.pop()
        after = _AND.match(text, span.end)
        before = _AND_BEFORE.search(text, max(0, span.start - 5), span.start)
        for k in (index_at.get(after.end()) if after else None, at_end.get(before.start()) if before else None):
            if k is None or (words[k].start, words[k].end) in seen or not _joinable(text, words, k):
                continue
            end = extend(text, words, k)
            joined = Span(PiiKind.NAME, words[k].start, words[end].end)
            seen.add((joined.start, joined.end))
            spans.append(joined)
            pending.append(joined)
    return spans
