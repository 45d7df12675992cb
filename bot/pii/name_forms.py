"""Names written in forms the word scan misses: initials ("R.J. Alvarez", "Ahanu E. Dubois", "J. St. John"), a
nickname in quotes ('Dwayne "Smoke" Jenkins'), and names in other scripts ("Ольга Смирнова", "我叫王小明").

The word scan of `names` skips a letter after a full stop, so initials would hide the surname after them. One or
more capital initials followed by a capitalised word that is no ordinary English word are a
person; "P.O. Box", "U.S. Army" and "D.C. Water" end in ordinary words and survive, and a place named after
someone ("Cesar E. Chavez Park") goes on in another capitalised word. Cyrillic and Greek capitalise only
sentence starts and proper nouns, so two capitalised words in a row are a name; Chinese, Japanese and Korean
names are read after a naming cue ("我叫", "名前は", "제 이름은").
"""

from __future__ import annotations

import re

from bot.pii import gazetteer
from bot.pii.name_rules import known_key
from bot.pii.name_words import NAMESAKES
from bot.pii.spans import PiiKind, Span

_CAPITALISED = r"[A-Z][a-z][\w'’-]{1,30}"
_INITIALED = re.compile(
    rf"(?<![\w.])(?:({_CAPITALISED}) )?(?:[A-Z]\. ?){{1,3}}"
    rf"((?:(?:van|von|de|del|da|di|le|la|du|St\.) ){{0,2}}({_CAPITALISED}))"
    r"(?![\w'’-]|\.\w| [A-Z][a-z])"  # "Susan B. Anthony Park", "John F. Kennedy Center": part of a place's name
)
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


def _initialed(text: str) -> list[Span]:
    """Initials and the surname after them, with a first name before them when there is one."""
    if ". " not in text and not re.search(r"[A-Z]\.[A-Z]", text):
        return []
    spans = []
    for match in _INITIALED.finditer(text):
        if not _surname_like(match.group(3)) or match.group(3).lower() in NAMESAKES:
            continue  # "U.S. Army", "Booker T. Washington"
        first = match.group(1)
        named = first is None or known_key(first.lower(), True) or _surname_like(first)
        start = match.start() if named else match.end(1) + 1  # "Dear A. Koenig": "Dear" is no first name
        spans.append(Span(PiiKind.NAME, start, match.end()))
    return spans


def name_forms(text: str) -> list[Span]:
    """Names with initials, with a nickname in quotes, in Cyrillic or Greek capitals, or after a CJK cue."""
    spans = _initialed(text)
    for match in _NICKNAME.finditer(text):
        if known_key(match.group(1).lower(), True) or _surname_like(match.group(2)):
            spans.append(Span(PiiKind.NAME, match.start(), match.end()))
    if not text.isascii():
        spans += [Span(PiiKind.NAME, m.start(), m.end()) for m in _OTHER_SCRIPT_PAIR.finditer(text)]
        spans += [Span(PiiKind.NAME, m.start(1), m.end(1)) for m in _CJK_CUED.finditer(text)]
    return spans
