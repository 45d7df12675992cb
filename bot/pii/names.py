"""Names of people, with a cue ("my name is", "signed,") or without one ("thanks, Jamal Brown", "Olga Lin here").

Without a cue, a name is a known first name followed by a known surname (build/names.tsv, from names-dataset),
capitalised, or in lower case when neither word is ordinary English. Context keeps places named after people:
a run of capitalised words holding a place or body word ("Martin Luther King Jr Blvd", "Harriet Tubman
Elementary", "Cesar Chavez Day", "Washington Ave") is no name, nor is one after "on", "at", "near" or "the".
A single name counts after a greeting or sign-off ("thanks, Maria"), before "here", after a title ("Ms. Lin"),
or alone on the last line of a message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.pii import gazetteer
from bot.pii.spans import PiiKind, Span

# Words bounded in length, so a run of letters is one token; an apostrophe or hyphen joins parts (O'Brien).
_TOKEN = re.compile(r"[^\W\d_]{1,30}(?:['’-][^\W\d_]{1,30}){0,2}")
_STRONG_CUE = re.compile(
    r"(?i)\b(?:my name is|my name's|name's|name is|name:|name on (?:the )?card(?: is)?:?|i am|i'm|im|this is"
    r"|call me|signed,?|it's me,?(?: again,?)?|me again,?)\s{1,5}"
)
_WEAK_CUE = re.compile(
    r"(?i)(?:\b(?:thanks|thank you|thx|ty|tks|regards|best|cheers|sincerely|respectfully|love|hi|hello|hey"
    r"|dear|it's|its|it is|per|ask for|contact|neighbor|neighbour|landlord|tenant|son|daughter|wife"
    r"|husband|mom|dad|mother|father|brother|sister|friend)\b|(?:^|\n)[ \t]{0,3}[-–—~])[,:!.]?[ \t]{0,3}"
)
# A title, unless it follows a capitalised word or a number ("601 Maple Dr. Bin was out" is a street).
_TITLE = re.compile(r"(?<![A-Z][a-z] )(?<![A-Z][a-z][a-z] )(?<!\d )\b(?i:mr|mrs|ms|miss|mx|dr)\.?\s{1,3}(?=[A-Z])")
_HERE = re.compile(r"(?i)[ \t]{1,3}(?:here|speaking)\b")
_NOT_NAMES = frozenset(
    "a an the and or but from with at in on about calling writing here trying looking not so very just really "
    "still also sorry new having going getting to for my your our their this that it is was mr mrs ms miss mx dr "
    "sir madam".split()
)
# A run of capitalised words holding one of these names a place, a body, an event or a holiday.
_PLACE_WORDS = frozenset(
    "street st avenue ave av road rd boulevard blvd drive dr lane ln way court ct place pl plaza square sq "
    "parkway pkwy highway hwy bridge tunnel trail park parks garden gardens playground field fields pool beach "
    "lake river creek center centre hall library school elementary middle high academy college university "
    "institute hospital clinic church chapel temple mosque synagogue cemetery memorial museum stadium arena "
    "station terminal airport market mall tower building apartments homes village heights estates manor "
    "department dept office agency authority board bureau commission council committee services service "
    "administration division program fund foundation association society court county city town district "
    "day eve week month holiday parade festival act law award prize scholarship jr sr pizza cafe restaurant deli "
    "bar grill store shop bakery salon pharmacy bank motors auto construction roofing plumbing inc llc co".split()
)
_PLACE_PREPOSITIONS = frozenset("on at near off along onto past across via the to-the of".split())
# Rank limits: a word that is also ordinary English ("Will", "Rose", "Brown") must be a common name to count.
_ANY_FIRST, _ANY_LAST = 5000, 20000
_ORDINARY_FIRST, _ORDINARY_LAST = 400, 1500
_MAX_CUE_WORDS = 3


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        lower = self.text.lower()
        return lower[:-2] if lower.endswith(("'s", "’s")) else lower

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper() and not self.text.isupper()


def _adjacent(text: str, left: _Word, right: _Word) -> bool:
    gap = text[left.end : right.start]
    return gap in (" ", "  ") or (len(left.text) == 1 and gap in (". ", "."))


def _ordinary(key: str) -> bool:
    return key in gazetteer.common_words() or key in _NOT_NAMES


def _is_first(word: _Word) -> bool:
    rank = gazetteer.names().get(word.key)
    if rank is None or not rank.first:
        return False
    return rank.first <= (_ORDINARY_FIRST if _ordinary(word.key) else _ANY_FIRST)


def _is_last(word: _Word) -> bool:
    rank = gazetteer.names().get(word.key)
    if rank is None or not rank.last:
        return False
    return rank.last <= (_ORDINARY_LAST if _ordinary(word.key) else _ANY_LAST)


def _is_known(word: _Word) -> bool:
    return _is_first(word) or _is_last(word)


def _capitalised_run(text: str, words: list[_Word], index: int) -> list[_Word]:
    """The capitalised words around `index` that touch it (single spaces), for the place check."""
    start = index
    while start > 0 and words[start - 1].capitalised and _adjacent(text, words[start - 1], words[start]):
        start -= 1
    end = index
    while end + 1 < len(words) and words[end + 1].capitalised and _adjacent(text, words[end], words[end + 1]):
        end += 1
    return words[start : end + 1]


def _names_a_place(text: str, words: list[_Word], first: int, last: int) -> bool:
    run = _capitalised_run(text, words, first) if words[first].capitalised else words[first : last + 1]
    if any(word.key.rstrip(".") in _PLACE_WORDS for word in run):
        return True
    before = words[first - 1] if first > 0 and _adjacent(text, words[first - 1], words[first]) else None
    return before is not None and before.key in _PLACE_PREPOSITIONS


def _pair_at(text: str, words: list[_Word], i: int) -> int | None:
    """Index of the last word of a first-name-plus-surname starting at `i` (a middle initial or name allowed)."""
    first = words[i]
    if not _is_first(first):
        return None
    for j in (i + 1, i + 2):
        if j >= len(words) or not _adjacent(text, words[j - 1], words[j]):
            return None
        last = words[j]
        if last.capitalised != first.capitalised or not _is_last(last):
            continue
        middle = words[i + 1]
        if j == i + 2 and not (len(middle.text) == 1 or _is_known(middle)) or middle.capitalised != first.capitalised:
            return None
        lowercase = not first.capitalised
        if lowercase and (_ordinary(first.key) or _ordinary(last.key) or not first.text.islower()):
            return None
        return j
    return None


def _words(text: str) -> list[_Word]:
    return [_Word(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _extend(text: str, words: list[_Word], j: int) -> int:
    """Grow a single name by a following surname ("Maria" then "Gonzalez")."""
    if j + 1 < len(words) and words[j + 1].capitalised and _adjacent(text, words[j], words[j + 1]):
        if _is_known(words[j + 1]):
            return j + 1
    return j


def _uncued(text: str, words: list[_Word]) -> list[Span]:
    spans, index_at = [], {word.start: n for n, word in enumerate(words)}
    for i in range(len(words)):
        j = _pair_at(text, words, i)
        if j is not None and not _names_a_place(text, words, i, j):
            spans.append(Span(PiiKind.NAME, words[i].start, words[j].end))
    after_cue = [(m.end(), False) for m in _WEAK_CUE.finditer(text)] + [(m.end(), True) for m in _TITLE.finditer(text)]
    for position, titled in after_cue:
        i = index_at.get(position)
        if i is None or not words[i].capitalised:
            continue
        after_capitalised = i > 0 and words[i - 1].capitalised and _adjacent(text, words[i - 1], words[i])
        title_ok = titled and not after_capitalised and not _ordinary(words[i].key)
        if (title_ok or _is_known(words[i])) and not _names_a_place(text, words, i, i):
            spans.append(Span(PiiKind.NAME, words[i].start, words[_extend(text, words, i)].end))
    return spans + _before_here(text, words)


def _before_here(text: str, words: list[_Word]) -> list[Span]:
    """"Olga here", "Maria speaking": a known name right before the word."""
    ends = {word.end: n for n, word in enumerate(words)}
    spans = []
    for here in _HERE.finditer(text):
        i = ends.get(here.start())
        if i is not None and _is_known(words[i]) and (words[i].capitalised or not _ordinary(words[i].key)):
            start = i - 1 if i > 0 and _adjacent(text, words[i - 1], words[i]) and _is_first(words[i - 1]) else i
            spans.append(Span(PiiKind.NAME, words[start].start, words[i].end))
    return spans


def _could_be_name(word: str, first: bool) -> bool:
    """After a strong cue, a capitalised word is taken for a name; a lowercase one only when it is no common
    English word ("call me back" is no name, "my name is delphine sorensen" is) or, after the first, a known
    name."""
    if word.lower() in _NOT_NAMES:
        return False
    if word.endswith("."):
        return not first  # an initial, as in "jamal r. villanueva"
    if word[0].isupper() or word not in gazetteer.common_words():
        return True
    return not first and _is_known(_Word(word, 0, len(word)))  # "name's brianna lee abernathy"


_CUE_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{1,30}|[A-Za-z]\.(?= )")


def _cued(text: str) -> list[Span]:
    spans = []
    for cue in _STRONG_CUE.finditer(text):
        position, found = cue.end(), []
        while len(found) < _MAX_CUE_WORDS:
            word = _CUE_WORD.match(text, position)
            if word is None or not _could_be_name(word.group(0), first=not found):
                break
            found.append(word)
            position = word.end() + 1 if text[word.end() : word.end() + 1] == " " else len(text) + 1
        if found:
            spans.append(Span(PiiKind.NAME, found[0].start(), found[-1].end()))
    return spans


def person_names(text: str) -> list[Span]:
    """Names after a cue, then known first-name-plus-surname pairs and single names in a name's context."""
    return _cued(text) + _uncued(text, _words(text))
