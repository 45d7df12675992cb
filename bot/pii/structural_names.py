"""Names told by the structure of a message, whatever their words: the fragment a writer signs with at the very
end ("... is leaking again. Baker"), initials standing alone where a writer signs ("... out again. JW", "DJ here,
..."), nicknames ("Big Dre", "lil marco"), self-introductions ("hey it's Cricket from ..."), and a capitalised
word right after a family or neighbour word ("my neighbor April", "mi tío Chucho").

Why: the list rules ask whether a word is a name, and an ordinary word ("Baker", "Pearl", "Moss"), a month
("June") or an unlisted nickname ("Memo") never is by the list. Yet a one-to-four-word fragment after the last
sentence of a message, with no verb of its own, is its writer's signature far more often than anything else,
and the few closings that stand there ("Thanks", "Why", "Help!", "FYI") form a short closed class. The rules
here therefore reject by that class and by place, month and acronym, not by the name lists.
"""

from __future__ import annotations

import re

from bot.pii import gazetteer
from bot.pii.name_rules import names_a_place, ordinary
from bot.pii.name_words import MONTHS_AND_DAYS, NOT_NAMES, PARTICLES, SURNAME_PLACES, Word, adjacent
from bot.pii.spans import PiiKind, Span, ascii_lower, starts_word

# What closes a message where a signature would stand, and so is no name: thanks, pleas, questions, interjections,
# internet shorthand (read after folding; NOT_NAMES, months and days are excluded as well).
CLOSINGS = frozenset(
    "thank thanks thx ty tysm please pls plz help urgent asap again why what how when where who which anyone "
    "anybody someone everyone nobody refund same fyi smh lol lmao omg btw imo tbh idk nvm ok okay yes no nope yeah "
    "yep sure bye goodbye cheers regards best love bless blessings god amen peace sincerely respectfully "
    "appreciated appreciate kindly urgently seriously ridiculous unbelievable unacceptable update updates "
    "done fixed resolved solved noted understood whatever anyways anyway also too now today tonight tomorrow "
    "yesterday soon later please advise saludos gracias atentamente bendiciones porfa favor ayuda urgente".split()
)
# Ordinary words ("Baker", "Hunter", "Pearl") count in a signature when they rank at least this high.
_ORDINARY_FIRST, _ORDINARY_LAST = 800, 300
_MAX_FRAGMENT = 5  # "Marisol de la Vega", "Ivy van der Berg"
# Before a signature: the end of a sentence, a line break or a dash; after it, only punctuation and emoji.
_SET_APART = frozenset(".!?\n-–—~|")
_ENDS = re.compile(r"[^\w?]{0,12}\Z")
# After a signature, the data it stands before: "Hollis at 14 Quarry Rd", "Ruby, 617-...".
_BEFORE_DATA = re.compile(r"(?:,| at| @| -)?[ \t]{1,2}")
_INITIALS = re.compile(r"[A-Z]{2,3}")
# Abbreviations in capitals that close a message or name an office, not a writer.
_ACRONYMS = frozenset(
    "asap fyi smh ty lol omg btw imo tbh idk nvm ok pm am usa us dpw dmv bpd pd fd ems hoa ssn dob id pls thx "
    "tia nyc la dc ma ny nj ca tx fl mbta mta cta irs ssa hud fema".split()
)
_NICKNAME = re.compile(r"(?:big|lil['’]?|little|tiny|baby) ")
_INTRODUCED = re.compile(r"(?:it's|its|it is|it’s) ")
_AFTER_INTRODUCED = re.compile(r"(?:[ \t]{1,2}(?:from|here|again|de|del)\b|,|[ \t]*\Z)")
_HERE = re.compile(r"[ \t]{1,2}here\b(?![ \t]{1,2}(?:is|are|was|in|at|on|for|to|and|we)\b)")
_GREETING = frozenset("hi hey hello hola buenas yo ok okay so".split())
_KIN = re.compile(
    r"(?:neighbou?r|son|daughter|kid|child|grandson|granddaughter|grandma|grandpa|grandmother|grandfather|nana|"
    r"wife|husband|mom|mum|dad|mother|father|brother|sister|aunt|auntie|uncle|cousin|nephew|niece|friend|roommate|"
    r"tenant|landlord|landlady|boss|coworker|partner|boyfriend|girlfriend|fianc[eé]e?|stepson|stepdaughter|"
    r"vecin[oa]|hij[oa]|herman[oa]|t[ií][oa]|abuel[oa]|prim[oa]|sobrin[oa]|niet[oa]|mam[aá]|pap[aá]|madre|padre|"
    r"espos[oa]|suegr[oa]|cuñad[oa]|compadre|comadre|amig[oa]) "
)


def _listed(word: Word) -> bool:
    """An ordinary word counts only as a common name ("Baker", "Pearl"); any other word counts."""
    if not ordinary(word):
        return True
    rank = gazetteer.names().get(word.key)
    return rank is not None and (0 < rank.first <= _ORDINARY_FIRST or 0 < rank.last <= _ORDINARY_LAST)


def _excluded(word: Word) -> bool:
    return word.key in NOT_NAMES or word.key in MONTHS_AND_DAYS or word.key in CLOSINGS or word.shape == "other"


