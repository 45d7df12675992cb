"""The supervisor's view per agency: waiting and claimed counts, the oldest wait against the agency's standard,
breaches, and the worst wait's colour."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.agency_levels import AgencyLevel, agency_levels
from bot.catalog import Catalog
from bot.handoff_records import Handoff, HandoffReason, HandoffStatus
from bot.service_levels import Level

NOW = datetime(2026, 7, 1, 15, 0, tzinfo=timezone.utc)


def handoff(number: int, agency: str, minutes: int, reason: HandoffReason = HandoffReason.STAFF_SERVICE,
            status: HandoffStatus = HandoffStatus.WAITING) -> Handoff:
    return Handoff(number, f"c{number}", "sms", agency, None, reason, status, None, "", NOW - timedelta(minutes=minutes))


def test_each_agency_counts_its_waits_claims_oldest_wait_and_breaches(catalog: Catalog) -> None:
    waiting = [handoff(1, "water", 3), handoff(2, "water", 14), handoff(3, "water", 12), handoff(4, "housing", 8)]
    claimed = [handoff(5, "water", 40, status=HandoffStatus.CLAIMED)]
    rows = {row.agency_id: row for row in agency_levels(catalog, waiting, claimed, NOW)}
    water = catalog.agencies["water"].handoff.answer_within_minutes
    assert rows["water"] == AgencyLevel("water", 2 + 1, 1, 14, water, 2, Level.LATE)
    assert rows["housing"].waiting == 1 and rows["housing"].breaches == 0
    assert rows["parks"] == AgencyLevel("parks", 0, 0, 0, catalog.agencies["parks"].handoff.answer_within_minutes,
                                        0, Level.OK)
    assert list(rows) == list(catalog.agencies)


def test_a_late_crisis_colours_its_agency_red_by_the_crisis_standard(catalog: Catalog) -> None:
    crisis = catalog.city.crisis.respond_within_minutes
    [row] = agency_levels(catalog, [handoff(1, "contact_center", crisis + 1, HandoffReason.CRISIS)], [], NOW,
                          {"contact_center"})
    assert (row.breaches, row.level, row.oldest_minutes) == (1, Level.LATE, crisis + 1)


def test_a_supervisor_sees_only_the_agencies_they_may_open(catalog: Catalog) -> None:
    rows = agency_levels(catalog, [handoff(1, "water", 1), handoff(2, "housing", 1)], [], NOW, {"water"})
    assert [(row.agency_id, row.waiting, row.level) for row in rows] == [("water", 1, Level.OK)]
