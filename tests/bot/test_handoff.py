from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.catalog import Catalog
from bot.handoff import estimated_wait_minutes, may_hand_off, plan
from bot.handoff_records import HandoffReason
from bot.rate_limits import Limit, RateLimits

MONDAY_NOON_CHICAGO = datetime(2026, 11, 23, 18, 0, tzinfo=timezone.utc)
SUNDAY_NIGHT_CHICAGO = datetime(2026, 11, 23, 4, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("reason", "service", "agency"),
    [
        (HandoffReason.STAFF_SERVICE, "tenant_rights", "housing"),
        (HandoffReason.ASKED_FOR_PERSON, "water_bill", "water"),
        (HandoffReason.ASKED_FOR_PERSON, None, "contact_center"),
        (HandoffReason.MISUNDERSTOOD, "water_bill", "contact_center"),
        (HandoffReason.CRISIS, None, "contact_center"),
    ],
)
def test_handoff_goes_to_the_owning_agency_or_the_contact_center(
    catalog: Catalog, reason: HandoffReason, service: str | None, agency: str
) -> None:
    assert plan(catalog, reason, service, MONDAY_NOON_CHICAGO).agency.id == agency


def test_in_office_hours_staff_are_in(catalog: Catalog) -> None:
    result = plan(catalog, HandoffReason.STAFF_SERVICE, "tenant_rights", MONDAY_NOON_CHICAGO)
    assert result.staffed_now and result.next_open is None


def test_outside_office_hours_the_next_opening_is_given_in_local_time(catalog: Catalog) -> None:
    result = plan(catalog, HandoffReason.STAFF_SERVICE, "tenant_rights", SUNDAY_NIGHT_CHICAGO)
    assert not result.staffed_now
    assert result.next_open is not None
    assert (result.next_open.weekday(), result.next_open.tzinfo is not None) == (0, True)  # Monday morning


@pytest.mark.parametrize(("position", "expected"), [(0, 5), (2, 15)])
def test_estimated_wait(position: int, expected: int) -> None:
    assert estimated_wait_minutes(position, 5) == expected


def test_hand_offs_are_limited_per_sender() -> None:
    limits = RateLimits("memory://", {Limit.HANDOFF: "1/hour"}, "test-handoff")
    assert may_hand_off(limits, "sms", "sms-a")
    assert not may_hand_off(limits, "sms", "sms-a")
    assert may_hand_off(limits, "sms", "sms-b")
