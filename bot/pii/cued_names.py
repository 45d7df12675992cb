"""Names after a strong cue ("my name is", "soy", "меня зовут"): whatever stands there is taken for a name, in
any script, unless it is an ordinary word in lower case ("i'm happy to", "call me back").
"""

from __future__ import annotations

import re

from bot.pii import gazetteer
from bot.pii.name_rules import extend, is_known, known_key
from bot.pii.name_words import NOT_NAMES, PARTICLES, Word, adjacent
from bot.pii.spans import PiiKind, Span, ascii_lower, shouting, starts_word

# Matched on the lower-cased copy, which lowers A-Z only: cues in other scripts allow both cases of their first
# letter.
_STRONG_CUE = re.compile(
    r"(?:my name is|my name's|name's|name is|name was|names are|name:|my name,|name on (?:the )?card(?: is)?:?|name"
    r"|i am|i'm|im|this is|nombre:?|les escribe|le escribe|les saluda|le saluda"
    r"|call me|signed,?|it's me,?(?: again,?)?|me again,?|soy|me llamo|mi nombre es|se llama|tôi là|je m'appelle"
    r"|je suis|ich bin|ich heiße|mein name ist|[Мм]еня зовут|[Мм]ене звати)\s{1,5}"
)
_MAX_CUE_WORDS = 3
_CUED_ORDINARY_FIRST = 100
_TITLES = frozenset("mr mrs ms miss mx dr".split())
_VERB_ENDINGS = ("ing", "ed")


def _could_be_name(word: Word, first: bool, shouted: bool = False) -> bool:
    """After a strong cue, a capitalised word is taken for a name; a lowercase one only when it is no common
    English word ("call me back" is no name, "my name is delphine sorensen" is) or, after the first, a known
    name. In a message written in capitals, capitals tell nothing: every word is judged as if in lower case
    ("I AM APPLYING"). A word in -ing or -ed is a verb unless it is a listed first name ("i'm renewing")."""
    if word.key in NOT_NAMES or len(word.text) == 1:
        return False
    if word.key.endswith(_VERB_ENDINGS) and not is_known(word):
        return False
    if (word.text[0].isupper() and not (shouted and word.shape == "upper")) or word.key not in gazetteer.common_words():
        return True
    if first:  # "my name is rosa ramírez", not "i'm happy to"
        rank = gazetteer.names().get(word.key)
        return rank is not None and 0 < rank.first <= _CUED_ORDINARY_FIRST
    return is_known(word)  # "name's brianna lee abernathy"


# A first name texted after "my name" must be this common ("hunter", not "tag" in "name tag said").
_TEXTED_FIRST = 1000
# Verbs that follow "my name" where no name does ("my name will be", "my name has been changed").
_AUXILIARIES = frozenset(
    "be been being is was were has have had will would can could should must may might do does did".split()
)


def _texted_pair(text: str, words: list[Word], i: int) -> bool:
    """"my name hunter page": texted without "is", a listed first name and a listed surname in lower case, even
    when both are ordinary words."""
    if i + 1 >= len(words) or not adjacent(text, words[i], words[i + 1]):
        return False
    first, last = words[i], words[i + 1]
    if first.shape != "lower" or last.shape != "lower":
        return False
    if {first.key, last.key} & (_AUXILIARIES | NOT_NAMES | PARTICLES):
        return False
    rank = gazetteer.names().get(first.key)
    return rank is not None and 0 < rank.first <= _TEXTED_FIRST and known_key(last.key, first=False)


def cued_names(text: str, words: list[Word], index_at: dict[int, int]) -> list[Span]:
    """The one to three words after each strong cue that could be a name, grown by particles and surnames."""
    spans = []
    lowered = ascii_lower(text)
    shouted = shouting(text)
    for cue in _STRONG_CUE.finditer(lowered):
        i = index_at.get(cue.end()) if starts_word(lowered, cue.start()) else None
        if i is not None and words[i].key in _TITLES and i + 1 < len(words):
            i += 1  # "this is mrs delacroix"
        if i is not None and cue.group().rstrip().endswith("name") and _texted_pair(text, words, i):
            spans.append(Span(PiiKind.NAME, words[i].start, words[i + 1].end))  # "my name hunter page"
            continue
        if i is None or not _could_be_name(words[i], first=True, shouted=shouted):
            continue
        j = i
        while j + 1 < min(len(words), i + _MAX_CUE_WORDS) and adjacent(text, words[j], words[j + 1]):
            if words[j].text.endswith(("'s", "’s")):
                break  # "I'm Cliff Fox's caseworker": a name ends at its possessive
            following = words[j + 1]
            initial = len(following.text) == 1 and text[following.end : following.end + 1] == "."
            if following.key in PARTICLES or not (initial or _could_be_name(following, first=False, shouted=shouted)):
                break
            j += 1
        spans.append(Span(PiiKind.NAME, words[i].start, words[extend(text, words, j)].end))
    return spans
