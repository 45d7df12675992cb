"""The case use cases without HTTP: a status change tells the resident only of a real change, a reply reaches
them signed, and a forgotten resident or an unreachable Rasa is reported, not hidden."""

from __future__ import annotations

from bot.audit import AuditLog, StaffAction
from bot.case_work import CaseWork, Worked
from bot.cases import CaseStatus, CaseStore, NewCase
from bot.catalog import Catalog
from bot.db import Database
from bot.staff import StaffMember, StaffRole
from tests.bot.console_client import RecordingRasa
from tests.bot.test_handoff_work import DownRasa

SAM = StaffMember("sam", "Sam Example", "water", StaffRole.AGENT)


def work(catalog: Catalog, database: Database, rasa: RecordingRasa) -> CaseWork:
    return CaseWork(CaseStore(database), AuditLog(database), rasa, catalog, lambda _language: catalog)


async def test_a_status_change_is_saved_even_when_the_resident_cannot_be_told(
    catalog: Catalog, database: Database
) -> None:
    case = CaseStore(database).create(NewCase("water_bill", "water", "sms", "c-1"))
    worked = await work(catalog, database, DownRasa()).change_status(SAM, case.reference, CaseStatus.RESOLVED, "")
    assert worked is Worked.NOT_TOLD
    assert CaseStore(database).find(case.reference).status is CaseStatus.RESOLVED  # type: ignore[union-attr]
    assert [e.action for e in AuditLog(database).for_conversation("c-1")] == [StaffAction.CASE_STATUS]


async def test_a_forgotten_residents_case_takes_a_status_but_no_reply(catalog: Catalog, database: Database) -> None:
    case = CaseStore(database).create(NewCase("water_bill", "water", "sms", "[removed]"))
    rasa = RecordingRasa()
    worker = work(catalog, database, rasa)
    assert await worker.reply(SAM, case.reference, "hello") is Worked.FORGOTTEN
    assert await worker.change_status(SAM, case.reference, CaseStatus.CLOSED, "") is Worked.DONE
    assert rasa.events == {}


async def test_a_reply_with_rasa_down_is_reported_and_not_audited(catalog: Catalog, database: Database) -> None:
    case = CaseStore(database).create(NewCase("water_bill", "water", "sms", "c-2"))
    assert await work(catalog, database, DownRasa()).reply(SAM, case.reference, "hello") is Worked.NOT_SENT
    assert AuditLog(database).for_conversation("c-2") == []
