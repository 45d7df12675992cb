"""Names written in forms the word scan misses: initials ("R.J. Alvarez", "Ahanu E. Dubois", "J. St. John"), a
nickname in quotes ('Dwayne "Smoke" Jenkins'), and names in other scripts ("Ольга Смирнова", "我叫王小明").

The word scan of `names` skips a letter after a full stop, so initials would hide the surname after them. One or
more capital initials followed by a capitalised word are a person. Initials written together ("P.O. Box", "U.S.
Army", "D.C. Water") are mostly abbreviations, so the word after them must be no ordinary word; initials written
apart ("T. K. Brown", "P. Rose") are a person's whatever the surname, as long as it is listed as one, unless a
lone compass letter makes a street of it ("E. Pine"). A place named after someone ("Cesar E. Chavez Park")
goes on in another capitalised word or a place word. Cyrillic and Greek capitalise only
sentence starts and proper nouns, so two capitalised words in a row are a name; Chinese, Japanese and Korean
names are read after a naming cue ("我叫", "名前は", "제 이름은").
"""

from __future__ import annotations

import re

from bot.pii import gazetteer
from bot.pii.name_rules import known_key
from bot.pii.name_words import NAMESAKES, NOT_NAMES, PLACE_WORDS, SURNAME_PLACES
from bot.pii.spans import PiiKind, Span

_CAPITALISED = r"[A-Z][a-z][\w'’-]{1,30}"
# A surname after initials may be short ("T. F. Le") or in capitals ("M. FERNANDES"); a possessive is kept.
_SURNAME = r"[A-Z][a-z][\w'’-]{0,30}|[A-Z]{2}[A-Z'’-]{0,30}"
_INITIALED = re.compile(
    rf"(?<![\w.])(?:({_CAPITALISED}) )?((?:[A-Z]\. ?){{1,3}})"
    rf"((?:(?:van|von|de|del|da|di|le|la|du|St\.) ){{0,2}}({_SURNAME}))(?:['’]s)?"
    r"(?![\w'’-]|\.\w| [A-Z][a-z])"  # "Susan B. Anthony Park", "John F. Kennedy Center": part of a place's name
)
_COMPASS = frozenset("NSEW")
# "Marie St. Fleur", "Gerald St. Amand": "St." between a first name and a surname, not after a house number or
# a street's preposition ("12 Main St. Louis", "on Main St. Paul", "captain for Pearl St. Ivy ...").
_SAINT_SURNAME = re.compile(
    rf"(?<![\w.])({_CAPITALISED}) (?:St|Ste|Saint)\.? ({_CAPITALISED})(?:['’]s)?(?![\w'’-]| [A-Z][a-z])"
)
_STREET_BEFORE = re.compile(r"(?:\d|\b(?:on|at|near|off|of|in|from|to|for|by))[ \t]{1,2}\Z", re.IGNORECASE)
# Words after a name that make the run a place ("J. Smith Elementary", "E. PINE ST").
_NEXT_WORD = re.compile(r" ([A-Za-z]{2,12})\b")
_NICKNAME = re.compile(
    rf"(?<![\w.])({_CAPITALISED}) [\"“'(][A-Z][\w'’-]{{1,20}}(?: [A-Z][\w'’-]{{1,20}})?[\"”')] ({_CAPITALISED})"
)
_CYRILLIC_OR_GREEK = r"[А-ЯЁІЇЄҐΑ-Ω][а-яёіїєґα-ωά-ώ]{1,30}"
_OTHER_SCRIPT_PAIR = re.compile(rf"(?<!\w){_CYRILLIC_OR_GREEK}(?:-{_CYRILLIC_OR_GREEK})? {_CYRILLIC_OR_GREEK}(?!\w)")
_CJK_CUED = re.compile(
    r"(?:我叫|我的名字是|名字是|名字叫|姓名[:：]?|名前は|私は|わたしは|제 이름은|저는)\s{0,2}"
    r"([\u4e00-\u9fff]{2,4}|[\u30a0-\u30ff]{2,12}|[\uac00-\ud7af]{2,4}(?=입니다|이에요|예요|이고|\s|[,.!]|$))"
)


