"""Addresses without a USPS street type after the name: grid addresses ("1418 W Belmont"), streets written
street word first in Spanish or French ("Calle Ocho 1520", "71 Rue Bourbon"), and a house number after "at" or
"from" ("the guy at 502 Pine")."""

from __future__ import annotations

import re

from bot.pii.address_parts import CITY_AND_ZIP, UNIT, person_not_town, with_zip
from bot.pii.spans import PiiKind, Span, ascii_lower

# Spanish forms, the street word first: "22 calle Maple apt 3", "Calle Ocho 1520", "415 Avenida Central".
_CALLE = (
    r"(?:calle|avenida|avda\.?|av\.|camino|paseo|carretera|callejon|callejón) (?-i:[A-Z][\w'-]{1,30}|\d{1,3})"
    r"(?: (?-i:[A-Z][\w'-]{1,30}))?"
)
_SPANISH_STREET = re.compile(
    rf"(?i)(?<![\w$.,-])(?:\d{{1,6}}[a-z]?,? {_CALLE}|{_CALLE},? (?:#|no\.? ?|n[uú]mero )?\d{{1,6}}[a-z]?\b)"
    rf"(?:,? {UNIT}\b){{0,2}}"
)
# A house number, a compass direction and a street's name, as grid cities write them ("1418 W Belmont",
# "911 S. Wabash"): the direction marks an address even without a street type; after a preposition, a comma
# or at the start, so that a bus route ("take the 147 N Sheridan") survives.
_GRID = re.compile(
    r"\d{1,6} (?:[NSEW]\.?|North|South|East|West) [A-Z][a-z]{2,20}\b"
    rf"(?i:(?:,? {UNIT}\b){{0,2}})(?P<town>(?i:{CITY_AND_ZIP}))?"
)
_GRID_AFTER = frozenset("at on of near from to is by in address".split())
_GRID_BUDGET = 200


_SPANISH_WORDS = ("calle", "avenida", "avda", "av.", "camino", "paseo", "carretera", "callej")


def street_first(text: str) -> list[Span]:
    """Streets written the Spanish way, found only where a Spanish street word occurs."""
    lowered = ascii_lower(text)
    if not any(word in lowered for word in _SPANISH_WORDS):
        return []
    return [Span(PiiKind.ADDRESS, m.start(), with_zip(text, m.end())) for m in _SPANISH_STREET.finditer(text)]


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
