"""Handoff waits and case resolution times, set against the service standards the catalogue promises.

A handoff waits from being opened until a staff member claims it, measured against its service's
`respond_within_hours`; a case takes from being filed until its first resolved or closed update, measured
against `resolve_within_days`. Handoffs and cases still waiting count with the time they have taken so far,
so one left unclaimed past its standard is a breach before anyone picks it up. Only handoffs and cases
opened within the report's window are counted.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.engine import Row

from bot.cases import CaseRecord, CaseStatus, CaseUpdateRecord
from bot.catalog import Catalog, ServiceStandard
from bot.db import Database
from bot.handoff_records import HandoffRecord
from bot.reports.window import Window, as_utc

NO_SERVICE = "No particular service"


@dataclass(frozen=True)
class Timing:
    """One handoff or case: how long it took, or has taken so far, against its service's standard."""

    subject: str
    service: str
    agency: str
    started: datetime
    taken: timedelta
    finished: bool
    standard: timedelta | None

    @property
    def breached(self) -> bool:
        return self.standard is not None and self.taken > self.standard


@dataclass(frozen=True)
class ServiceTimes:
    """The timings of one service summed up: how many, how long typically and at worst, how many breaches."""

    service: str
    agency: str
    standard: timedelta | None
    count: int
    finished: int
    median: timedelta
    longest: timedelta
    breaches: int


def handoff_waits(database: Database, catalog: Catalog, window: Window) -> list[Timing]:
    """How long each handoff opened in the window waited to be claimed (or has waited, if still waiting)."""
    query = (
        select(HandoffRecord.id, HandoffRecord.service_id, HandoffRecord.agency_id, HandoffRecord.created_at,
               HandoffRecord.claimed_at.label("finished_at"))
        .where(HandoffRecord.created_at >= window.start)
        .order_by(HandoffRecord.created_at, HandoffRecord.id)
    )
    with database.transaction() as session:
        rows = session.execute(query).all()
    return [_timing(catalog, window, f"handoff {row.id}", row, _respond_within) for row in rows]


def case_resolutions(database: Database, catalog: Catalog, window: Window) -> list[Timing]:
    """How long each case filed in the window took to its first resolved or closed update (or so far)."""
    done = (
        select(CaseUpdateRecord.case_id, func.min(CaseUpdateRecord.at).label("at"))
        .where(CaseUpdateRecord.status.in_([CaseStatus.RESOLVED, CaseStatus.CLOSED]))
        .group_by(CaseUpdateRecord.case_id)
        .subquery()
    )
    query = (
        select(CaseRecord.reference, CaseRecord.service_id, CaseRecord.agency_id, CaseRecord.created_at,
               done.c.at.label("finished_at"))
        .outerjoin(done, done.c.case_id == CaseRecord.id)
        .where(CaseRecord.created_at >= window.start)
        .order_by(CaseRecord.created_at, CaseRecord.id)
    )
    with database.transaction() as session:
        rows = session.execute(query).all()
    return [_timing(catalog, window, f"case {row.reference}", row, _resolve_within) for row in rows]


def per_service(timings: Iterable[Timing]) -> list[ServiceTimes]:
    """One summary per service and agency, those with breaches first, then the busiest."""
    groups: dict[tuple[str, str], list[Timing]] = {}
    for timing in timings:
        groups.setdefault((timing.service, timing.agency), []).append(timing)
    summaries = [_summary(service, agency, group) for (service, agency), group in groups.items()]
    return sorted(summaries, key=lambda s: (-s.breaches, -s.count, s.service, s.agency))


def breaches(timings: Iterable[Timing]) -> list[Timing]:
    """The timings over their standard, the furthest over first."""
    over = [timing for timing in timings if timing.breached]
    return sorted(over, key=lambda timing: timing.taken - (timing.standard or timedelta(0)), reverse=True)


def _summary(service: str, agency: str, group: Sequence[Timing]) -> ServiceTimes:
    taken = [timing.taken for timing in group]
    return ServiceTimes(
        service=service,
        agency=agency,
        standard=group[0].standard,
        count=len(group),
        finished=sum(timing.finished for timing in group),
        median=timedelta(seconds=statistics.median(t.total_seconds() for t in taken)),
        longest=max(taken),
        breaches=sum(timing.breached for timing in group),
    )


def _timing(
    catalog: Catalog,
    window: Window,
    subject: str,
    row: Row,
    standard_of: Callable[[ServiceStandard], timedelta | None],
) -> Timing:
    """A row with `service_id`, `agency_id`, `created_at` and `finished_at` (None while still waiting)."""
    service = catalog.service(row.service_id) if row.service_id else None
    agency = catalog.agencies.get(row.agency_id)
    started = as_utc(row.created_at)
    return Timing(
        subject=subject,
        service=service.title if service else (row.service_id or NO_SERVICE),
        agency=agency.name if agency else row.agency_id,
        started=started,
        taken=as_utc(row.finished_at or window.end) - started,
        finished=row.finished_at is not None,
        standard=standard_of(service.standard) if service else None,
    )


def _respond_within(standard: ServiceStandard) -> timedelta:
    return timedelta(hours=standard.respond_within_hours)


def _resolve_within(standard: ServiceStandard) -> timedelta | None:
    return timedelta(days=standard.resolve_within_days) if standard.resolve_within_days else None
