"""Street addresses, with their unit ("apt 4B", "unit 212", "#3R", "2nd fl"), and units mentioned alone.

A house number, one to four words and a street type make an address ("1234 Elm Street", "56 W 3rd Ave");
a street named without a number ("pothole on Elm Street") is a place, not a resident's home, and survives.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.pii.gazetteer import common_words, fold, names
from bot.pii.spans import DIGIT, PiiKind, Span, ascii_lower, starts_word


def _by_first_letter(words: str) -> str:
    """An alternation of `words` grouped by first letter ("s(?:treet|t|q)|a(?:ve|v)"): `re` tries alternatives one
    by one, and on 100 kB a flat list of sixty suffixes costs twice the scan of a grouped one."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words.split(), key=len, reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


# USPS street suffixes and their abbreviations (Publication 28, appendix C1), the more common ones.
_SUFFIXES = (
    "street st avenue ave av road rd lane ln drive dr boulevard blvd court ct place pl plaza way terrace terr ter"
    " circle cir parkway pkwy highway hwy square sq trail trl alley aly pike crescent cres pt crossing xing"
    " expressway expy freeway fwy turnpike tpke cove cv ridge rdg hollow holw knoll landing lndg manor mews oval"
    " spur heights hts estates grove glen crest junction jct ranch summit vista vis"
)
_ABBREVIABLE_TYPES = _by_first_letter(_SUFFIXES)
# The suffixes that are also ordinary words ("run", "loop", "walk") count only capitalised; those that name
# public places more often than homes (Park, Station, Field, Garden, Village, Green) are left out.
_WORD_TYPES = (
    "Run Loop Row Bend Trace Pass Path Walk Point Hill Hills Creek Meadow Meadows Orchard View Shores Shore Springs"
    " Ferry Ford Harbor Haven Valley Woods Wood"
)
_STREET_TYPES = rf"(?:{_ABBREVIABLE_TYPES}|(?-i:{_by_first_letter(_WORD_TYPES)}))"
_HOUSE_NUMBER = r"\d{1,6}[a-z]?(?:-\d{1,4})?(?: [1-3]/[2-4])?"  # "361 1/2"
_UNIT = (
    r"(?:(?:units|apts) \d{1,4}(?:-\d{1,4})?|(?:apto|apartamento|depto|dpto)\.? ?#? ?[a-z0-9]{1,5}"
    r"|(?:apt|apartment|unit|suite|ste|rm|room|bldg|building|fl|floor|lot|space|spc|no(?=[.\s#]))\.?\s?#?\s?"
    r"(?=[a-z]?\d|[a-z]\b)[a-z0-9]{1,5}(?:-[a-z0-9]{1,4})?"
    r"|#\s?[a-z0-9]{1,5}(?:-[a-z0-9]{1,4})?|\d{1,2}(?:st|nd|rd|th) (?:fl|floor)\b\.?"
    r"|(?:basement|bsmt|upstairs|downstairs|rear|front|lower|upper)(?: (?:unit|apt|floor|fl))?)"
)
# After the street: ", Eastgate", ", North Harborview 48214", " millbrook 48226", ", IL 62704", " 48224".
_ZIP = r"\d{5}(?:-\d{4})?\b"
_CITY_WORD = r"(?-i:[A-Z][a-z]{1,20}|[A-Z]{2,20})\b"
_LOWER_CITY_WORD = r"(?!(?:and|or|at|in|on|near|by|the|to|from|since|for)\b)(?-i:[a-z]{2,20})"
_CITY_AND_ZIP = (
    rf"(?:,? {_ZIP}|,(?: {_CITY_WORD}){{1,3}}(?:,? [A-Z]{{2}}\b)?(?:,? {_ZIP})?"
    rf"|,? {_LOWER_CITY_WORD}(?: {_LOWER_CITY_WORD})?,? (?:[a-z]{{2}},? )?{_ZIP}"
    rf"|(?: {_CITY_WORD}){{1,3}},? (?:[A-Z]{{2}},? )?{_ZIP})"
)
_WORD = r"(?!(?:on|at|of|in|near|by|block|and|from|to|the|for|since|between|across)\b)[a-z0-9'-]{1,30}"
_ADDRESS = re.compile(
    rf"(?i)(?<![$.,/-])\b{_HOUSE_NUMBER}(?: (?:[nsew]|ne|nw|se|sw|north|south|east|west)\.?)?"
    rf"(?: {_WORD}){{1,4}} {_STREET_TYPES}\b\.?"
    rf"(?: (?:[nsew]|ne|nw|se|sw)\b\.?)?"
    rf"(?:,? {_UNIT}\b){{0,2}}"
    rf"(?P<town>{_CITY_AND_ZIP})?"
)
# A unit alone ("I'm in apt 4B", "unit 212 has no heat"): its cue is specific enough; the number must hold
# a digit so that "unit of measure" or "suite is" survive.
# Where a resident gives their home without a street type ("I live at 4521 N. Kedzie, 2nd floor"): after
# the cue, a house number and up to four capitalised or numbered words.
_HOME_CUE = re.compile(
    r"(?:i live at|i live on|lives at|living at|my address is|address is|address:|my address|home address"
    r"|mailing address|my house is|i'm at|im at|we're at|we are at|located at|reside at|vivo en|house at"
    r"|home at|live at|lives on)\s{1,3}(?=\d)"
)
_HOME = re.compile(
    rf"{_HOUSE_NUMBER}(?: (?:[NSEW]\.?|[A-Z][A-Za-z'-]{{1,20}}\.?|\d{{1,3}}(?:st|nd|rd|th))(?![\w'-])){{1,4}}"
    rf"(?:,? {_UNIT}\b){{0,2}}",
    re.IGNORECASE,
)
# The scan runs on the lower-cased copy and so finds the capitalised suffixes in lower case; `_ADDRESS` decides.
_STREET_WORD = re.compile(rf"(?:{_by_first_letter(_SUFFIXES + ' ' + _WORD_TYPES.lower())})\b")
# How far before a street word its house number may be, and after it its unit, town and ZIP code.
_STREET_LEAD = 140
_STREET_TAIL = 140
_UNIT_ALONE = re.compile(
    r"(?:apt|apartment|apartamento|apto|unit|suite|ste|bldg|depto|departamento)\.?\s?#?\s?(?=[a-z]?\d)"
    r"[a-z0-9]{1,5}(?:-[a-z0-9]{1,4})?\b"
    r"|#(?<![\w#]#)\s?\d{1,4}[A-Za-z]\b|#(?<=\bin #)\s?\d{1,4}\b"
)
# Spanish forms, the street word first: "22 calle Maple apt 3", "Calle Ocho 1520", "415 Avenida Central".
_CALLE = (
    r"(?:calle|avenida|avda\.?|av\.|camino|paseo|carretera|callejon|callejón) (?-i:[A-Z][\w'-]{1,30}|\d{1,3})"
    r"(?: (?-i:[A-Z][\w'-]{1,30}))?"
)
_SPANISH_STREET = re.compile(
    rf"(?i)(?<![\w$.,-])(?:\d{{1,6}}[a-z]?,? {_CALLE}|{_CALLE},? (?:#|no\.? ?|n[uú]mero )?\d{{1,6}}[a-z]?\b)"
    rf"(?:,? {_UNIT}\b){{0,2}}"
)
# A house number, a compass direction and a street's name, as grid cities write them ("1418 W Belmont",
# "911 S. Wabash"): the direction marks an address even without a street type; after a preposition, a comma
# or at the start, so that a bus route ("take the 147 N Sheridan") survives.
_GRID = re.compile(
    r"\d{1,6} (?:[NSEW]\.?|North|South|East|West) [A-Z][a-z]{2,20}\b"
    rf"(?i:(?:,? {_UNIT}\b){{0,2}})(?P<town>(?i:{_CITY_AND_ZIP}))?"
)
_GRID_AFTER = frozenset("at on of near from to is by in address".split())
_GRID_BUDGET = 200
_PO_BOX = re.compile(r"p\.?\s?o\.?\s?box\s?#?\s?\d{1,6}\b")
# Rural routes and highway contract routes, with their box: "RR 2 Box 14", "HC 3 Box 50", "Rural Route 3".
_ROUTE = re.compile(r"(?:rr|hcr?|rural route|star route)\.? ?#? ?\d{1,4}\b(?:,? box ?#? ?\d{1,6}\b)?")
_HOUSE_BEFORE = re.compile(r"\d{1,6} \Z")
# The three cued shapes in one pass over the lower-cased text. Each starts with a literal, so that `re` can
# skip ahead by first character (several times faster on 100 kB); the word boundary before a cue word is
# checked afterwards.
_CUED = re.compile(
    rf"(?P<unit>{_UNIT_ALONE.pattern})|(?P<box>{_PO_BOX.pattern}|{_ROUTE.pattern})|(?P<home>{_HOME_CUE.pattern})"
)
_AFTER_STREET = re.compile(rf"(?i){_CITY_AND_ZIP}")
# A town named after the street with no comma or ZIP ("5659 Dogwood ln Harborview Heights"): capitalised words
# that are not ordinary English, or a direction before one.
_TRAILING_TOWN = re.compile(
    r"(?i),?(?: (?:north|south|east|west|new|lake|port|fort|mount|saint))?(?: [a-z]{3,20}){1,2}(?![\w'@-]|\.\w)"
)