def _signature_run(words: list[Word]) -> bool:
    """Whether the words look like a signature: capitalised words (particles between them), or one lower-case
    listed first name; never a closing, month, acronym or place (a surname that is a place word may end it)."""
    if words[0].key in PARTICLES or words[-1].key in PARTICLES or any(_excluded(word) for word in words):
        return False
    named = [word for word in words if word.key not in PARTICLES or word.capitalised]
    if len(words) == 1 and words[0].shape == "lower":
        rank = gazetteer.names().get(words[0].key)
        return rank is not None and 0 < rank.first and _listed(words[0]) and len(words[0].text) > 2
    if any(not word.capitalised or (word.shape == "upper" and len(word.text) <= 3) for word in named):
        return False
    places = [word for word in named if word.place]
    if places and (places != [named[-1]] or named[-1].key not in SURNAME_PLACES or len(named) < 2):
        return False  # "Public Works", "City Hall"; but "Jordan Fields"
    return all(_listed(word) for word in named if not word.place)


def _apart(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \t")
    return before != "" and before[-1] in _SET_APART


def _final(text: str, words: list[Word], edges: frozenset[int]) -> list[Span]:
    """The fragment after a message's last sentence, when it looks like a signature: at the very end, or right
    before the data that ends the message."""
    for last in range(len(words) - 1, max(-1, len(words) - 1 - _MAX_FRAGMENT), -1):
        end = words[last].end
        gap = _BEFORE_DATA.match(text, end)
        if _ENDS.match(text, end) is None and (gap is None or gap.end() not in edges):
            continue
        for first in range(last, max(-1, last - _MAX_FRAGMENT), -1):
            if first < last and not adjacent(text, words[first], words[first + 1]):
                break
            if first > 0 and _apart(text, words[first].start) and _signature_run(words[first : last + 1]):
                if not names_a_place(text, words, first, last):
                    return [Span(PiiKind.NAME, words[first].start, end)]
    return []


def _lone_initials(text: str, words: list[Word]) -> list[Span]:
    """Two or three capitals where a writer signs: after the last sentence, or first before "here"."""
    spans = []
    for index in {0, len(words) - 1}:
        word = words[index]
        if not _INITIALS.fullmatch(word.text) or word.key in _ACRONYMS or _excluded(word):
            continue
        at_end = index > 0 and _apart(text, word.start) and _ENDS.match(text, word.end) is not None
        if (at_end and word.key not in gazetteer.common_words()) or (index == 0 and _HERE.match(text, word.end)):
            spans.append(Span(PiiKind.NAME, word.start, word.end))
    return spans


def _introductions(text: str, words: list[Word], index_at: dict[int, int]) -> list[Span]:
    """"Moss here, ...", "hey it's Cricket from ...": a capitalised word that introduces the writer."""
    spans = []
    first = 1 if len(words) > 1 and words[0].key in _GREETING else 0
    if first < len(words) and words[first].shape == "title" and _HERE.match(text, words[first].end):
        if not _excluded(words[first]) and _listed(words[first]) and not words[first].place:
            spans.append(Span(PiiKind.NAME, words[first].start, words[first].end))
    lowered = ascii_lower(text[:60])
    for cue in _INTRODUCED.finditer(lowered):
        i = index_at.get(cue.end())
        if i is None or not starts_word(lowered, cue.start()) or words[i].shape != "title":
            continue
        word = words[i]
        if _excluded(word) or word.place or not _AFTER_INTRODUCED.match(text, word.end):
            continue
        spans.append(Span(PiiKind.NAME, word.start, word.end))
    return spans


def _month_as_name(text: str, word: Word) -> bool:
    """"my neighbor April": a month after a family word is a name unless a day follows ("my son June 5")."""
    return word.key in _MONTHS and not text[word.end : word.end + 3].strip()[:1].isdigit()


def _after_kin(text: str, words: list[Word], index_at: dict[int, int]) -> list[Span]:
    """A capitalised word right after a family or neighbour word: "my neighbor April", "tío Memo"."""
    spans = []
    lowered = ascii_lower(text)
    for cue in _KIN.finditer(lowered):
        i = index_at.get(cue.end())
        if i is None or not starts_word(lowered, cue.start()) or not words[i].capitalised:
            continue
        word = words[i]
        if (_excluded(word) and not _month_as_name(text, word)) or word.place:
            continue
        if not names_a_place(text, words, i, i, frozenset()):
            spans.append(Span(PiiKind.NAME, word.start, word.end))
    return spans


def _nicknames(text: str, words: list[Word], index_at: dict[int, int]) -> list[Span]:
    """"Big Dre", "lil marco": a nickname word before a listed first name, taken with it (in lower case only a
    very common name), unless a capitalised word goes on ("Little Rock Road")."""
    spans = []
    lowered = ascii_lower(text)
    for cue in _NICKNAME.finditer(lowered):
        i = index_at.get(cue.end())
        if i is None or not starts_word(lowered, cue.start()) or _excluded(words[i]) or words[i].place:
            continue
        word = words[i]
        rank = getattr(gazetteer.names().get(word.key), "first", 0)
        if not 0 < rank or (word.shape == "lower" and ordinary(word) and rank > _LOWER_NICKNAME):
            continue
        if word.shape not in ("title", "lower") or (word.shape == "lower") != text[cue.start()].islower():
            continue  # "Big Dre", "lil marco"; not "Big marco"
        if i + 1 < len(words) and adjacent(text, word, words[i + 1]) and words[i + 1].capitalised:
            continue
        spans.append(Span(PiiKind.NAME, cue.start(), word.end))
    return spans


_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
# A lower-case nickname's name, when an ordinary word too, must be this common ("lil marco", not "lil bit").
_LOWER_NICKNAME = 100


def structural_names(text: str, words: list[Word], index_at: dict[int, int], edges: frozenset[int]) -> list[Span]:
    """Signatures, lone initials, introductions, nicknames and names after family words."""
    if not words:
        return []
    return (
        _final(text, words, edges)
        + _lone_initials(text, words)
        + _introductions(text, words, index_at)
        + _nicknames(text, words, index_at)
        + _after_kin(text, words, index_at)
    )
