"""Server-sent events for open console pages: each change to a queue the member may open, and each new message
in such a conversation, as soon as any replica hears of it (bot/live_events.py, bot/live_hub.py)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from bot.catalog import Catalog
from bot.console.context import services
from bot.console.sessions import SIGNED_IN, require
from bot.live_events import Change, may_see
from bot.live_hub import LiveHub
from bot.staff import StaffMember

# A comment line this often keeps proxies from closing a quiet stream.
KEEP_ALIVE_SECONDS = 15.0
# The stream ends after this long and the browser reconnects at once, so that a signed-out or deactivated member
# stops hearing of changes within minutes.
STREAM_SECONDS = 300.0
RECONNECT_MS = 1000


def event(catalog: Catalog, change: Change) -> str:
    """One change as a server-sent event: the handoff and the name of its agency, never a resident's words."""
    agency = catalog.agencies.get(change.agencies[0])
    data = {"handoff": change.handoff_id, "agency": agency.name if agency else change.agencies[0]}
    return f"event: {change.kind.value}\ndata: {json.dumps(data)}\n\n"


async def _stream(hub: LiveHub, catalog: Catalog, member: StaffMember) -> AsyncIterator[str]:
    loop = asyncio.get_running_loop()
    ends = loop.time() + STREAM_SECONDS
    async with hub.subscription() as changes:
        yield f"retry: {RECONNECT_MS}\n\n"
        while (left := ends - loop.time()) > 0:
            try:
                change = await asyncio.wait_for(changes.get(), timeout=min(KEEP_ALIVE_SECONDS, left))
            except asyncio.TimeoutError:
                yield ": still here\n\n"
                continue
            if may_see(member, change):
                yield event(catalog, change)


@require(SIGNED_IN, background=True)
async def live(request: Request, member: StaffMember) -> Response:
    found = services(request)
    return StreamingResponse(_stream(found.hub, found.catalog, member), media_type="text/event-stream",
                             headers={"X-Accel-Buffering": "no"})


# `/live` itself is the console process's liveness check (bot/console/ops.py).
routes = [Route("/live/events", live)]
