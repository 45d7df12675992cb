"""The queue: the member's own conversations, the waiting ones (late on top), everyone's claims and the service
levels per agency for supervisors; the page redraws its part when a live change arrives (bot/console/live.py)."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from bot.access import SUPERVISING, visible_agencies
from bot.agency_levels import agency_levels
from bot.console.context import page, services
from bot.console.handoffs import handoff_row
from bot.console.sessions import SIGNED_IN, require
from bot.handoff_records import Handoff
from bot.service_levels import late_first, wait_of
from bot.staff import StaffMember


async def _queue(request: Request, member: StaffMember) -> dict[str, Any]:
    found, agencies = services(request), visible_agencies(member)
    catalog, moment = found.catalog, found.console.clock()
    waiting = await asyncio.to_thread(found.queues.waiting, agencies)
    mine = await asyncio.to_thread(found.queues.claimed, None, member.username)
    others: list[Handoff] = []
    levels = []
    if member.role in SUPERVISING:
        claimed = await asyncio.to_thread(found.queues.claimed, agencies)
        others = [handoff for handoff in claimed if handoff.claimed_by != member.username]
        levels = agency_levels(catalog, waiting, claimed, moment, agencies)
    return {
        "waiting": [handoff_row(catalog, handoff, wait) for handoff, wait in late_first(catalog, waiting, moment)],
        "mine": [handoff_row(catalog, handoff, wait_of(catalog, handoff, moment)) for handoff in mine],
        "others": [handoff_row(catalog, handoff, wait_of(catalog, handoff, moment)) for handoff in others],
        "levels": levels,
    }


@require(SIGNED_IN)
async def queue(request: Request, member: StaffMember) -> Response:
    return page(request, "queue.html", **await _queue(request, member))


@require(SIGNED_IN, background=True)
async def queue_part(request: Request, member: StaffMember) -> Response:
    """The queue without the page around it, which the open page fetches when a change arrives."""
    found = services(request)
    html = found.templates.get_template("_queue.html").render(
        me=member, catalog=found.catalog, **await _queue(request, member))
    return HTMLResponse(html)


routes = [Route("/", queue), Route("/queue/part", queue_part)]
