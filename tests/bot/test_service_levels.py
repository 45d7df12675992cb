"""Waits against handoff standards in minutes, the queue's order, who sees which queue, and local times."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.access import may_hold, may_supervise, visible_agencies
from bot.catalog import Catalog
from bot.clock import local_time
from bot.handoff_records import Handoff, HandoffReason, HandoffStatus
from bot.service_levels import Level, late_first, wait_of
from bot.staff import StaffMember, StaffRole

NOW = datetime(2026, 7, 1, 15, 0, tzinfo=timezone.utc)


def waiting(minutes: int, reason: HandoffReason = HandoffReason.STAFF_SERVICE, service: str | None = "water_bill",
            number: int = 1) -> Handoff:
    return Handoff(number, f"c{number}", "sms", "water", service, reason, HandoffStatus.WAITING, None, "",
                   NOW - timedelta(minutes=minutes))


@pytest.mark.parametrize(("minutes", "reason", "service", "standard", "level"), [
    (3, HandoffReason.CRISIS, None, 5, Level.OK),
    (4, HandoffReason.CRISIS, None, 5, Level.DUE_SOON),
    (5, HandoffReason.CRISIS, None, 5, Level.DUE_SOON),
    (6, HandoffReason.CRISIS, None, 5, Level.LATE),
    (7, HandoffReason.STAFF_SERVICE, "water_bill", 10, Level.OK),
    (8, HandoffReason.STAFF_SERVICE, "water_bill", 10, Level.DUE_SOON),
    (11, HandoffReason.STAFF_SERVICE, "water_bill", 10, Level.LATE),
    (11, HandoffReason.ASKED_FOR_PERSON, None, 10, Level.LATE),  # the queue's standard, service or not
])
def test_a_wait_is_measured_in_minutes_against_its_standard(
    catalog: Catalog, minutes: int, reason: HandoffReason, service: str | None, standard: int, level: Level
) -> None:
    wait = wait_of(catalog, waiting(minutes, reason, service), NOW)
    assert (wait.waited_minutes, wait.standard_minutes, wait.level) == (minutes, standard, level)


def test_late_conversations_go_on_top_and_the_rest_keep_the_queues_order(catalog: Catalog) -> None:
    queue = [waiting(4, HandoffReason.CRISIS, None, 1), waiting(5, number=2), waiting(50, number=3)]
    assert [handoff.id for handoff, _ in late_first(catalog, queue, NOW)] == [3, 1, 2]


def member(role: StaffRole, agency: str = "water", active: bool = True) -> StaffMember:
    return StaffMember("someone", "Some One", agency, role, active)


def test_a_supervisor_sees_their_agency_or_every_queue_from_the_contact_center() -> None:
    assert visible_agencies(member(StaffRole.SUPERVISOR)) == {"water"}
    assert visible_agencies(member(StaffRole.SUPERVISOR, "contact_center")) is None
    assert may_supervise(member(StaffRole.SUPERVISOR), "water") and not may_supervise(member(StaffRole.AGENT), "water")
    assert not may_supervise(member(StaffRole.SUPERVISOR), "housing")
    assert may_supervise(member(StaffRole.ADMIN, "parks"), "housing")


def test_only_active_staff_who_serve_residents_and_see_the_queue_may_hold_a_conversation() -> None:
    assert may_hold(member(StaffRole.AGENT), "water") and may_hold(member(StaffRole.CONTACT_CENTER, "x"), "water")
    assert not may_hold(member(StaffRole.AGENT, active=False), "water")
    assert not may_hold(member(StaffRole.SERVICE_OWNER), "water")
    assert not may_hold(member(StaffRole.AGENT, "housing"), "water")


def test_times_read_in_the_citys_zone_and_naive_stamps_are_utc() -> None:
    chicago = ZoneInfo("America/Chicago")
    assert local_time(NOW, chicago) == "2026-07-01 10:00 CDT"
    assert local_time(datetime(2026, 11, 23, 18, 0), chicago) == "2026-11-23 12:00 CST"
