"""The handoff use cases without HTTP or Rasa: what the resident is told, what the queue and audit log keep, and
which actions are refused."""

from __future__ import annotations

import pytest

from bot.audit import AuditLog, StaffAction
from bot.catalog import Catalog
from bot.db import Database
from bot.handoff_records import Handoff, HandoffReason, HandoffStatus
from bot.handoff_work import Acted, HandoffWork
from bot.integrations.rasa import RasaUnavailable
from bot.queues import Queues
from bot.staff import StaffMember, StaffRole
from tests.bot.console_client import RecordingRasa

SAM = StaffMember("sam", "Sam Example", "water", StaffRole.AGENT)
JO = StaffMember("jo", "Jo Example", "water", StaffRole.AGENT)


class DownRasa(RecordingRasa):
    async def _request(self, method: str, path: str, **kwargs: object) -> object:
        raise RasaUnavailable(path)


def work(catalog: Catalog, database: Database, rasa: RecordingRasa) -> HandoffWork:
    return HandoffWork(Queues(database), AuditLog(database), rasa, catalog, lambda _language: catalog)


def claimed(database: Database, member: StaffMember = SAM) -> Handoff:
    queues = Queues(database)
    handoff = queues.open("c-w", "sms", "water", HandoffReason.STAFF_SERVICE, "water_bill")
    assert queues.claim(handoff.id, member.username)
    return Queues(database).get(handoff.id)  # type: ignore[return-value]


async def test_the_transfer_note_survives_the_resolution_and_both_are_audited(
    catalog: Catalog, database: Database
) -> None:
    rasa, handoff = RecordingRasa(), claimed(database)
    worker = work(catalog, database, rasa)
    assert await worker.transfer(SAM, handoff, "housing", "tenant issue, not billing") is Acted.FINISHED
    Queues(database).claim(handoff.id, "sam")
    moved = Queues(database).get(handoff.id)
    assert await worker.finish(SAM, moved, resolved=True, note="called the landlord") is Acted.FINISHED  # type: ignore[arg-type]
    closed = Queues(database).get(handoff.id)
    assert closed is not None and closed.status is HandoffStatus.CLOSED
    assert closed.note == ("Transferred to Housing and Code Enforcement: tenant issue, not billing\n"
                           "Resolved: called the landlord")
    actions = [e.action for e in AuditLog(database).for_conversation("c-w")]
    assert actions == [StaffAction.TRANSFER, StaffAction.RESOLVE]
    said = [e.get("text") for e in rasa.events["c-w"] if e.get("event") == "bot"]
    assert said[0].startswith("I've passed your conversation to Housing and Code Enforcement.")
    assert said[1].startswith("This conversation has been marked as resolved.")


async def test_actions_on_a_closed_or_someone_elses_handoff_change_and_send_nothing(
    catalog: Catalog, database: Database
) -> None:
    rasa, handoff = RecordingRasa(), claimed(database, JO)
    worker = work(catalog, database, rasa)
    assert await worker.reply(SAM, handoff, "hello") is Acted.HELD_BY_OTHER
    assert await worker.claim(SAM, handoff) is Acted.TAKEN
    Queues(database).close(handoff.id, "")
    closed = Queues(database).get(handoff.id)
    for acted in [await worker.reply(JO, closed, "hello"), await worker.finish(JO, closed, True, ""),  # type: ignore[arg-type]
                  await worker.transfer(JO, closed, "housing", "")]:  # type: ignore[arg-type]
        assert acted is Acted.CLOSED
    assert rasa.events == {}


async def test_a_stale_page_cannot_transfer_a_handoff_closed_meanwhile(catalog: Catalog, database: Database) -> None:
    rasa, handoff = RecordingRasa(), claimed(database)
    Queues(database).close(handoff.id, "")  # `handoff` is what the page had read before
    assert await work(catalog, database, rasa).transfer(SAM, handoff, "housing", "") is Acted.CLOSED
    assert rasa.events == {}


async def test_with_rasa_down_resolving_raises_and_the_conversation_stays_with_staff(
    catalog: Catalog, database: Database
) -> None:
    handoff = claimed(database)
    with pytest.raises(RasaUnavailable):
        await work(catalog, database, DownRasa()).finish(SAM, handoff, True, "done")
    assert Queues(database).get(handoff.id).status is HandoffStatus.CLAIMED  # type: ignore[union-attr]
