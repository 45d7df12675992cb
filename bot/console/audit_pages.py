"""The audit log in the console (admins only): filter by staff member, conversation or case, page by page."""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.audit import AuditFilter
from bot.console.context import page, services
from bot.console.sessions import ADMINS, require
from bot.staff import StaffMember

PER_PAGE = 50


@require(ADMINS)
async def audit_log(request: Request, member: StaffMember) -> Response:
    query = request.query_params
    wanted = AuditFilter(
        actor=query.get("actor", "").strip(),
        conversation_id=query.get("conversation", "").strip(),
        case_reference=query.get("case", "").strip().upper(),
    )
    number = int(query["page"]) if query.get("page", "").isdigit() and int(query["page"]) > 0 else 1
    entries, more = await asyncio.to_thread(services(request).audit.search, wanted, number, PER_PAGE)
    filters = {"actor": wanted.actor, "conversation": wanted.conversation_id, "case": wanted.case_reference}
    kept = {key: value for key, value in filters.items() if value}
    return page(
        request, "audit.html", entries=entries, filters=filters, page_number=number,
        newer=f"/audit?{urlencode({**kept, 'page': number - 1})}" if number > 1 else None,
        older=f"/audit?{urlencode({**kept, 'page': number + 1})}" if more else None,
    )


routes = [Route("/audit", audit_log)]
