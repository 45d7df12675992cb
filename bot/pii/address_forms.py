"""Addresses without a USPS street type after the name: grid addresses ("1418 W Belmont"), streets written
street word first ("Calle Ocho 1520", "71 Rue Bourbon", "1209 Ave. C", "el 23 de la calle Pine"), a house number
and a street's name after "at" or "from" ("the guy at 502 Pine"), a street and its number ("on Birchwood,
number 12"), and an apartment named by its number alone where the message speaks of a building ("in 2B")."""

from __future__ import annotations

import re

from bot.pii.address_parts import CITY_AND_ZIP, UNIT, person_not_town, with_zip
from bot.pii.spans import PiiKind, Span, ascii_lower, starts_word

# Spanish forms, the street word first: "22 calle Maple apt 3", "Calle Ocho 1520", "415 Avenida Central".
_CALLE = (
    r"(?:calle|avenida|avda\.?|av\.|ave\.?|avenue|camino|paseo|carretera|callejon|callejón|rue|rua|via) "
    r"(?:(?:del|de la|de los|de las|de) )?(?-i:[A-Z][\w'-]{0,30}|\d{1,3})"
    r"(?: (?!(?:apt|unit|suite|ste|flat|int|no)\b)(?-i:[A-Z][\w'-]{1,30}))?"
)
# "Urb. Villa Carolina, ...", as Puerto Rico writes a neighbourhood before its street.
_URBANIZACION = r"(?:urb(?:anizaci[oó]n)?\.? (?-i:[A-Z][\w'-]{1,30})(?: (?-i:[A-Z][\w'-]{1,30}))?, )?"
_SPANISH_STREET = re.compile(
    rf"(?i)(?<![\w$.,-])(?:(?:(?:el|la) )?\d{{1,6}}[a-z]?(?:,| de la)? {_CALLE}(?: \d{{1,6}}[a-z]?\b)?"
    rf"|{_URBANIZACION}{_CALLE}(?:,? (?:#|no\.? ?|n[uú]mero )?\d{{1,6}}[a-z]?\b|(?=,? {UNIT}\b)))"
    rf"(?:,? {UNIT}\b){{0,2}}"
)
# A house number, a compass direction and a street's name, as grid cities write them ("1418 W Belmont",
# "911 S. Wabash", "2100 N Lincoln Park W"): the direction marks an address even without a street type; after a
# preposition, a comma or at the start, so that a bus route ("take the 147 N Sheridan") survives.
_GRID = re.compile(
    r"\d{1,6} (?:[NSEW]\.?|North|South|East|West) [A-Z][a-z]{2,20}\b"
    # A place word that is left out of the street types as a public place's, then a direction after the name:
    # "2100 N Lincoln Park W", "45 E Garfield Square".
    r"(?: (?:Park|Station|Field|Garden|Gardens|Village|Green|Square|Center))?(?: [NSEW]\b\.?)?"
    rf"(?i:(?:,? {UNIT}\b){{0,2}})(?P<town>(?i:{CITY_AND_ZIP}))?"
)
_GRID_AFTER = frozenset("at on of near from to is by in for address a en de del al frente cerca por para hacia".split())
_GRID_BUDGET = 200


# "5863 Front av. Siobhan Gallagher, 1-973-...", "3930 N Tripp Ave. Wanda ...": a street word after a house
# number, a direction and a name ends an English address; what follows is no street.
_ENGLISH_BEFORE = re.compile(r"\d{1,6}(?: (?:[NSEW]\.?|[A-Za-z][\w'-]{0,20})){1,3} \Z")
_STREET_FIRST_WORDS = ("calle", "aven", "avda", "av.", "ave", "camino", "paseo", "carretera", "callej", "rue", "rua", "via")
# "the guy at 502 Pine": a house number and one capitalised word, ending there; not "at 311 Customer Service",
# "from 2019 Budget", "at 5 PM" or "from 15 March".
_BARE = re.compile(r"(?:at|from|en|de) (\d{1,5}) ([A-Z][a-z]{2,20})(?![\w'’-]| [A-Z0-9])")
_NOT_HOUSES = frozenset({"311", "911"})
_NOT_STREETS = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday".split()
)
# "on Birchwood, number 12": a street's name, then its number.
_NAMED_NUMBER = re.compile(
    r"(?:on|at|en) ((?-i:[A-Z][a-z]{2,20})(?: (?-i:[A-Z][a-z]{2,20}))?,? (?:number|no\.|#|n[uú]mero) ?\d{1,5}[a-z]?)\b",
    re.IGNORECASE,
)
# "the guy in 2A smokes": an apartment's number and letter, where the message speaks of a building.
_APARTMENT_NUMBER = re.compile(r"(?:in|from|of|en|del) (\d{1,3}[A-H])\b")
_BUILDING = re.compile(r"apartment|apt|building|landlord|tenant|upstairs|downstairs|neighbou?r|unit|edificio|vecin")


def street_first(text: str) -> list[Span]:
    """Streets written street word first, found only where such a word occurs."""
    lowered = ascii_lower(text)
    if not any(word in lowered for word in _STREET_FIRST_WORDS):
        return []
    return [
        Span(PiiKind.ADDRESS, m.start(), with_zip(text, m.end()))
        for m in _SPANISH_STREET.finditer(text)
        if m.group()[0].isdigit() or not _ENGLISH_BEFORE.search(text, max(0, m.start() - 30), m.start())
    ]


def without_street_type(text: str) -> list[Span]:
    """A house number and a street's name after "at" or "from", a street's name and its number, and an
    apartment's number where the message speaks of a building."""
    spans = []
    for match in _BARE.finditer(text):
        number, street = match.groups()
        year = len(number) == 4 and number[:2] in ("19", "20")
        if starts_word(text, match.start()) and not year and number not in _NOT_HOUSES and (
            street.lower() not in _NOT_STREETS
        ):
            spans.append(Span(PiiKind.ADDRESS, match.start(1), match.end(2)))
    spans += [Span(PiiKind.ADDRESS, m.start(1), m.end(1)) for m in _NAMED_NUMBER.finditer(text)]
    if _BUILDING.search(ascii_lower(text)):
        spans += [Span(PiiKind.ADDRESS, m.start(1), m.end(1)) for m in _APARTMENT_NUMBER.finditer(text)]
    return spans


def grid(text: str) -> list[Span]:
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
        end = match.start("town") if town and person_not_town(town) else match.end()
        spans.append(Span(PiiKind.ADDRESS, match.start(), end))
    return spans
