"""Names told by where a sentence or a form puts them, whatever their words: a form's name field ("Name: harmony
lee"), the one who said or asked something at a sentence's start ("Dawn said ..."), a lower-case name and initial
or surname where a writer signs ("kofi b from the 2nd floor", "ivy nakashima / 206-..."), a lower-case surname
after a family word ("my uncle rodrigo blackfeather"), an unlisted name and initial before data ("Reyansh P.,
rp@..."), a message opening with a name before a dash ("Wapun Little Elk - ..."), a surname first after "under"
("account under Adeyemi, Tunde"), a first name with particles ("Rosa de la Vega"), a title before a surname that is a place word ("Ms. Field"), and an unlisted
name joined to a family ("Taini and his grandma ...").

Why: the list rules ask whether a word is a name; residents' names of many origins are in no list, many are
ordinary words ("Dawn", "Summer"), and lower case hides the rest. The position says more than the word: a speech
verb after a sentence's first word, a form's label, a family word or a title before it.
"""

from __future__ import annotations

import re

from bot.pii import gazetteer
from bot.pii.name_rules import ordinary
from bot.pii.name_words import MONTHS_AND_DAYS, NOT_NAMES, PLACE_FIRST_NAMES, Word, adjacent
from bot.pii.spans import PiiKind, Span, ascii_lower, starts_word
from bot.pii.structural_names import KIN

