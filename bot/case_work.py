"""Staff working a case: change its status (the resident is told, only of a real change) and answer the resident
in their conversation, as a live handoff's reply is delivered. The console's routes only translate HTTP to
these and their outcomes back."""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Callable
from dataclasses import dataclass

from bot import resident_notices
from bot.access import may_open, of_owning_agency
from bot.audit import AuditLog, StaffAction
from bot.cases import CaseDetail, CaseStatus, CaseStore, is_change
from bot.catalog import Catalog
from bot.integrations.rasa import RasaUnavailable
from bot.retention.work import REMOVED
from bot.staff import StaffMember
from bot.staff_replies import Notifier, signed_reply


class Worked(str, enum.Enum):
    """What came of a member's action on a case."""

    DONE = "done"
    UNCHANGED = "unchanged"  # nothing new to save, so nothing was said to the resident
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"  # another agency's case
    CLOSED = "closed"  # a closed case takes no reply: reopen it first
    FORGOTTEN = "forgotten"  # the resident's details were removed (docs/retention.md): no one left to tell
    NOT_TOLD = "not_told"  # saved, but Rasa did not answer, so the resident was not told
    NOT_SENT = "not_sent"  # Rasa did not answer; nothing was sent


@dataclass(frozen=True)
class CaseWork:
    """The stores and the notifier a case's use cases work with."""

    cases: CaseStore
    audit: AuditLog
    notifier: Notifier
    catalog: Catalog
    catalog_in: Callable[[str | None], Catalog]  # the catalogue in a resident's language

    async def change_status(self, member: StaffMember, reference: str, status: CaseStatus, note: str) -> Worked:
        """Move a case to `status` with a note for the resident, and tell them; a resolved case asks whether
        staff solved it. Pressing Update on an unchanged case saves and says nothing."""
        case = await asyncio.to_thread(self.cases.detail, reference)
        if case is None:
            return Worked.NOT_FOUND
        if not may_open(member, case.view.agency_id):
            return Worked.FORBIDDEN
        if not is_change(case.view, status, note):
            return Worked.UNCHANGED
        # The canonical reference: one typed in lower case in the URL updates the same case.
        changed = await asyncio.to_thread(self.cases.set_status, case.view.reference, status, note)
        if changed is None:
            return Worked.NOT_FOUND
        await asyncio.to_thread(self.audit.record, member.username, StaffAction.CASE_STATUS,
                                changed.conversation_id, changed.view.reference, changed.view.status.value)
        if changed.conversation_id == REMOVED:
            return Worked.DONE
        view, language = changed.view, changed.view.language
        notice = resident_notices.render("case_update.txt", language, reference=view.reference,
                                         status=view.status.value, note=view.last_note)
        try:
            await self.notifier.say(changed.conversation_id, notice)
            if view.status is CaseStatus.RESOLVED:
                await self.notifier.ask_feedback(changed.conversation_id,
                                                 resident_notices.render("ask_feedback.txt", language),
                                                 view.service_id)
        except RasaUnavailable:
            return Worked.NOT_TOLD  # the status is saved; the resident sees it the next time they ask
        return Worked.DONE

    async def reply(self, member: StaffMember, reference: str, text: str) -> Worked:
        """Answer the resident who filed a case, on the channel they last wrote on, signed as a live handoff's
        reply is; the reply lands in the conversation's transcript and the audit log."""
        case = await asyncio.to_thread(self.cases.detail, reference)
        if case is None:
            return Worked.NOT_FOUND
        refusal = self._refusal(member, case)
        if refusal is not None:
            return refusal
        signed = signed_reply(member, self.catalog, self.catalog_in, case.view.language, text)
        try:
            await self.notifier.say(case.conversation_id, signed.text, staff=signed.writer)
        except RasaUnavailable:
            return Worked.NOT_SENT
        await asyncio.to_thread(self.audit.record, member.username, StaffAction.REPLY, case.conversation_id,
                                case.view.reference)
        return Worked.DONE

    @staticmethod
    def _refusal(member: StaffMember, case: CaseDetail) -> Worked | None:
        if not of_owning_agency(member, case.view.agency_id):
            return Worked.FORBIDDEN
        if case.view.status is CaseStatus.CLOSED:
            return Worked.CLOSED
        if case.conversation_id == REMOVED:
            return Worked.FORGOTTEN
        return None