def _surname_like(word: str) -> bool:
    """No ordinary English word: "U.S. Army", "D.C. Water" and "P.O. Box" are no people."""
    return word.lower() not in gazetteer.common_words()


def _surname_after(initials: str, surname: str) -> bool:
    """Whether `surname` is one after these initials: any word that is no ordinary word; after initials written
    apart, also an ordinary word listed as a surname ("R. T. Green"), unless a lone compass letter before it
    names a street ("E. Pine") or the word is one no name is ("St", "Apt")."""
    key = surname.lower()
    if key in NAMESAKES or key in NOT_NAMES or (key in PLACE_WORDS and key not in SURNAME_PLACES):
        return False  # "Booker T. Washington", "W. Main St."
    if _surname_like(surname):
        return True
    letters = initials.replace(".", "").split()
    apart = len(letters) > 1 or len(letters[0]) == 1
    compass = len(letters) == 1 and letters[0] in _COMPASS
    return apart and not compass and 0 < getattr(gazetteer.names().get(key), "last", 0)


def _first_before(first: str) -> bool:
    """Whether the capitalised word before initials is a first name: listed as one at any rank ("Hunter B."),
    or no ordinary word; "Dear A. Koenig" starts at the initial."""
    key = first.lower()
    listed = 0 < getattr(gazetteer.names().get(key), "first", 0)
    return key not in NOT_NAMES and (listed or known_key(key, True) or _surname_like(first))


def _initialed(text: str) -> list[Span]:
    """Initials and the surname after them, with a first name before them when there is one."""
    if ". " not in text and not re.search(r"[A-Z]\.[A-Z]", text):
        return []
    spans = []
    for match in _INITIALED.finditer(text):
        if not _surname_after(match.group(2), match.group(4)):
            continue  # "U.S. Army", "Booker T. Washington"
        following = _NEXT_WORD.match(text, match.end())
        if following is not None and following.group(1).lower() in PLACE_WORDS:
            continue  # "E. PINE ST", "J. Smith Elementary"
        first = match.group(1)
        start = match.start() if first is None or _first_before(first) else match.end(1) + 1
        spans.append(Span(PiiKind.NAME, start, match.end()))
    return spans


def _saint_surnames(text: str) -> list[Span]:
    """A listed first name, "St." and a surname: the person, not the saint's church or town."""
    spans = []
    for match in _SAINT_SURNAME.finditer(text):
        first = match.group(1).lower()
        if first in PLACE_WORDS or first in NOT_NAMES or not 0 < getattr(gazetteer.names().get(first), "first", 0):
            continue
        street = _STREET_BEFORE.search(text, max(0, match.start() - 8), match.start())
        if match.group(2).lower() in PLACE_WORDS or street:
            continue
        spans.append(Span(PiiKind.NAME, match.start(), match.end()))
    return spans


def name_forms(text: str) -> list[Span]:
    """Names with initials or "St.", with a nickname in quotes, in Cyrillic or Greek capitals, or after a CJK
    cue."""
    spans = _initialed(text) + (_saint_surnames(text) if "St" in text else [])
    for match in _NICKNAME.finditer(text):
        if known_key(match.group(1).lower(), True) or _surname_like(match.group(2)):
            spans.append(Span(PiiKind.NAME, match.start(), match.end()))
    if not text.isascii():
        spans += [Span(PiiKind.NAME, m.start(), m.end()) for m in _OTHER_SCRIPT_PAIR.finditer(text)]
        spans += [Span(PiiKind.NAME, m.start(1), m.end(1)) for m in _CJK_CUED.finditer(text)]
    return spans
