"""Supervisors' and admins' moves on a conversation someone holds: take over, reassign, release
(the rules are bot/supervision.py's)."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.console.context import error, services
from bot.console.handoffs import handoff_for
from bot.console.sessions import SIGNED_IN, Guarded, form_of, require
from bot.staff import StaffMember
from bot.supervision import Move, Outcome

_REFUSALS = {
    Outcome.FORBIDDEN: (403, "Only a supervisor or an admin of this queue may move a conversation someone holds."),
    Outcome.CONFLICT: (409, "Nobody holds this conversation now, or someone else took it meanwhile; nothing changed."),
    Outcome.NO_SUCH_HOLDER: (400, "Choose a staff member who may take this conversation."),
}


def _endpoint(move: Move) -> Guarded:
    @require(SIGNED_IN)
    async def supervise(request: Request, member: StaffMember) -> Response:
        handoff = await handoff_for(request, member)
        if isinstance(handoff, Response):
            return handoff
        found, to = services(request), (await form_of(request)).get("to", "")
        outcome = await asyncio.to_thread(found.supervision.move, member, handoff, move, to)
        if outcome in _REFUSALS:
            return error(request, *_REFUSALS[outcome])
        return RedirectResponse(f"/handoffs/{handoff.id}" if move is Move.TAKE_OVER else "/", status_code=303)

    return supervise


# Listed before the conversation's own actions (bot/console/handoffs.py), whose route would match these paths too.
routes = [Route(f"/handoffs/{{handoff_id:int}}/{move.value}", _endpoint(move), methods=["POST"]) for move in Move]
