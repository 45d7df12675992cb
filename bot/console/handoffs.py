"""One conversation: read the transcript, take it, reply, transfer, resolve or hand back."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.access import may_open, may_supervise
from bot.audit import StaffAction
from bot.catalog import Catalog
from bot.language import language_name
from bot.console.context import Services, error, page, services
from bot.console.sessions import SIGNED_IN, form_of, require
from bot.handoff_work import Acted
from bot.integrations.rasa import Line, RasaUnavailable
from bot.handoff_records import Handoff, HandoffStatus
from bot.service_levels import Wait, wait_of
from bot.staff import StaffMember


async def handoff_for(request: Request, member: StaffMember) -> Handoff | Response:
    handoff = await asyncio.to_thread(services(request).queues.get, int(request.path_params["handoff_id"]))
    if handoff is None:
        return error(request, 404, "No such conversation.")
    if not may_open(member, handoff.agency_id):
        return error(request, 403, "This conversation belongs to another agency.")
    return handoff


async def _transcript_of(found: Services, handoff: Handoff) -> list[Line] | None:
    try:
        return await found.console.rasa.transcript(handoff.conversation_id)
    except RasaUnavailable:
        return None


@require(SIGNED_IN)
async def show(request: Request, member: StaffMember) -> Response:
    """The conversation page; opening it is audited, because it shows a resident's words and details."""
    handoff = await handoff_for(request, member)
    if isinstance(handoff, Response):
        return handoff
    found = services(request)
    await asyncio.to_thread(found.audit.record, member.username, StaffAction.TRANSCRIPT_OPENED,
                            handoff.conversation_id, f"handoff:{handoff.id}")
    transcript = await _transcript_of(found, handoff)
    collected = await asyncio.to_thread(found.cases.for_conversation, handoff.conversation_id)
    supervising = may_supervise(member, handoff.agency_id) and handoff.status is HandoffStatus.CLAIMED
    holders = await asyncio.to_thread(found.supervision.holders, handoff) if supervising else []
    row = handoff_row(found.catalog, handoff, wait_of(found.catalog, handoff, found.console.clock()))
    return page(request, "handoff.html", handoff=row, transcript=transcript,
                mine=handoff.claimed_by == member.username, collected=collected,
                supervising=supervising, holders=holders)


@require(SIGNED_IN, background=True)
async def transcript_part(request: Request, member: StaffMember) -> Response:
    """Just the transcript, which the open conversation page fetches when the resident writes (not audited again)."""
    handoff = await handoff_for(request, member)
    if isinstance(handoff, Response):
        return handoff
    found = services(request)
    transcript = await _transcript_of(found, handoff)
    if transcript is None:
        return Response(status_code=503)
    return HTMLResponse(found.templates.get_template("transcript.html").render(transcript=transcript))


@require(SIGNED_IN)
async def act(request: Request, member: StaffMember) -> Response:
    handoff = await handoff_for(request, member)
    if isinstance(handoff, Response):
        return handoff
    try:
        return await _act_on(request, member, await form_of(request), handoff)
    except RasaUnavailable:
        return error(request, 503,
                     "The assistant is not answering right now, so the resident was not told. Try again.")


# What staff are told when an action on a handoff did nothing.
REFUSED = {
    Acted.CLOSED: "This conversation is closed; nothing was sent.",
    Acted.TAKEN: "Someone else took this conversation.",
    Acted.NOT_CLAIMED: "Take the conversation before acting on it.",
}


async def _act_on(request: Request, member: StaffMember, form: dict[str, str], handoff: Handoff) -> Response:
    work, action, note = services(request).handoff_work, request.path_params["action"], form.get("note", "")
    if action == "claim":
        acted = await work.claim(member, handoff)
    elif action == "reply":
        acted = await work.reply(member, handoff, form.get("text", ""))
    elif action == "transfer":
        acted = await work.transfer(member, handoff, form.get("agency", ""), note)
    elif action in ("resolve", "handback"):
        acted = await work.finish(member, handoff, action == "resolve", note)
    else:
        acted = Acted.NOTHING
    if acted is Acted.HELD_BY_OTHER:
        return error(request, 409, f"{handoff.claimed_by} has this conversation now; nothing was done.")
    if acted in REFUSED:
        return error(request, 409, REFUSED[acted])
    return RedirectResponse("/" if acted is Acted.FINISHED else f"/handoffs/{handoff.id}", status_code=303)


def handoff_row(catalog: Catalog, handoff: Handoff, wait: Wait) -> dict[str, Any]:
    """A handoff as the console lists it: titles and names rather than ids, and its wait against its standard."""
    service = catalog.service(handoff.service_id) if handoff.service_id else None
    return {
        "id": handoff.id,
        "agency": catalog.agencies[handoff.agency_id].name,
        "service": service.title if service else "",
        "reason": handoff.reason.value.replace("_", " "),
        "urgent": handoff.reason.value == "crisis" or handoff.priority_reason is not None,
        "priority_reason": handoff.priority_reason,
        "since": handoff.created_at,
        "wait": wait,
        "escalated": handoff.escalated_at is not None,
        "claimed_by": handoff.claimed_by,
        "closed": handoff.status is HandoffStatus.CLOSED,
        "note": handoff.note,
        "conversation_id": handoff.conversation_id,
        "channel": handoff.channel,
        "language": language_name(handoff.language or catalog.city.languages[0]),
        "language_code": handoff.language or catalog.city.languages[0],
    }


routes = [
    Route("/handoffs/{handoff_id:int}", show),
    Route("/handoffs/{handoff_id:int}/transcript", transcript_part),
    Route("/handoffs/{handoff_id:int}/{action:str}", act, methods=["POST"]),
]
