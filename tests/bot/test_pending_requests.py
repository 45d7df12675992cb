"""When the assistant tells a resident staff have their request: a waiting request for a person, once per
session, until staff write."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.cases import CaseDetail, CaseOrigin, CaseStatus, CaseView
from bot.pending_requests import to_mention, waiting_request

FILED = datetime(2026, 11, 23, 4, 0, tzinfo=timezone.utc)


def case(reference: str, origin: CaseOrigin = CaseOrigin.PERSON_REQUEST, status: CaseStatus = CaseStatus.OPEN,
         filed: datetime = FILED) -> CaseDetail:
    view = CaseView(reference, "general_enquiry", "contact_center", status, filed, filed, "", origin=origin)
    return CaseDetail(view, "webchat", "c1", None, None, None, [])


def test_the_waiting_request_is_the_newest_open_request_for_a_person() -> None:
    later = FILED + timedelta(hours=1)
    cases = [case("AAA-AAA-AAA"), case("BBB-BBB-BBB", filed=later.replace(tzinfo=None)),
             case("CCC-CCC-CCC", origin=CaseOrigin.FORM, filed=later + timedelta(hours=1)),
             case("DDD-DDD-DDD", status=CaseStatus.IN_PROGRESS, filed=later + timedelta(hours=1))]
    assert waiting_request(cases) == cases[1].view
    assert waiting_request([cases[2], cases[3]]) is None


def test_it_is_mentioned_until_told_in_this_session_or_staff_write_after_it_was_filed() -> None:
    waiting = case("AAA-AAA-AAA").view
    assert to_mention(waiting, None, told_this_session=False) == waiting
    assert to_mention(waiting, None, told_this_session=True) is None
    assert to_mention(waiting, FILED - timedelta(days=1), told_this_session=False) == waiting  # an older handoff
    assert to_mention(waiting, FILED + timedelta(hours=9), told_this_session=False) is None
    assert to_mention(None, None, told_this_session=False) is None
