"""The details a request needs before it is filed: which to ask for, and whether an answer will do."""

from __future__ import annotations

import re

from bot import safety, vulnerability
from bot.catalog import CaseField, Service
from bot.inputs import Readability, readability

MAX_LOCATION_CHARS = 300
MAX_DESCRIPTION_CHARS = 2000
# A resident may decline to leave contact details; these words mean "no, thanks". Matched against stripped
# text, so no two runs of spaces touch and a long answer is rejected in linear time.
_DECLINE = re.compile(r"(?:no|nope|skip|none|no thanks|no thank you|n|rather not|anonymous)\s*[.!]?", re.I)


def fields_to_ask(service: Service) -> list[CaseField]:
    """The details to ask for, in the order the catalogue lists them."""
    return list(service.collect)


def clean_answer(field: CaseField, text: str | None) -> str | None:
    """The answer to keep for a field, or None when it cannot be used and must be asked again.

    Declining to give contact details is a valid answer, kept as an empty string.
    """
    if field is CaseField.CONTACT and text is not None and _DECLINE.fullmatch(text.strip()):
        return ""
    if text is None or readability(text) in (Readability.EMPTY, Readability.NO_WORDS):
        return None
    limit = MAX_LOCATION_CHARS if field is CaseField.LOCATION else MAX_DESCRIPTION_CHARS
    return text.strip()[:limit]


def is_plea(field: CaseField, text: str | None) -> bool:
    """Whether an answer to "where is it?" or "how can we reach you?" is a plea for help rather than the detail
    ("my baby is freezing, I need someone now"): words of danger, crisis or vulnerability, and no number.

    Stored as an address, it would send staff nowhere and hide the urgency; the form asks again instead, and
    the plea still counts towards the case's priority.
    """
    if field is CaseField.DESCRIPTION or not text or re.search(r"\d", text):
        return False
    return safety.detect(text) is not None or bool(vulnerability.cues(text))
