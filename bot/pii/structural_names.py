"""Names told by the structure of a message, whatever their words: the fragment a writer signs with at the very
end ("... is leaking again. Baker", "... bus pass. ximena le", "... ANGRY CUSTOMER BOB MILLER"), initials where a
writer signs ("... out again. JW", "DJ here, ...", "T.J. from ..."), the word a message opens with before "here",
a colon or a dash ("Pops here", "hodan: ..."), nicknames ("Big Dre", "lil marco"), self-introductions ("hey it's
Cricket from ..."), a word after a lower-case title ("ms. adebayo") and a capitalised word right after a family or
neighbour word ("my neighbor April", "mi tío Chucho").

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
    "yesterday soon later advise saludos gracias atentamente bendiciones porfa favor ayuda urgente".split()
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
# What follows the word a message opens with when it is its writer: "Pops here", "hodan:", "jt -", "T.J. from".
_OPENING_AFTER = re.compile(r"[ \t]{1,2}here\b|:|[ \t]{1,2}[-–—][ \t]| from\b")
_DOTTED = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,3}(?!\w)")
# Words that open a message before "here" without naming anyone ("Resident here", "Question here:").
_ROLES = frozenset(
    "resident residents neighbor neighbour neighbors homeowner homeowners tenant tenants renter landlord owner "
    "parent parents mom dad teacher nurse veteran senior newbie new question questions problem issue concern "
    "complaint info note me us we i you everything nothing something somebody".split()
)
_JUNIOR = frozenset("jr sr".split())
_SEASONS = frozenset("spring summer fall autumn winter".split())
_LOWER_TITLE = re.compile(r"(?:mrs|mr|ms|miss|dr)\.? ")
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
# A lower-case nickname's name, when an ordinary word too, must be this common ("lil marco", not "lil bit").
_LOWER_NICKNAME = 100
# A lower-case first name after "it's" that is an ordinary word too must be this common ("its will again").
_LOWER_INTRODUCED = 200
# How far into a message "it's" still introduces its writer.
_INTRODUCTION_REACH = 60
KIN = re.compile(
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


def _acronym(word: Word) -> bool:
    return word.shape == "upper" and len(word.text) <= 3  # "child DOB", "(NJ)"


def _excluded(word: Word) -> bool:
    return word.key in NOT_NAMES or word.key in MONTHS_AND_DAYS or word.key in CLOSINGS or word.shape == "other"


def _signature_run(words: list[Word], before_data: bool = False) -> bool:
    """Whether the words look like a signature: capitalised words (particles between them), or one lower-case
    listed first name; never a closing, acronym or place (a surname that is a place word may end it), nor a
    month unless other data follows it ("June, RR 2 Box 114")."""
    surname_particle = len(words) > 1 and 0 < getattr(gazetteer.names().get(words[-1].key), "last", 0) <= _ORDINARY_LAST
    if words[0].key in PARTICLES or (words[-1].key in PARTICLES and not surname_particle):
        return False  # "ximena le" ends in a surname
    if any(_excluded(word) and not (before_data and word.key in _MONTHS) for word in words):
        return False
    named = [word for word in words if word.key not in PARTICLES or word.capitalised]
    if words[0].shape == "lower":
        return _lower_signature(named)
    if any(not word.capitalised or _acronym(word) for word in named):
        return False
    places = [word for word in named if word.place]
    if places and (places != [named[-1]] or named[-1].key not in SURNAME_PLACES or len(named) < 2):
        return False  # "Public Works", "City Hall"; but "Jordan Fields"
    return all(_listed(word) for word in named if not word.place)


def _lower_signature(named: list[Word]) -> bool:
    """"... fix it. chase", "... bus pass. ximena le", "-aiyana ó súilleabháin": in lower case, a listed first
    name (no ordinary word when surnames follow it), then surnames that are no ordinary word or are common."""
    first, rest = named[0], named[1:]
    rank = getattr(gazetteer.names().get(first.key), "first", 0)
    if any(word.shape != "lower" for word in named) or not 0 < rank or len(first.text) < 3 or not _listed(first):
        return False
    return not rest or (not ordinary(first) and all(_listed(word) for word in rest))


def _shouted_suffix(text: str, words: list[Word], first: int, last: int) -> Span | None:
    """"... ANGRY CUSTOMER BOB MILLER": in a fragment in capitals, a listed first name and surnames at its end."""
    if any(word.shape != "upper" for word in words[first : last + 1]):
        return None
    for k in range(first + 1, last):
        head, tail = words[k], words[k + 1 : last + 1]
        if 0 < getattr(gazetteer.names().get(head.key), "first", 0) <= _ORDINARY_FIRST and all(
            0 < getattr(gazetteer.names().get(word.key), "last", 0) <= _ORDINARY_LAST for word in tail
        ):
            return Span(PiiKind.NAME, head.start, words[last].end)
    return None


def _apart(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \t")
    return before != "" and before[-1] in _SET_APART


def _final(text: str, words: list[Word], edges: frozenset[int]) -> list[Span]:
    """The fragment after a message's last sentence, when it looks like a signature: at the very end, or right
    before the data that ends the message."""
    for last in range(len(words) - 1, max(-1, len(words) - 1 - _MAX_FRAGMENT), -1):
        end = words[last].end
        gap = _BEFORE_DATA.match(text, end)
        before_data = gap is not None and gap.end() in edges
        if _ENDS.match(text, end) is None and not before_data:
            continue
        for first in range(last, max(-1, last - _MAX_FRAGMENT), -1):
            if first < last and not adjacent(text, words[first], words[first + 1]):
                break
            run = words[first : last + 1]
            if first == 0 or not _apart(text, words[first].start):
                continue
            if _signature_run(run, before_data) and not names_a_place(text, words, first, last):
                return [Span(PiiKind.NAME, words[first].start, end)]
            suffix = _shouted_suffix(text, words, first, last)
            if suffix is not None:
                return [suffix]
    return []


def _lone_initials(text: str, words: list[Word]) -> list[Span]:
    """Two or three capitals where a writer signs: after the last sentence, or first before "here"; initials
    with full stops ("T.J. from the yellow house")."""
    spans = []
    for dotted in _DOTTED.finditer(text):
        at_end = _apart(text, dotted.start()) and _ENDS.match(text, dotted.end()) is not None
        if at_end or (dotted.start() == 0 and _OPENING_AFTER.match(text, dotted.end())):
            spans.append(Span(PiiKind.NAME, dotted.start(), dotted.end()))
    for index in {0, len(words) - 1}:
        word = words[index]
        if not _INITIALS.fullmatch(word.text) or word.key in _ACRONYMS or _excluded(word):
            continue
        at_end = index > 0 and _apart(text, word.start) and _ENDS.match(text, word.end) is not None
        if (at_end and word.key not in gazetteer.common_words()) or (index == 0 and _HERE.match(text, word.end)):
            spans.append(Span(PiiKind.NAME, word.start, word.end))
    return spans


def _opening(text: str, word: Word) -> bool:
    """"Pops here, ...", "hodan: my dog got out", "jt - noise complaint": the word a message opens with, before
    "here", a colon or a dash: capitalised and no closing, role or place; in lower case a listed first name
    that is no ordinary word, or two or three letters that are no word ("jt")."""
    if _excluded(word) or word.place or word.key in _ROLES:
        return False
    if word.shape == "title":
        return _HERE.match(text, word.end) is not None
    if word.shape != "lower" or _OPENING_AFTER.match(text, word.end) is None or ordinary(word):
        return False
    initials = len(word.text) <= 3 and _OPENING_AFTER.match(text, word.end).group().strip() != ":"
    return initials or 0 < getattr(gazetteer.names().get(word.key), "first", 0)


def _introductions(text: str, words: list[Word], index_at: dict[int, int]) -> list[Span]:
    """"Moss here, ...", "hey it's Cricket from ...": a capitalised word that introduces the writer."""
    spans = []
    first = 1 if len(words) > 1 and words[0].key in _GREETING else 0
    if first < len(words) and _opening(text, words[first]):
        spans.append(Span(PiiKind.NAME, words[first].start, words[first].end))
    lowered = ascii_lower(text)
    for cue in _INTRODUCED.finditer(lowered, 0, _INTRODUCTION_REACH):
        i = index_at.get(cue.end())
        if i is None or not starts_word(lowered, cue.start()):
            continue
        if words[i].shape != "title" and not _lower_first(words[i]):
            continue
        word = words[i]
        if _excluded(word) or word.place or not _AFTER_INTRODUCED.match(text, word.end):
            continue
        spans.append(Span(PiiKind.NAME, word.start, word.end))
    return spans


def _lower_first(word: Word) -> bool:
    """"hey its will again": in lower case, a first name that no ordinary word is, or a very common one that is
    no adjective or verb form ("its cold again" and "its summer again" are no one)."""
    rank = getattr(gazetteer.names().get(word.key), "first", 0)
    if word.shape != "lower" or len(word.text) < 3 or word.key.endswith(("ing", "ed")) or word.key in _SEASONS:
        return False
    return 0 < rank and (not ordinary(word) or rank <= _LOWER_INTRODUCED)


def _month_as_name(text: str, word: Word) -> bool:
    """"my neighbor April": a month after a family word is a name unless a day follows ("my son June 5")."""
    return word.key in _MONTHS and not text[word.end : word.end + 3].strip()[:1].isdigit()


def _after_kin(text: str, words: list[Word], index_at: dict[int, int]) -> list[Span]:
    """A capitalised word right after a family or neighbour word: "my neighbor April", "tío Memo"."""
    spans = []
    lowered = ascii_lower(text)
    for cue in KIN.finditer(lowered):
        i = index_at.get(cue.end())
        if i is None or not starts_word(lowered, cue.start()) or not words[i].capitalised:
            continue
        word = words[i]
        if (_excluded(word) and not _month_as_name(text, word)) or word.place or _acronym(word):
            continue
        junior = i + 1 < len(words) and words[i + 1].key in _JUNIOR  # "my grandson Marcus Jr.", no place
        if junior or not names_a_place(text, words, i, i, frozenset()):
            spans.append(Span(PiiKind.NAME, word.start, word.end))
    return spans


def _after_lower_title(text: str, words: list[Word], index_at: dict[int, int]) -> list[Span]:
    """"it's ms. adebayo again": a title in lower case, then a word that is no ordinary word."""
    spans = []
    for cue in _LOWER_TITLE.finditer(text):
        i = index_at.get(cue.end())
        if i is not None and starts_word(text, cue.start()) and words[i].shape == "lower" and not ordinary(words[i]):
            if len(words[i].text) > 2 and not _excluded(words[i]):
                spans.append(Span(PiiKind.NAME, words[i].start, words[i].end))
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
        + _after_lower_title(text, words, index_at)
    )
