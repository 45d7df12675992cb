from __future__ import annotations

from datetime import datetime, timezone

from bot.catalog import Catalog
from bot.crisis import CrisisStep, follow_up_index, respond
from bot.db import Database
from bot.handoff_records import HandoffReason, HandoffStatus
from bot.queues import Queues

TUESDAY_11_PM_CHICAGO = datetime(2026, 11, 25, 5, 0, tzinfo=timezone.utc)


def test_a_crisis_opens_one_handoff_per_conversation_and_pages_once(catalog: Catalog, database: Database) -> None:
    queues, pages = Queues(database), []
    page = lambda handoff_id: pages.append(handoff_id) or True  # noqa: E731
    first = respond(catalog, queues, "c-1", "sms", TUESDAY_11_PM_CHICAGO, 0, page)
    again = respond(catalog, queues, "c-1", "sms", TUESDAY_11_PM_CHICAGO, 1, page)
    assert (first.step, first.follow_up, first.paged) == (CrisisStep.STAYING_AFTER_HOURS, None, True)
    assert (again.follow_up, again.paged, again.handoff_id) == (0, False, first.handoff_id)
    assert pages == [first.handoff_id]
    assert [h.reason for h in queues.waiting()] == [HandoffReason.CRISIS]


def test_a_closed_crisis_handoff_lets_a_new_crisis_start_afresh(catalog: Catalog, database: Database) -> None:
    queues = Queues(database)
    first = respond(catalog, queues, "c-2", "sms", TUESDAY_11_PM_CHICAGO, 0)
    queues.close(first.handoff_id, "called back, safe")
    assert queues.get(first.handoff_id).status is HandoffStatus.CLOSED
    later = respond(catalog, queues, "c-2", "sms", TUESDAY_11_PM_CHICAGO, 3)
    assert later.follow_up is None and later.handoff_id != first.handoff_id


def test_follow_ups_cycle_so_that_no_two_in_a_row_repeat() -> None:
    indexes = [follow_up_index(n) for n in range(7)]
    assert all(a != b for a, b in zip(indexes, indexes[1:]))