_FIRST_NAME_NOT_TOWN = 1000
_TOWN_WORDS = frozenset("north south east west new lake port fort mount saint heights park hills city".split())


@lru_cache(maxsize=4096)
def _named(word: str) -> bool:
    """Whether a word after a street is a person's name rather than a town: a common first name, or a listed
    surname that is no ordinary word ("... Apt 2 Tiva Begay")."""
    rank = names().get(fold(word))
    if rank is None:
        return False
    first = 0 < rank.first <= _FIRST_NAME_NOT_TOWN
    return first or (0 < rank.last and word.lower() not in common_words() and word.lower() not in _TOWN_WORDS)


def _with_town(text: str, end: int) -> int:
    town = _TRAILING_TOWN.match(text, end)
    if town is None:
        return end
    words = town.group(0).split()
    if any(word.lower() in common_words() for word in words[-2:] if word.lower() not in _TOWN_WORDS):
        return end
    if any(_named(word) for word in words):
        return end  # "9653 South Sunset st. Fabiola Jean-Louis": a signature, not a town
    return town.end()


def _with_zip(text: str, end: int) -> int:
    """The address's end past its town, state and ZIP code (a person set off by commas is no town)."""
    town = _AFTER_STREET.match(text, end)
    return end if town is None or _person_not_town(town.group(0)) else town.end()


