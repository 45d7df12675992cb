"""Staff working a handed-off conversation: take it, reply, transfer it to another agency, resolve it or hand it
back to the assistant. Each use case checks the handoff may be acted on, tells the resident, changes the queue
and audits; the console's route only translates HTTP to these and their outcomes back."""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Callable
from dataclasses import dataclass

from bot import resident_notices
from bot.audit import AuditLog, StaffAction
from bot.catalog import Catalog
from bot.handoff_records import Handoff, HandoffStatus
from bot.queues import Queues
from bot.staff import StaffMember
from bot.staff_replies import Notifier, signed_reply


class Acted(str, enum.Enum):
    """What came of a member's action on a handoff; every one but DONE and FINISHED changed nothing."""

    DONE = "done"  # the conversation stays with the member
    FINISHED = "finished"  # transferred, resolved or handed back: it has left the member
    CLOSED = "closed"  # the handoff was already closed
    TAKEN = "taken"  # someone else took it first
    NOT_CLAIMED = "not_claimed"  # nobody has taken it yet
    HELD_BY_OTHER = "held_by_other"  # another member has it
    NOTHING = "nothing"  # an empty reply or an unknown agency: nothing to do


@dataclass(frozen=True)
class HandoffWork:
    """The stores and notifier the handoff use cases work with.

    Note:
        A notifier that cannot reach Rasa raises (`RasaUnavailable`) before the queue changes: the resident is
        told first, so a resolved conversation is never left closed while still paused.
    """

    queues: Queues
    audit: AuditLog
    notifier: Notifier
    catalog: Catalog
    catalog_in: Callable[[str | None], Catalog]  # the catalogue in a resident's language

    async def claim(self, member: StaffMember, handoff: Handoff) -> Acted:
        if handoff.status is HandoffStatus.CLOSED:
            return Acted.CLOSED
        if not await asyncio.to_thread(self.queues.claim, handoff.id, member.username):
            return Acted.TAKEN
        await self._audit(member, handoff, StaffAction.CLAIM, f"handoff:{handoff.id}")
        return Acted.DONE

    async def reply(self, member: StaffMember, handoff: Handoff, text: str) -> Acted:
        """Send the resident a reply signed with the member's first name and agency, in the resident's language."""
        refusal = _refusal(member, handoff)
        if refusal is not None or not text.strip():
            return refusal or Acted.NOTHING
        signed = signed_reply(member, self.catalog, self.catalog_in, handoff.language, text)
        await self.notifier.say(handoff.conversation_id, signed.text, staff=signed.writer)
        await self._audit(member, handoff, StaffAction.REPLY, f"handoff:{handoff.id}")
        return Acted.DONE

    async def transfer(self, member: StaffMember, handoff: Handoff, agency_id: str, note: str) -> Acted:
        """Move the conversation to another agency's queue with a note for its staff (kept beside earlier notes)."""
        refusal = _refusal(member, handoff)
        if refusal is not None or agency_id not in self.catalog.agencies:
            return refusal or Acted.NOTHING
        agency = self.catalog.agencies[agency_id]
        if not await asyncio.to_thread(self.queues.transfer, handoff.id, agency, note):
            return Acted.CLOSED
        named = self.catalog_in(handoff.language).agencies[agency.id].name
        await self.notifier.say(handoff.conversation_id,
                                resident_notices.render("transferred.txt", handoff.language, agency=named))
        await self._audit(member, handoff, StaffAction.TRANSFER, agency.id, note)
        return Acted.FINISHED

    async def finish(self, member: StaffMember, handoff: Handoff, resolved: bool, note: str) -> Acted:
        """Resolve the conversation (asking whether staff solved it), or hand it back to the assistant."""
        refusal = _refusal(member, handoff)
        if refusal is not None:
            return refusal
        conversation, language = handoff.conversation_id, handoff.language
        # The bot resumes before the handoff closes: if Rasa is down, the conversation stays with staff rather
        # than closed while still paused.
        await self.notifier.say(conversation,
                                resident_notices.render("resolved.txt" if resolved else "handed_back.txt", language))
        await self.notifier.resume(conversation)
        if resolved and handoff.service_id:
            await self.notifier.ask_feedback(conversation, resident_notices.render("ask_feedback.txt", language),
                                             handoff.service_id)
        label = "Resolved" if resolved else "Handed back"
        if not await asyncio.to_thread(self.queues.close, handoff.id, note, label):
            return Acted.CLOSED
        await self._audit(member, handoff, StaffAction.RESOLVE if resolved else StaffAction.HAND_BACK,
                          f"handoff:{handoff.id}", note)
        return Acted.FINISHED

    async def _audit(self, member: StaffMember, handoff: Handoff, kind: StaffAction, subject: str,
                     detail: str = "") -> None:
        await asyncio.to_thread(self.audit.record, member.username, kind, handoff.conversation_id, subject, detail)


def _refusal(member: StaffMember, handoff: Handoff) -> Acted | None:
    """Why the member may not act on the handoff now, if they may not: it is closed, or not theirs."""
    if handoff.status is HandoffStatus.CLOSED:
        return Acted.CLOSED
    if handoff.claimed_by is None:
        return Acted.NOT_CLAIMED
    if handoff.claimed_by != member.username:
        return Acted.HELD_BY_OTHER
    return None
