from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import inspect

from bot import references
from bot.cases import CaseStatus, CaseStore, NewCase
from bot.db import Database

POTHOLE = NewCase(
    service_id="pothole_report",
    agency_id="public_works",
    channel="webchat",
    conversation_id="c0ffee",
    location="12 Fictional Lane",
    description="deep hole in the right lane",
)


def test_migrations_create_the_tables(database: Database) -> None:
    assert {"cases", "case_updates", "alembic_version"} <= set(inspect(database.engine).get_table_names())


def test_a_new_case_is_open_under_a_valid_reference(database: Database) -> None:
    case = CaseStore(database).create(POTHOLE)
    assert references.parse(case.reference) == case.reference
    assert (case.status, case.agency_id, case.service_id) == (CaseStatus.OPEN, "public_works", "pothole_report")


def test_a_case_is_found_by_its_reference_typed_loosely(database: Database) -> None:
    store = CaseStore(database)
    case = store.create(POTHOLE)
    found = store.find(case.reference.lower().replace("-", " "))
    assert found is not None
    assert found.reference == case.reference


@pytest.mark.parametrize("reference", ["ACD-ACD-ACD", "not a reference", ""])
def test_unknown_or_invalid_references_find_nothing(database: Database, reference: str) -> None:
    CaseStore(database).create(POTHOLE)
    assert CaseStore(database).find(reference) is None


def test_concurrent_filing_gives_distinct_references(database: Database) -> None:
    store = CaseStore(database)
    with ThreadPoolExecutor(4) as pool:
        cases = list(pool.map(lambda _: store.create(POTHOLE), range(40)))
    assert len({case.reference for case in cases}) == 40


def test_a_reference_collision_is_retried(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    store = CaseStore(database)
    first = store.create(POTHOLE)
    fresh = references.new_reference()
    issued = iter([first.reference, fresh])
    monkeypatch.setattr(references, "new_reference", lambda: next(issued))
    assert store.create(POTHOLE).reference == fresh


def test_staff_list_cases_by_agency_and_status_newest_first(database: Database) -> None:
    store = CaseStore(database)
    first = store.create(POTHOLE)
    second = store.create(POTHOLE)
    store.create(NewCase("water_outage", "water", "sms", "c2"))
    assert [c.view.reference for c in store.list({"public_works"})] == [second.reference, first.reference]
    assert len(store.list(None)) == 3
    store.set_status(first.reference, CaseStatus.RESOLVED, "filled on Tuesday")
    assert [c.view.reference for c in store.list({"public_works"}, CaseStatus.RESOLVED)] == [first.reference]


def test_a_status_change_is_kept_with_its_note(database: Database) -> None:
    store = CaseStore(database)
    case = store.create(POTHOLE)
    changed = store.set_status(case.reference, CaseStatus.IN_PROGRESS, "crew booked for Monday")
    assert changed is not None and changed.conversation_id == "c0ffee"
    found = store.find(case.reference)
    assert found is not None and (found.status, found.last_note) == (CaseStatus.IN_PROGRESS, "crew booked for Monday")
    assert store.set_status("ACD-ACD-ACD", CaseStatus.CLOSED, "") is None


def test_the_details_a_conversation_collected_are_found_by_conversation(database: Database) -> None:
    store = CaseStore(database)
    store.create(POTHOLE)
    [detail] = store.for_conversation("c0ffee")
    assert (detail.location, detail.description) == ("12 Fictional Lane", "deep hole in the right lane")
