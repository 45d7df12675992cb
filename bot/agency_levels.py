"""The supervisor's view of service levels: per agency, how many wait and how many are with staff, the oldest
wait against the agency's handoff standard, and how many waits are past their standard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.catalog import Catalog
from bot.handoff_records import Handoff
from bot.service_levels import Level, wait_of

_WORST = [Level.OK, Level.DUE_SOON, Level.LATE]


@dataclass(frozen=True)
class AgencyLevel:
    """`level` is the worst of the agency's waits, so a late crisis colours its agency's row red."""

    agency_id: str
    waiting: int
    claimed: int
    oldest_minutes: int
    standard_minutes: int
    breaches: int
    level: Level


def agency_levels(catalog: Catalog, waiting: list[Handoff], claimed: list[Handoff], moment: datetime,
                  agencies: set[str] | None = None) -> list[AgencyLevel]:
    """One row per agency in `agencies` (every one when None), in the catalogue's order, at `moment`."""
    rows = []
    for agency in catalog.agencies.values():
        if agencies is not None and agency.id not in agencies:
            continue
        waits = [wait_of(catalog, handoff, moment) for handoff in waiting if handoff.agency_id == agency.id]
        rows.append(AgencyLevel(
            agency_id=agency.id,
            waiting=len(waits),
            claimed=sum(1 for handoff in claimed if handoff.agency_id == agency.id),
            oldest_minutes=max((wait.waited_minutes for wait in waits), default=0),
            standard_minutes=agency.handoff.answer_within_minutes,
            breaches=sum(1 for wait in waits if wait.level is Level.LATE),
            level=max((wait.level for wait in waits), key=_WORST.index, default=Level.OK),
        ))
    return rows
