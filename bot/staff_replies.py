"""A staff member's words to a resident, as every path that sends them signs them: "Pat, Public Works: ...", in
the resident's language, with the writer's full name and agency kept for the transcript; and every message staff
send into a conversation announced to the console pages that have it open."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from bot import resident_notices
from bot.catalog import Catalog
from bot.staff import StaffMember


class Notifier(Protocol):
    """Reaching a resident on the channel they last wrote on: Rasa's API (`bot.integrations.rasa.RasaClient`)."""

    async def say(self, conversation_id: str, text: str, staff: str = "") -> None: ...

    async def ask_feedback(self, conversation_id: str, question: str, service_id: str) -> bool: ...

    async def resume(self, conversation_id: str) -> None: ...


@dataclass(frozen=True)
class SignedReply:
    text: str  # what the resident reads
    writer: str  # who the transcript shows: "Pat Example, Public Works"


def signed_reply(member: StaffMember, catalog: Catalog, catalog_in: Callable[[str | None], Catalog],
                 language: str | None, text: str) -> SignedReply:
    """Sign `text` with the member's first name and agency, the agency named in the resident's language."""
    theirs = catalog_in(language).agencies[member.agency_id].name
    signed = resident_notices.render("staff_reply.txt", language, first_name=member.first_name, agency=theirs,
                                     text=text.strip())
    return SignedReply(signed, f"{member.display_name}, {catalog.agencies[member.agency_id].name}")


class Announcing:
    """A notifier whose every message into a conversation (a staff member's reply, a transfer or resolution
    notice) is also announced to open console pages, so that another member reading the conversation sees it
    without a reload, as they see the resident's own messages (docs/adr/0016-live-console.md).

    `announce` is `Queues.note_message`: it publishes only for a conversation with an open handoff. It runs after
    the message is stored in the transcript, so the page that then fetches the transcript finds it.
    """

    def __init__(self, notifier: Notifier, announce: Callable[[str], object]) -> None:
        self._notifier = notifier
        self._announce = announce

    async def say(self, conversation_id: str, text: str, staff: str = "") -> None:
        await self._notifier.say(conversation_id, text, staff=staff)
        await asyncio.to_thread(self._announce, conversation_id)

    async def ask_feedback(self, conversation_id: str, question: str, service_id: str) -> bool:
        asked = await self._notifier.ask_feedback(conversation_id, question, service_id)
        if asked:
            await asyncio.to_thread(self._announce, conversation_id)
        return asked

    async def resume(self, conversation_id: str) -> None:
        await self._notifier.resume(conversation_id)
