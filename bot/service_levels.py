"""How a waiting conversation stands against its handoff standard, in minutes: ok, due soon or late."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timezone

from bot.catalog import Catalog
from bot.queues import Handoff, HandoffReason

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
    standard_minutes: int | None  # None: the conversation has no standard (no service, not a crisis)
    level: Level


def standard_minutes(catalog: Catalog, handoff: Handoff) -> int | None:
    """The minutes within which staff should reach this conversation.

    A crisis has the city's crisis standard; any other conversation its service's response standard, which the
    catalogue states in hours; a conversation with neither (a resident who asked for a person) has none.
    """
    if handoff.reason is HandoffReason.CRISIS:
        return catalog.city.crisis.respond_within_minutes
    service = catalog.service(handoff.service_id) if handoff.service_id else None
    return service.standard.respond_within_hours * 60 if service else None


def wait_of(catalog: Catalog, handoff: Handoff, moment: datetime) -> Wait:
    """How long `handoff` has waited at `moment`, against its standard."""
    created = handoff.created_at if handoff.created_at.tzinfo else handoff.created_at.replace(tzinfo=timezone.utc)
    waited = max(int((moment - created).total_seconds() // 60), 0)
    standard = standard_minutes(catalog, handoff)
    if standard is None or waited < standard * DUE_SOON_SHARE:
        level = Level.OK
    else:
        level = Level.LATE if waited > standard else Level.DUE_SOON
    return Wait(waited, standard, level)


def late_first(catalog: Catalog, waiting: list[Handoff], moment: datetime) -> list[tuple[Handoff, Wait]]:
    """Waiting conversations with their waits, late ones on top; otherwise the queue's own order (crisis and
    vulnerable residents first, then the oldest) is kept."""
    pairs = [(handoff, wait_of(catalog, handoff, moment)) for handoff in waiting]
    return sorted(pairs, key=lambda pair: pair[1].level is not Level.LATE)
