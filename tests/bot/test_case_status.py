from __future__ import annotations

import pytest

from bot.case_status import StatusAnswer, look_up
from bot.cases import CaseStore, NewCase
from bot.db import Database

WATER = NewCase(service_id="water_outage", agency_id="water", channel="telegram", conversation_id="abc")


@pytest.fixture
def store(database: Database) -> CaseStore:
    return CaseStore(database)


def test_a_known_reference_finds_its_case(store: CaseStore) -> None:
    case = store.create(WATER)
    lookup = look_up(store, f"hi whats happening with {case.reference.lower()}?")
    assert lookup.answer is StatusAnswer.FOUND
    assert lookup.case is not None and lookup.case.reference == case.reference


def test_no_reference_asks_for_one(store: CaseStore) -> None:
    assert look_up(store, "where is my case").answer is StatusAnswer.ASK_FOR_REFERENCE


def test_a_mistyped_reference_is_called_mistyped(store: CaseStore) -> None:
    case = store.create(WATER)
    last = case.reference[-1]
    typo = case.reference[:-1] + ("C" if last != "C" else "D")
    lookup = look_up(store, f"status {typo}")
    assert (lookup.answer, lookup.written) == (StatusAnswer.INVALID_REFERENCE, typo)


def test_a_valid_but_unknown_reference_is_not_found(store: CaseStore) -> None:
    from bot.references import new_reference

    reference = new_reference()
    assert look_up(store, reference).answer is StatusAnswer.NOT_FOUND


def test_over_the_limit_a_well_formed_reference_is_not_looked_up(store: CaseStore) -> None:
    case = store.create(WATER)
    calls: list[bool] = []

    def refuse() -> bool:
        calls.append(False)
        return False

    lookup = look_up(store, f"status {case.reference}", refuse)
    assert (lookup.answer, lookup.written, lookup.case) == (StatusAnswer.TOO_MANY, case.reference, None)
    # Asking without a reference, or with a mistyped one, never reaches the store and is not counted.
    assert look_up(store, "where is my case", refuse).answer is StatusAnswer.ASK_FOR_REFERENCE
    assert calls == [False]
