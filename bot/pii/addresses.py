"""Street addresses, with their unit ("apt 4B", "unit 212", "#3R", "2nd fl"), and units mentioned alone.

A house number, one to four words and a street type make an address ("1234 Elm Street", "56 W 3rd Ave");
a street named without a number ("pothole on Elm Street") is a place, not a resident's home, and survives.
"""

from __future__ import annotations

import re

from bot.pii.spans import PiiKind, Span, spans_of

_STREET_TYPES = (
    r"(?:street|st|avenue|ave|av|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|place|pl|plaza|way|terrace"
    r"|ter|circle|cir|parkway|pkwy|highway|hwy|square|sq|trail|trl|alley|aly|row|pike|loop|crescent|cres"
    r"|close|walk|path|run|point|pt|crossing|xing|expressway|expy|freeway|fwy|turnpike|tpke)"
)
_UNIT = (
    r"(?:(?:apt|apartment|unit|suite|ste|rm|room|bldg|building|fl|floor|lot|space|spc|no)\.?\s?#?\s?"
    r"[a-z0-9]{1,5}(?:-[a-z0-9]{1,4})?"
    r"|#\s?[a-z0-9]{1,5}(?:-[a-z0-9]{1,4})?|\d{1,2}(?:st|nd|rd|th) (?:fl|floor)\b\.?|(?:basement|bsmt|upstairs|rear))"
)
_WORD = r"(?!(?:on|at|of|in|near|by|block|and|from|to|the|for|since|between|across)\b)[a-z0-9'-]{1,30}"
_ADDRESS = re.compile(
    rf"(?i)\b\d{{1,6}}[a-z]?(?:-\d{{1,4}})?(?: (?:[nsew]|ne|nw|se|sw|north|south|east|west)\.?)?"
    rf"(?: {_WORD}){{1,4}} {_STREET_TYPES}\b\.?"
    rf"(?: (?:[nsew]|ne|nw|se|sw)\b\.?)?"
    rf"(?:,? {_UNIT}\b){{0,2}}"
    rf"(?:,? [a-z]{{2,20}}(?: [a-z]{{2,20}})?,? [a-z]{{2}}\.?,? \d{{5}}(?:-\d{{4}})?\b)?"
)
# A unit alone ("I'm in apt 4B", "unit 212 has no heat"): its cue is specific enough; the number must hold
# a digit so that "unit of measure" or "suite is" survive.
_UNIT_ALONE = re.compile(
    r"(?i)\b(?:apt|apartment|unit|suite|ste)\.?\s?#?\s?(?=[a-z]?\d)[a-z0-9]{1,5}(?:-[a-z0-9]{1,4})?\b"
)
_PO_BOX = re.compile(r"(?i)\bp\.?\s?o\.?\s?box\s?#?\s?\d{1,6}\b")


def addresses(text: str) -> list[Span]:
    return (
        spans_of(PiiKind.ADDRESS, _ADDRESS, text)
        + spans_of(PiiKind.ADDRESS, _UNIT_ALONE, text)
        + spans_of(PiiKind.ADDRESS, _PO_BOX, text)
    )
