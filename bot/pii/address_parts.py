"""The parts every address shape shares: house numbers, units, and the town, state and ZIP code after a street,
with the checks that keep a person named after an address from being read as its town."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.pii.gazetteer import common_words, fold, names
from bot.pii.plate_shapes import STATE as _STATE_CODES
from bot.pii.spans import DIGIT

_STATE_CODE = re.compile(_STATE_CODES)

HOUSE_NUMBER = r"\d{1,6}[a-z]?(?:-\d{1,4})?(?: [1-3]/[2-4])?"  # "361 1/2"
# Floors written as ordinals in Spanish and English ("1er piso", "segundo piso", "second floor").
_FLOOR = (
    r"\d{1,2}(?:er|ero|do|da|ro|ra|to|ta|vo|va|mo|no|o|a|°|º)\.? (?:piso|planta)\b"
    r"|(?:primer|primero|segundo|tercer|tercero|cuarto|quinto|sexto) piso\b|planta baja\b|s[oó]tano\b"
    r"|(?:first|second|third|fourth|fifth|sixth|ground|top) (?:floor|fl)\b\.?"
)
UNIT = (
    r"(?:(?:units|apts) \d{1,4}(?:-\d{1,4})?|(?:apto|apartamento|depto|dpto)\.? ?#? ?[a-z0-9]{1,5}"
    r"|(?:apt|apartment|unit|suite|ste|rm|room|bldg|building|fl|floor|lot|space|spc|trlr|trailer|flat|int"
    r"|interior|bloque|blq|piso|lote|slip|berth|dock|stall|site|no(?=[.\s#]))\.?\s?#?\s?"
    r"(?=[a-z]?\d|[a-z]\b)[a-z0-9]{1,5}(?:-[a-z0-9]{1,4})?"
    rf"|#\s?[a-z0-9]{{1,5}}(?:-[a-z0-9]{{1,4}})?|\d{{1,2}}(?:st|nd|rd|th) (?:fl|floor)\b\.?|{_FLOOR}"
    r"|(?:basement|bsmt|upstairs|downstairs|rear|front|lower|upper)(?: (?:unit|apt|floor|fl))?)"
)
# After the street: ", Eastgate", ", North Harborview 48214", " millbrook 48226", ", IL 62704", " 48224".
_ZIP = r"\d{5}(?:-\d{4})?\b"
_CITY_WORD = r"(?-i:(?:St|Ste|Ft|Mt)\. [A-Z][a-z]{1,20}|[A-Z][a-z]{1,20}|[A-Z]{2,20})\b"  # "St. Louis"
_LOWER_CITY_WORD = r"(?!(?:and|or|at|in|on|near|by|the|to|from|since|for)\b)(?-i:[a-z]{2,20})"
# States written out between the town and the ZIP code ("Harborview, Massachusetts 02137").
STATE_NAMES = frozenset(
    "alabama,alaska,arizona,arkansas,california,colorado,connecticut,delaware,florida,georgia,hawaii,idaho,illinois"
    ",indiana,iowa,kansas,kentucky,louisiana,maine,maryland,massachusetts,michigan,minnesota,mississippi,missouri"
    ",montana,nebraska,nevada,new hampshire,new jersey,new mexico,new york,north carolina,north dakota,ohio"
    ",oklahoma,oregon,pennsylvania,rhode island,south carolina,south dakota,tennessee,texas,utah,vermont"
    ",virginia,washington,west virginia,wisconsin,wyoming,district of columbia,puerto rico".split(",")
)
_STATE_NAMES = "|".join(sorted(STATE_NAMES, key=len, reverse=True))
_STATE = rf"(?:[A-Z]{{2}}|(?i:{_STATE_NAMES}))"
CITY_AND_ZIP = (
    rf"(?:,? {_ZIP}|,(?: {_CITY_WORD}){{1,3}}(?:,? {_STATE}\b)?(?:,? {_ZIP})?"
    rf"|,? {_LOWER_CITY_WORD}(?: {_LOWER_CITY_WORD})?,? (?:(?:[a-z]{{2}}|{_STATE_NAMES}),? )?{_ZIP}"
    rf"|(?: {_CITY_WORD}){{1,3}},? (?:{_STATE},? )?{_ZIP})"
)

_AFTER_STREET = re.compile(rf"(?i){CITY_AND_ZIP}")
# A town named after the street with no comma or ZIP ("5659 Dogwood ln Harborview Heights"): capitalised words
# that are not ordinary English, or a direction before one.
_TRAILING_TOWN = re.compile(
    r"(?i),?(?: (?:north|south|east|west|new|lake|port|fort|mount|saint))?(?: [a-z]{3,20}){1,2}(?![\w'@-]|\.\w)"
)


_FIRST_NAME_NOT_TOWN = 1000
_TOWN_WORDS = frozenset(
    "north south east west new lake port fort mount saint heights park hills city barrio colonia col urb villa san "
    "santa st ft mt".split()
)


@lru_cache(maxsize=4096)
def _named(word: str) -> bool:
    """Whether a word after a street is a person's name rather than a town: a common first name, or a listed
    surname that is no ordinary word ("... Apt 2 Tiva Begay")."""
    rank = names().get(fold(word))
    if rank is None:
        return False
    first = 0 < rank.first <= _FIRST_NAME_NOT_TOWN
    return first or (0 < rank.last and word.lower() not in common_words() and word.lower() not in _TOWN_WORDS)


def with_town(text: str, end: int) -> int:
    town = _TRAILING_TOWN.match(text, end)
    if town is None:
        return end
    words = town.group(0).split()
    if any(word.lower() in common_words() for word in words[-2:] if word.lower() not in _TOWN_WORDS):
        return end
    if any(_named(word) for word in words):
        return end  # "9653 South Sunset st. Fabiola Jean-Louis": a signature, not a town
    return town.end()


def with_zip(text: str, end: int) -> int:
    """The address's end past its town, state and ZIP code (a person set off by commas is no town)."""
    town = _AFTER_STREET.match(text, end)
    return end if town is None or person_not_town(town.group(0)) else town.end()


@lru_cache(maxsize=4096)
def person_not_town(town: str) -> bool:
    """Whether what follows a street as its town, with no ZIP code, holds a first name: a person set off by
    commas ("24538 S 3rd ln, Dong-hyun Kim, is elderly"); a town word makes it a town ("Barrio Logan")."""
    if any(word.lower().rstrip(".") in _TOWN_WORDS for word in town.replace(",", " ").split()):
        return False
    return DIGIT.search(town) is None and any(
        0 < getattr(names().get(fold(part)), "first", 0) <= _FIRST_NAME_NOT_TOWN
        for word in town.replace(",", " ").split()
        if not _STATE_CODE.fullmatch(word)  # "Seattle WA": a state's code in capitals, not the name "Wa"
        for part in word.split("-")
    )