@lru_cache(maxsize=4096)
def _person_not_town(town: str) -> bool:
    """Whether what follows a street as its town, with no ZIP code, holds a first name: a person set off by
    commas ("24538 S 3rd ln, Dong-hyun Kim, is elderly")."""
    return DIGIT.search(town) is None and any(
        0 < getattr(names().get(fold(part)), "first", 0) <= _FIRST_NAME_NOT_TOWN
        for word in town.replace(",", " ").split()
        for part in word.split("-")
    )


def _streets(text: str) -> list[Span]:
    """Addresses, looked for only in windows around street-type words: a page of house numbers with no street
    costs one scan for the words, not an attempt at every number."""
    spans: list[Span] = []
    scanned = 0
    lowered = ascii_lower(text)
    for street in _STREET_WORD.finditer(lowered):
        if street.end() <= scanned or not starts_word(lowered, street.start()):
            continue
        start, end = max(scanned, street.start() - _STREET_LEAD), min(len(text), street.end() + _STREET_TAIL)
        for match in _ADDRESS.finditer(text, start, end):
            town = match.group("town")
            end = match.start("town") if town and _person_not_town(town) else match.end()
            spans.append(Span(PiiKind.ADDRESS, match.start(), _with_town(text, end)))
            scanned = max(scanned, match.end())
        scanned = max(scanned, street.end())
    return spans


def _cued(text: str) -> list[Span]:
    """Units alone ("apt 4B"), PO boxes and rural routes with their town and ZIP, and homes after "I live at"."""
    spans = []
    lowered = ascii_lower(text)
    for match in _CUED.finditer(lowered):
        if lowered[match.start()] != "#" and not starts_word(lowered, match.start()):
            continue  # "capt 4" is no "apt 4"
        if match.lastgroup == "unit":
            spans.append(Span(PiiKind.ADDRESS, match.start(), match.end()))
        elif match.lastgroup == "box":
            house = _HOUSE_BEFORE.search(text, max(0, match.start() - 7), match.start())  # "12 Rural Route 3"
            start = match.start() if house is None else house.start()
            spans.append(Span(PiiKind.ADDRESS, start, _with_zip(text, match.end())))
        elif home := _HOME.match(text, match.end()):
            spans.append(Span(PiiKind.ADDRESS, home.start(), _with_zip(text, home.end())))
    return spans


_SPANISH_WORDS = ("calle", "avenida", "avda", "av.", "camino", "paseo", "carretera", "callej")


def _spanish(text: str) -> list[Span]:
    """Streets written the Spanish way, found only where a Spanish street word occurs."""
    lowered = ascii_lower(text)
    if not any(word in lowered for word in _SPANISH_WORDS):
        return []
    return [Span(PiiKind.ADDRESS, m.start(), _with_zip(text, m.end())) for m in _SPANISH_STREET.finditer(text)]


def _grid(text: str) -> list[Span]:
    """Grid addresses after a preposition, a comma or at the start.

    Note: a message holds a handful; past `_GRID_BUDGET` (hostile input) the scan stops, because thousands of
    spans would cost more than the 100 ms bound, and a street type, a home cue or a unit still finds the rest.
    """
    spans: list[Span] = []
    for match in _GRID.finditer(text):
        if len(spans) >= _GRID_BUDGET:
            break
        before = text[max(0, match.start() - 9) : match.start()]
        if before[-1:].isalnum() or before[-1:] in ("$", ".", ",", "-"):
            continue  # inside a longer number: "12345 N Main" read from "345"
        before = before.rstrip()
        if before and before[-1] != "," and before.rpartition(" ")[2].lower() not in _GRID_AFTER:
            continue
        town = match.group("town")
        end = match.start("town") if town and _person_not_town(town) else match.end()
        spans.append(Span(PiiKind.ADDRESS, match.start(), end))
    return spans


def addresses(text: str) -> list[Span]:
    return _streets(text) + _spanish(text) + _grid(text) + _cued(text)
