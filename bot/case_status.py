"""Answer "where is my case?": find the reference in the message and decide what to tell the resident."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from bot import references
from bot.cases import CaseStore, CaseView


class StatusAnswer(enum.Enum):
    """What a status question gets."""

    ASK_FOR_REFERENCE = "ask_for_reference"
    INVALID_REFERENCE = "invalid_reference"
    NOT_FOUND = "not_found"
    FOUND = "found"
    TOO_MANY = "too_many"


@dataclass(frozen=True)
class StatusLookup:
    answer: StatusAnswer
    written: str | None = None
    case: CaseView | None = None


def look_up(store: CaseStore, text: str, within_limit: Callable[[], bool] = lambda: True) -> StatusLookup:
    """Look up the case a message refers to.

    A reference that fails its check character is answered as mistyped, not as unknown, so the resident
    knows to check what they typed rather than assume the case is lost.

    Args:
        within_limit: counts one look-up against the sender's limit and says whether it may go ahead. Only a
            well-formed reference is counted, since only it reaches the store: a case's status reveals its
            service, dates and the last staff note, so references must not be tried at machine speed.
    """
    written = references.find(text)
    if written is None:
        return StatusLookup(StatusAnswer.ASK_FOR_REFERENCE)
    if references.parse(written) is None:
        return StatusLookup(StatusAnswer.INVALID_REFERENCE, written)
    if not within_limit():
        return StatusLookup(StatusAnswer.TOO_MANY, written)
    case = store.find(written)
    if case is None:
        return StatusLookup(StatusAnswer.NOT_FOUND, written)
    return StatusLookup(StatusAnswer.FOUND, written, case)