_NAME_WORD = r"[^\W\d_][^\W\d_'’.-]{0,30}"
# A form's name field on a line of its own: "Name: sunshine wong", "Nombre completo: ...".
_FIELD = re.compile(
    r"(?m)^[ \t]{0,4}(?:(?:full|resident|client|patient|applicant|contact|your|owner|tenant|caller|first and last)"
    rf" )?(?:name|nombre(?: completo)?)[ \t]{{0,3}}:[ \t]{{0,3}}({_NAME_WORD}(?:[ \t]{{1,2}}{_NAME_WORD}){{0,4}})"
    r"[ \t]*(?=\n|\Z|[,|/;])"
)
_NO_NAME = frozenset("n/a na none same anonymous unknown withheld private".split())
_SAYS = re.compile(
    r"[ \t](?:said|says|told|asked|called|mentioned|texted|emailed|wrote|promised|explained|dijo|llam[oó]"
    r"|pregunt[oó]|me dijo)\b"
)
# Words that open a sentence before "said" without being a name.
_NOT_SPEAKERS = frozenset(
    "mom mum dad mother father ma pa grandma grandpa nana papa mama boss landlord manager staff someone somebody "
    "nobody everyone everybody security maintenance dispatch police he she they we it".split()
)
# After a lower-case name where a writer signs: "kofi b from", "ivy nakashima / ...", "pearl odukoya, DOB".
_SIGNED_AFTER = re.compile(r"[ \t]{0,2}(?:/|,|\||[-–—][ \t]|from\b|here\b)")
_DASH_AFTER = re.compile(r"[ \t]{1,2}[-–—][ \t]")
_INITIAL_TO_DATA = re.compile(r"\.,?[ \t]{1,2}")
_UNDER = re.compile(r"(?:under|in the name of|a nombre de) ([A-Z][\w'’-]{1,24}),? ([A-Z][\w'’-]{1,24})\b")
_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Mx|Miss|Dr)\.? ([A-Z][a-z'’-]{1,24})\b(?![ \t]{1,2}[A-Z])")
_JOINED_KIN = re.compile(r" and (?:his|her|their|my) ")
_MAX_RUN = 4
# "Client Rosa de la Vega, DOB ...": a first name, particles and a capitalised surname, no place word after.
_PARTICLED = re.compile(
    r"([A-Z][a-z'’]{1,20}) (?:de|del|da|van|von|di|du|dos|das)(?: (?:la|las|los|der|den))? [A-Z][a-z'’]{1,24}\b"
    r"(?![ \t]{1,2}[A-Z])"
)


def _sentence_start(text: str, start: int) -> bool:
    """Whether `start` opens the message, a line or a sentence."""
    j = start
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    return j == 0 or text[j - 1] in ".!?\n:"


def _first_rank(word: Word) -> int:
    return getattr(gazetteer.names().get(word.key), "first", 0)


def _unknown(word: Word) -> bool:
    """A capitalised word that is no ordinary word, month or place ("Tallulah", "Adeyemi")."""
    return word.capitalised and not ordinary(word) and not word.place and word.key not in MONTHS_AND_DAYS


def _speaker(text: str, words: list[Word], i: int) -> Span | None:
    word = words[i]
    if word.shape != "title" or not _SAYS.match(text, word.end) or word.key in _NOT_SPEAKERS:
        return None
    if word.key in NOT_NAMES or word.key in PLACE_FIRST_NAMES or word.key == "may":
        return None
    return Span(PiiKind.NAME, word.start, word.end) if _first_rank(word) or _unknown(word) else None


def _lower_signed(text: str, words: list[Word], i: int) -> Span | None:
    first = words[i]
    if i + 1 >= len(words) or first.shape != "lower" or len(first.text) < 3 or not _first_rank(first):
        return None
    second = words[i + 1]
    if second.shape != "lower" or not adjacent(text, first, second) or second.key in NOT_NAMES:
        return None
    fits = len(second.text) == 1 or not ordinary(second) or (not ordinary(first) and len(second.text) <= 3)
    return Span(PiiKind.NAME, first.start, second.end) if fits and _SIGNED_AFTER.match(text, second.end) else None


def _initial_before_data(text: str, words: list[Word], i: int, edges: frozenset[int]) -> Span | None:
    word = words[i]
    if i + 1 >= len(words) or not _unknown(word) or word.shape != "title" or len(word.text) < 3:
        return None
    initial = words[i + 1]
    if len(initial.text) != 1 or not initial.text.isupper() or text[word.end : initial.start] != " ":
        return None
    after = _INITIAL_TO_DATA.match(text, initial.end)
    return Span(PiiKind.NAME, word.start, initial.end + 1) if after and after.end() in edges else None


def _opening_run(text: str, words: list[Word]) -> Span | None:
    """"Wapun Little Elk - ...": an unknown first word, then capitalised words, then a dash."""
    if not words or words[0].start != len(text) - len(text.lstrip()) or not _unknown(words[0]):
        return None
    last = 0
    while last + 1 < min(len(words), _MAX_RUN) and adjacent(text, words[last], words[last + 1]):
        following = words[last + 1]
        if not following.capitalised or following.place or following.key in NOT_NAMES | MONTHS_AND_DAYS:
            break
        last += 1
    if last == 0 or not _DASH_AFTER.match(text, words[last].end):
        return None
    return Span(PiiKind.NAME, words[0].start, words[last].end)


def _lower_after_kin(text: str) -> list[Span]:
    """"my uncle rodrigo blackfeather": a listed first name, then a lower-case word no list or dictionary knows."""
    lowered = ascii_lower(text)
    spans = []
    for cue in KIN.finditer(lowered):
        pair = re.match(r"([a-z]{3,20}) ([a-z]{3,25})\b", text[cue.end() : cue.end() + 50])
        if not starts_word(lowered, cue.start()) or pair is None:
            continue
        first, second = pair.group(1), pair.group(2)
        common = gazetteer.common_words()
        listed = getattr(gazetteer.names().get(first), "first", 0) and first not in common  # not "still hasn't"
        if listed and second not in common and second not in NOT_NAMES:
            spans.append(Span(PiiKind.NAME, cue.end(), cue.end() + pair.end()))
    return spans


def _written_words(text: str, pattern: re.Pattern[str], groups: tuple[int, ...]) -> list[Span]:
    """Spans of `pattern`'s `groups` when each is no ordinary word or place word."""
    common, spans = gazetteer.common_words(), []
    for match in pattern.finditer(text):
        parts = [part for group in groups for part in match.group(group).lower().split("-")]
        if all(part not in common and part not in NOT_NAMES for part in parts):
            spans.append(Span(PiiKind.NAME, match.start(groups[0]), match.end(groups[-1])))
    return spans


def _titled(text: str) -> list[Span]:
    """"Ms. Field", "Dr. Park said": a title and one capitalised word, whatever the word; not "King Dr. Park"."""
    spans = []
    for match in _TITLE.finditer(text):
        before = text[max(0, match.start() - 2) : match.start()]
        if starts_word(text, match.start()) and not (match.group(0).startswith("Dr") and before[:1].isalpha()):
            spans.append(Span(PiiKind.NAME, match.start(1), match.end(1)))
    return spans


# "Dia de los Muertos", "Día de la Madre": a day names a holiday; states and cities name places.
_NOT_FIRST = NOT_NAMES | PLACE_FIRST_NAMES | frozenset("dia dias noche fiesta feliz".split())


def _particled(text: str, words: list[Word]) -> list[Span]:
    spans = []
    for match in _PARTICLED.finditer(text):
        key = gazetteer.fold(match.group(1))
        if getattr(gazetteer.names().get(key), "first", 0) and key not in _NOT_FIRST:
            spans.append(Span(PiiKind.NAME, match.start(), match.end()))
    return spans


def opening_names(text: str, words: list[Word], edges: frozenset[int]) -> list[Span]:
    """Names found by the position rules above; `edges` are where other personal data starts and ends."""
    spans = [Span(PiiKind.NAME, *match.span(1)) for match in _FIELD.finditer(ascii_lower(text))
             if match.group(1).strip().lower() not in _NO_NAME]
    for i, word in enumerate(words):
        if not _sentence_start(text, word.start):
            continue
        if _unknown(word) and word.shape == "title" and _JOINED_KIN.match(text, word.end):
            spans.append(Span(PiiKind.NAME, word.start, word.end))  # "Taini and his grandma ..."
        for found in (_speaker(text, words, i), _lower_signed(text, words, i),
                      _initial_before_data(text, words, i, edges)):
            if found is not None:
                spans.append(found)
    opening = _opening_run(text, words)
    spans += [opening] if opening else []
    spans += _lower_after_kin(text) + _particled(text, words)
    return spans + _written_words(text, _UNDER, (1, 2)) + _titled(text)
