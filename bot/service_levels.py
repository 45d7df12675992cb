"""How a waiting conversation stands against its handoff standard, in minutes: ok, due soon or late."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timezone

from bot.catalog import Catalog
from bot.handoff import wait_standard
from bot.handoff_records import Handoff

# Past this share of its standard a conversation is due soon: a quarter of the time is left to answer it.
DUE_SOON_SHARE = 0.75


class Level(str, enum.Enum):
    """The values are what staff read beside the colour, so that colour is never the only signal."""

    OK = "ok"
    DUE_SOON = "due soon"
    LATE = "late"


@dataclass(frozen=True)
class Wait:
    waited_minutes: int
    standard_minutes: int
    level: Level


def standard_minutes(catalog: Catalog, handoff: Handoff) -> int:
    """The minutes within which staff should reach this conversation: its queue's handoff standard, the one
    `bot/handoff_watch.py` holds and escalates by (a crisis has the city's crisis standard)."""
    return int(wait_standard(catalog, handoff).answer_within.total_seconds() // 60)


def wait_of(catalog: Catalog, handoff: Handoff, moment: datetime) -> Wait:
    """How long `handoff` has waited in its present queue at `moment` (a transfer starts the wait afresh),
    against its standard."""
    since = handoff.waiting_since or handoff.created_at
    since = since if since.tzinfo else since.replace(tzinfo=timezone.utc)
    waited = max(int((moment - since).total_seconds() // 60), 0)
    standard = standard_minutes(catalog, handoff)
    if waited < standard * DUE_SOON_SHARE:
        level = Level.OK
    else:
        level = Level.LATE if waited > standard else Level.DUE_SOON
    return Wait(waited, standard, level)


def late_first(catalog: Catalog, waiting: list[Handoff], moment: datetime) -> list[tuple[Handoff, Wait]]:
    """Waiting conversations with their waits, late ones on top; otherwise the queue's own order (crisis and
    vulnerable residents first, then the oldest) is kept."""
    pairs = [(handoff, wait_of(catalog, handoff, moment)) for handoff in waiting]
    return sorted(pairs, key=lambda pair: pair[1].level is not Level.LATE)
