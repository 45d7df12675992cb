"""Street addresses, with their unit ("apt 4B", "unit 212", "#3R", "2nd fl"), and units mentioned alone.

A house number, one to four words and a street type make an address ("1234 Elm Street", "56 W 3rd Ave");
a street named without a number ("pothole on Elm Street") is a place, not a resident's home, and survives.
"""

from __future__ import annotations

import re

from bot.pii.address_forms import grid, street_first, without_street_type
from bot.pii.address_parts import CITY_AND_ZIP, HOUSE_NUMBER, UNIT, person_not_town, with_town, with_zip
from bot.pii.public_places import public_address
from bot.pii.spans import PiiKind, Span, ascii_lower, starts_word


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
# public places more often than homes (Park, Station, Field, Garden, Village, Green) are left out. Wharf, Quay,
# Pier and Commons are not in the USPS list but name harbour and housing streets ("1 Union Wharf").
_WORD_TYPES = (
    "Run Loop Row Bend Trace Pass Path Walk Point Hill Hills Creek Meadow Meadows Orchard View Shores Shore Springs"
    " Ferry Ford Harbor Haven Valley Woods Wood Wharf Quay Pier Commons Esplanade Promenade Concourse"
)
_STREET_TYPES = rf"(?:{_ABBREVIABLE_TYPES}|(?-i:{_by_first_letter(_WORD_TYPES)}))"
_WORD = (
    r"(?!(?:on|at|of|in|near|by|block|and|from|to|the|for|since|between|across|cerca|entre|frente|por|en|y|con)\b)"
    r"[a-z0-9'-]{1,30}"
)
_ADDRESS = re.compile(
    rf"(?i)(?<![$.,/-])\b{HOUSE_NUMBER}(?: (?:[nsew]|ne|nw|se|sw|north|south|east|west)\.?)?"
    rf"(?: {_WORD}){{1,4}} {_STREET_TYPES}\b\.?"
    rf"(?: (?:[nsew]|ne|nw|se|sw|(?-i:North|South|East|West))\b\.?)?"  # "23rd Avenue East"
    rf"(?:,? {UNIT}\b){{0,2}}"
    rf"(?P<town>{CITY_AND_ZIP})?"
)
# A unit alone ("I'm in apt 4B", "unit 212 has no heat"): its cue is specific enough; the number must hold
# a digit so that "unit of measure" or "suite is" survive, and "#83A" goes on no code ("lic # 83A-551").
# Where a resident gives their home without a street type ("I live at 4521 N. Kedzie, 2nd floor"): after
# the cue, a house number and up to four capitalised or numbered words.
_HOME_CUE = re.compile(
    r"(?:i live at|i live on|lives at|living at|my address is|address is|address:|my address|home address"
    r"|mailing address|my house is|i'm at|im at|we're at|we are at|located at|reside at|vivo en|house at"
    r"|home at|live at|lives on|lives|live)\s{1,3}(?=\d)"
)
# After the cue a home may be typed in lower case ("i live at 4410 n. kenmore, apt 2r"): a direction, then a
# street's name that the sentence's punctuation or a unit closes ("i'm at 418 dove has like 12 cats" is no home).
_TYPED_WORD = r"[a-z][a-z'-]{1,20}(?=[,.;!?]|\Z|,? (?:apt|unit|#))"
_HOME = re.compile(
    rf"{HOUSE_NUMBER}(?: (?:(?-i:[NSEW]\.?|[nsew]\.?|north|south|east|west|[A-Z][A-Za-z'-]{{1,20}}\.?|{_TYPED_WORD})"
    rf"|\d{{1,3}}(?:st|nd|rd|th))(?![\w'-])){{1,4}}"
    rf"(?:,? {UNIT}\b){{0,2}}",
    re.IGNORECASE,
)
# The scan runs on the lower-cased copy and so finds the capitalised suffixes in lower case; `_ADDRESS` decides.
_STREET_WORD = re.compile(rf"(?:{_by_first_letter(_SUFFIXES + ' ' + _WORD_TYPES.lower())})\b")
# How far before a street word its house number may be, and after it its unit, town and ZIP code.
_STREET_LEAD = 140
_STREET_TAIL = 140
_UNIT_ALONE = re.compile(
    r"(?:apt|apartment|apartamento|apto|unit|suite|ste|bldg|depto|departamento|flat|trlr|trailer)\.?\s?#?\s?"
    r"(?=[a-z]?\d)[a-z0-9]{1,5}(?:-[a-z0-9]{1,4})?\b"
    # A unit named by where it stands in the house: "the basement apt", "our garden unit".
    r"|(?:basement|garden|attic|upstairs|downstairs|rear|back|in-law) (?:apt|apartment|unit|suite|flat)\b(?! ?#?\d)"
    r"|#(?<![\w#]#)\s?\d{1,4}[A-Za-z]\b(?!-\d)|#(?<=\bin #)\s?\d{1,4}\b|#(?<=\bis #)\s?\d{1,5}\b"
)
# "my apartment is #208": a bare number after "is" counts only after a word for a home.
_HOME_WORD = re.compile(r"(?:apartment|apt|house|home|unit|room|trailer|casa|place)\b")
_PO_BOX = re.compile(r"p\.?\s?o\.?\s?box\s?#?\s?\d{1,6}\b")
# Rural routes and highway contract routes, with their box: "RR 2 Box 14", "HC 3 Box 50", "Rural Route 3".
# A route written out with neither house number nor box is a road ("a loose horse on Rural Route 3").
_ROUTE = re.compile(
    r"(?:rr|hcr?|(?P<spelled>rural route|star route))\.? ?#? ?\d{1,4}\b(?P<route_box>,? box ?#? ?\d{1,6}[a-z]?\b)?"
)
# County roads and numbered routes, which count with a house number before them or a box or number after
# ("0 County Road 410", "Cty Rd 7, #4410", "Route 1 Box 44A"), so that "traffic on Route 9" survives.
_ROAD = (
    r"(?:county road|county rd|cty rd|co rd|state route|route|rte|highway|hwy)\.? ?\d{1,4}\b"
    r"(?P<road_box>,? (?:box ?#? ?\d{1,6}[a-z]?|#\s?\d{1,6})\b)?"
)
# Before a unit: a house number and one to three capitalised words ("1733 GRAND CONCOURSE APT 6D").
_HOUSE_AND_NAME = re.compile(r"\d{1,6}(?: (?:[A-Z][\w'.-]{0,20}|\d{1,3}(?:st|nd|rd|th))){1,3},? \Z")
_HOUSE_BEFORE = re.compile(r"\d{1,6} \Z")
# The three cued shapes in one pass over the lower-cased text. Each starts with a literal, so that `re` can
# skip ahead by first character (several times faster on 100 kB); the word boundary before a cue word is
# checked afterwards.
_CUED = re.compile(
    rf"(?P<unit>{_UNIT_ALONE.pattern})|(?P<box>{_PO_BOX.pattern}|{_ROUTE.pattern})|(?P<road>{_ROAD})"
    rf"|(?P<home>{_HOME_CUE.pattern})"
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
            end = match.start("town") if town and person_not_town(town) else match.end()
            spans.append(Span(PiiKind.ADDRESS, match.start(), with_town(text, end)))
            scanned = max(scanned, match.end())
        scanned = max(scanned, street.end())
    return spans


def _cued(text: str, streets: frozenset[int]) -> list[Span]:
    """Units alone ("apt 4B"), PO boxes and rural routes with their town and ZIP, and homes after "I live at"
    unless a street starts there (`streets`: its words are read up to the street type, not beyond)."""
    spans = []
    lowered = ascii_lower(text)
    for match in _CUED.finditer(lowered):
        if lowered[match.start()] != "#" and not starts_word(lowered, match.start()):
            continue  # "capt 4" is no "apt 4"
        kind = "road" if match.group("road") else match.lastgroup
        if kind == "unit":
            if lowered.startswith("is #", match.start() - 3) and not _HOME_WORD.search(
                lowered, max(0, match.start() - 30), match.start()
            ):
                continue  # "my ticket is #2041"
            street = _HOUSE_AND_NAME.search(text, max(0, match.start() - 60), match.start())
            start = match.start() if street is None else street.start()
            spans.append(Span(PiiKind.ADDRESS, start, with_zip(text, match.end())))
        elif kind in ("box", "road"):
            house = _HOUSE_BEFORE.search(text, max(0, match.start() - 7), match.start())  # "12 Rural Route 3"
            if house is None and match.group("road_box" if kind == "road" else "route_box") is None and (
                kind == "road" or match.group("spelled")
            ):
                continue  # "traffic on Route 9", "on Rural Route 3"
            start = match.start() if house is None else house.start()
            spans.append(Span(PiiKind.ADDRESS, start, with_zip(text, match.end())))
        elif (home := _HOME.match(text, match.end())) and home.start() not in streets:
            spans.append(Span(PiiKind.ADDRESS, home.start(), with_zip(text, home.end())))
    return spans



def addresses(text: str) -> list[Span]:
    """Every shape's addresses, overlapping ones joined ("0 County Road" as a street, "0 County Road 410" as a
    road), so that the longest reading is kept whichever shape found it first; a civic building's own address
    is left."""
    streets = _streets(text)
    starts = frozenset(span.start for span in streets)
    found = sorted(streets + street_first(text) + grid(text) + _cued(text, starts) + without_street_type(text))
    joined: list[Span] = []
    for span in found:
        if joined and span.start < joined[-1].end:
            joined[-1] = Span(PiiKind.ADDRESS, joined[-1].start, max(joined[-1].end, span.end))
        else:
            joined.append(span)
    return [span for span in joined if not public_address(text, span)]
