"""Licence plates, recognised only after a vehicle cue: plates look like any short code, so the cue decides.

Cues are the words for a plate ("plate", "tag", "lic plate", "license plate number") and a description of a
car ("a silver Honda Civic", "white van", "the truck"); after a description the plate must mix letters and
digits, after a plate word a digit is enough.
"""

from __future__ import annotations

import re

from bot.pii.gazetteer import common_words
from bot.pii.spans import PiiKind, Span

_FILLER = r"(?:[ :#.,-]{1,3}(?:number|num|no|is|was|reads|reading|says|of|#|it's|its|tag|plate|plates)\b\.?){0,3}"
# Up to three groups ("7ABC123", "ABC 1234", "7 ABC 123"); a following ordinary word is never one of them.
_TOKEN = (
    r"([A-Za-z0-9]{1,4}(?:[ -]?(?!(?:and|or|the|on|in|at|is|was|it|to|for|but|near|by)\b)[A-Za-z0-9]{1,4})?"
    r"(?:[ -]?\d[A-Za-z0-9]{0,3})?)(?![A-Za-z0-9-])"
)
_PLATE_CUE = re.compile(
    r"(?i)\b(?:licen[cs]e ?plates?|lic\.? ?plates?|plates?|tags?|reg(?:istration)?|placas?|matr[ií]cula)"
    + _FILLER
    + r"[ :#.,-]{1,3}(?:[A-Za-z]{2} )?"  # an optional state, as in "plate VA XYZ-1234"
    + _TOKEN
)
_MAKES = (
    r"(?:honda|toyota|ford|chevy|chevrolet|nissan|bmw|tesla|jeep|dodge|hyundai|kia|subaru|mazda|vw|volkswagen"
    r"|gmc|ram|lexus|audi|mercedes|benz|buick|chrysler|cadillac|acura|infiniti|volvo|mitsubishi|lincoln|civic"
    r"|camry|corolla|accord|altima|prius|f-?150|silverado|tahoe|explorer|escape|rav4|cr-v|odyssey|sienna"
    r"|car|truck|van|suv|sedan|pickup|minivan|carro|camioneta|vehicle|hatchback|coupe|motorcycle|bike|scooter|rv|trailer)"
)
_VEHICLE = re.compile(
    rf"(?i)\b{_MAKES}\b(?:[ ,]{{1,2}}(?:with|w/|plates?|tags?|lic|licen[cs]e|#|number|no\.?|is|was|"
    rf"parked|in|and|the|a|(?-i:[A-Za-z][a-z-]{{1,12}}))\b\.?){{0,3}}[ :#.,(-]{{1,3}}{_TOKEN}"
)
_TIME_OR_ORDINAL = re.compile(r"(?i)\d+(?:am|pm|st|nd|rd|th|s|min|mins|hrs?|days?|x)|\d{4}")


def _plate_like(token: str, needs_letter: bool) -> bool:
    groups = token.replace("-", " ").split()
    if any(group.isalpha() and group.islower() and group in common_words() for group in groups):
        return False
    compact = "".join(groups)
    has_digit = any(char.isdigit() for char in compact)
    has_letter = any(char.isalpha() for char in compact)
    if not 2 <= len(compact) <= 8 or not has_digit or _TIME_OR_ORDINAL.fullmatch(compact):
        return False
    return has_letter or not needs_letter


_MORE = re.compile(r"(?i)(?: ?[,&/] ?| and | y ){1}" + _TOKEN)


def _and_more(text: str, end: int) -> list[Span]:
    """Plates listed after the first ("plates HVN-6759 & 5BFA579"), up to three more."""
    spans = []
    for _ in range(3):
        more = _MORE.match(text, end)
        if more is None or not _plate_like(more.group(1), needs_letter=False):
            break
        spans.append(Span(PiiKind.PLATE, more.start(1), more.end(1)))
        end = more.end()
    return spans


def plates(text: str) -> list[Span]:
    """Plates after a plate word (a digit is enough) or after a vehicle (letters and digits, five or more)."""
    spans = []
    for cue in _PLATE_CUE.finditer(text):
        if _plate_like(cue.group(1), needs_letter=False):
            spans += [Span(PiiKind.PLATE, cue.start(1), cue.end(1)), *_and_more(text, cue.end())]
    spans += [
        Span(PiiKind.PLATE, m.start(1), m.end(1))
        for m in _VEHICLE.finditer(text)
        if _plate_like(m.group(1), needs_letter=True) and len(m.group(1)) >= 5
    ]
    return spans
