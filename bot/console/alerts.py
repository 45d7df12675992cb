"""Breach alerts on every console page: the open ones, which each page fetches when its live stream opens and
whenever one is raised or acknowledged, and the acknowledgement that ends one for everyone (bot/open_alerts.py)."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.console.context import error, services
from bot.console.sessions import SIGNED_IN, require
from bot.open_alerts import Acknowledged
from bot.staff import StaffMember


@require(SIGNED_IN, background=True)
async def alerts_part(request: Request, member: StaffMember) -> Response:
    """The open alerts of the queues the member sees, without the page around them."""
    found = services(request)
    shown = await asyncio.to_thread(found.alerts.for_member, member)
    html = found.templates.get_template("_alerts.html").render(alerts=shown, csrf=request.session.get("csrf", ""))
    return HTMLResponse(html)


@require(SIGNED_IN)
async def acknowledge(request: Request, member: StaffMember) -> Response:
    """End an alert; the page that asked redraws its alerts, as every other open page does on hearing of it."""
    found = services(request)
    acknowledged = await asyncio.to_thread(found.alerts.acknowledge, member, int(request.path_params["alert_id"]),
                                           found.console.clock())
    if acknowledged is Acknowledged.FORBIDDEN:
        return error(request, 403, "Only a supervisor of this queue, an admin or the member holding the "
                                   "conversation may acknowledge this alert.")
    return RedirectResponse("/", status_code=303)


routes = [
    Route("/alerts/part", alerts_part),
    Route("/alerts/{alert_id:int}/acknowledge", acknowledge, methods=["POST"]),
]
