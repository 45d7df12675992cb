"""No silent waits: a handoff nobody claims is held once, escalated once, and given up with one case; a crisis
is never given up; several watchers at once act once. Time is injected: each step is given its instant."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

from bot.cases import CaseStore
from bot.catalog import Catalog
from bot.db import Database
from bot.handoff_records import Handoff, HandoffReason, HandoffStatus
from bot.handoff_watch import WATCHER, HandoffWatch, Outcome, Watched
from bot.integrations.rasa import Line, RasaUnavailable
from bot.queues import Queues


class FakeResident:
    """Rasa as the watcher sees it: what was said to whom, which conversations resumed; thread-safe."""

    def __init__(self, down: bool = False) -> None:
        self.down = down
        self.said: list[tuple[str, str]] = []
        self.resumed: list[str] = []
        self._lock = threading.Lock()

    async def say(self, conversation_id: str, text: str) -> None:
        self._check()
        with self._lock:
            self.said.append((conversation_id, text))

    async def resume(self, conversation_id: str) -> None:
        self._check()
        with self._lock:
            self.resumed.append(conversation_id)

    async def transcript(self, conversation_id: str) -> list[Line]:
        self._check()
        return [Line("resident", "my water bill doubled"), Line("assistant", "I'm passing you to a person."),
                Line("resident", "hello? anyone?")]

    def _check(self) -> None:
        if self.down:
            raise RasaUnavailable("POST /conversations: ConnectError")


def minutes_after(handoff: Handoff, minutes: float) -> datetime:
    """An instant `minutes` into the handoff's wait, whatever today's date (the stored stamp is UTC)."""
    since = handoff.waiting_since or handoff.created_at
    return (since if since.tzinfo else since.replace(tzinfo=timezone.utc)) + timedelta(minutes=minutes)


def step(watch: HandoffWatch, now: datetime) -> list[Outcome]:
    return asyncio.run(watch.step(now))


@pytest.fixture
def queues(database: Database) -> Queues:
    return Queues(database)


@pytest.fixture
def resident() -> FakeResident:
    return FakeResident()


@pytest.fixture
def watch(catalog: Catalog, database: Database, queues: Queues, resident: FakeResident) -> HandoffWatch:
    return HandoffWatch(catalog, queues, CaseStore(database), resident)


def test_a_handoff_within_its_standard_is_left_alone(catalog: Catalog, queues: Queues, watch: HandoffWatch,
                                                     resident: FakeResident) -> None:
    handoff = queues.open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE, "water_bill")
    standard = catalog.agencies["water"].handoff.answer_within_minutes
    assert step(watch, minutes_after(handoff, standard - 0.5)) == []
    assert resident.said == []


def test_past_its_standard_the_resident_is_told_once_and_the_handoff_moves_to_the_contact_center(
    catalog: Catalog, queues: Queues, watch: HandoffWatch, resident: FakeResident
) -> None:
    handoff = queues.open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE, "water_bill")
    late = catalog.agencies["water"].handoff.answer_within_minutes + 1
    outcomes = step(watch, minutes_after(handoff, late))
    assert [(o.did, o.waited_minutes) for o in outcomes] == [(Watched.HELD, late), (Watched.ESCALATED, late)]
    [(conversation, text)] = resident.said
    assert conversation == "c-1"
    assert f"waiting {late} minutes for Water and Sewer Utility" in text
    assert "type your message and staff will read it" in text

    assert step(watch, minutes_after(handoff, late + 5)) == []
    assert len(resident.said) == 1
    moved = queues.get(handoff.id)
    assert moved is not None and (moved.agency_id, moved.status) == ("contact_center", HandoffStatus.WAITING)
    assert moved.note == f"Escalated: waited {late} min, standard {late - 1} min; moved from Water and Sewer Utility"


def test_a_late_contact_center_handoff_is_flagged_for_a_supervisor(catalog: Catalog, queues: Queues,
                                                                   watch: HandoffWatch) -> None:
    handoff = queues.open("c-1", "webchat", "contact_center", HandoffReason.ASKED_FOR_PERSON)
    late = catalog.agencies["contact_center"].handoff.answer_within_minutes
    assert [o.did for o in step(watch, minutes_after(handoff, late))] == [Watched.HELD, Watched.ESCALATED]
    flagged = queues.get(handoff.id)
    assert flagged is not None and flagged.agency_id == "contact_center" and flagged.escalated_at is not None
    assert flagged.note.endswith("for a supervisor")


def test_past_the_limit_the_assistant_takes_over_with_an_apology_and_one_case(
    catalog: Catalog, database: Database, queues: Queues, watch: HandoffWatch, resident: FakeResident
) -> None:
    handoff = queues.open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE, "water_bill")
    step(watch, minutes_after(handoff, 11))
    limit = catalog.agencies["contact_center"].handoff.give_up_after_minutes
    [gave_up] = step(watch, minutes_after(handoff, limit))
    assert gave_up.did is Watched.GAVE_UP and gave_up.reference is not None

    [case] = CaseStore(database).for_conversation("c-1")
    assert (case.view.reference, case.view.agency_id, case.view.service_id) == (gave_up.reference, "water", "water_bill")
    assert case.description == "my water bill doubled / hello? anyone?"
    assert resident.resumed == ["c-1"]
    assert resident.said[-1][1].startswith("I'm sorry: no one from 311 Contact Center was free")
    assert gave_up.reference in resident.said[-1][1]
    closed = queues.get(handoff.id)
    assert closed is not None and closed.status is HandoffStatus.CLOSED and closed.claimed_by == WATCHER
    assert closed.note.splitlines()[-1] == f"Gave up: no one answered in {limit} min; case {gave_up.reference} filed"

    again = queues.open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE, "water_bill")
    [second] = step(watch, minutes_after(again, limit + 1))
    assert second.reference == gave_up.reference  # the conversation's one case, not a second
    assert len(CaseStore(database).for_conversation("c-1")) == 1


def test_a_crisis_is_escalated_but_never_held_or_given_up(catalog: Catalog, queues: Queues, watch: HandoffWatch,
                                                          resident: FakeResident) -> None:
    handoff = queues.open("c-9", "sms", "contact_center", HandoffReason.CRISIS)
    late = catalog.city.crisis.respond_within_minutes + 1
    assert [o.did for o in step(watch, minutes_after(handoff, late))] == [Watched.ESCALATED]
    assert step(watch, minutes_after(handoff, 24 * 60)) == []
    still = queues.get(handoff.id)
    assert still is not None and still.status is HandoffStatus.WAITING and still.escalated_at is not None
    assert resident.said == [] and resident.resumed == []


def test_when_rasa_is_down_nothing_is_marked_and_the_next_step_tries_again(
    catalog: Catalog, database: Database, queues: Queues
) -> None:
    resident = FakeResident(down=True)
    watch = HandoffWatch(catalog, queues, CaseStore(database), resident)
    handoff = queues.open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE, "water_bill")
    assert Watched.NOT_REACHED in [o.did for o in step(watch, minutes_after(handoff, 11))]
    assert queues.get(handoff.id).held_at is None  # type: ignore[union-attr]
    [not_given_up] = step(watch, minutes_after(handoff, 61))
    assert not_given_up.did is Watched.NOT_REACHED
    waiting = queues.get(handoff.id)
    assert waiting is not None and (waiting.status, waiting.claimed_by) == (HandoffStatus.WAITING, None)

    resident.down = False
    assert [o.did for o in step(watch, minutes_after(handoff, 62))] == [Watched.GAVE_UP]
    assert len(CaseStore(database).for_conversation("c-1")) == 1


@pytest.mark.parametrize("minutes, expected", [(11, [Watched.HELD, Watched.ESCALATED]), (61, [Watched.GAVE_UP])])
def test_watchers_stepping_at_once_act_once_between_them(
    catalog: Catalog, database: Database, queues: Queues, resident: FakeResident, minutes: int,
    expected: list[Watched]
) -> None:
    handoff = queues.open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE, "water_bill")
    watchers = [HandoffWatch(catalog, queues, CaseStore(database), resident) for _ in range(6)]
    now = minutes_after(handoff, minutes)
    with ThreadPoolExecutor(len(watchers)) as pool:
        outcomes = [o for done in pool.map(lambda w: step(w, now), watchers) for o in done]
    assert sorted(o.did.value for o in outcomes) == sorted(e.value for e in expected)
    assert len(resident.said) == 1
    assert len(CaseStore(database).for_conversation("c-1")) == (1 if Watched.GAVE_UP in expected else 0)
