"""Addresses that belong to public buildings, which residents quote to ask about them and which identify no one.

"Is City Hall at 121 N LaSalle St open on Presidents Day?", "the senior center at 2102 W Ogden Ave": a house
number after a civic building and "at" is the building's own. A possessive before the building ("my office at
...") or a home word keeps the address, and so does any building not in the list: "the building at ..." is
often the resident's.
"""

from __future__ import annotations

import re

from bot.pii.spans import Span, ascii_lower

_FACILITY = (
    r"(?:city hall|town hall|village hall|center|centre|station|library|clinic|pound|conservatory|courthouse|museum"
    r"|precinct|firehouse|fieldhouse|field house|centro|biblioteca|cl[ií]nica|estaci[oó]n)"
)
# The building, a few capitalised or lower-case words of its name before it at most, then "at" or "en".
_FACILITY_AT = re.compile(rf"\b{_FACILITY}s? (?:is |located |ubicad[oa] |que est[aá] )?(?:at|on|en) \Z")
_POSSESSIVE = re.compile(r"\b(?:my|our|his|her|their|mi|mis|nuestr[oa]|su|sus)\b(?: [\w'-]+){0,2} \Z")
_REACH = 40


def public_address(text: str, span: Span) -> bool:
    """Whether the address `span` is a civic building's, named right before it."""
    window = ascii_lower(text[max(0, span.start - _REACH) : span.start])
    building = _FACILITY_AT.search(window)
    return building is not None and _POSSESSIVE.search(window, 0, building.start()) is None
