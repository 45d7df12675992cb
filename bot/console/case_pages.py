"""Cases in the console: list them by agency and status, open one (its history, photos and the conversation's
transcript), change its status and answer the resident from it. The work is `bot.case_work`'s."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot import references
from bot.access import may_open, of_owning_agency, visible_agencies
from bot.audit import StaffAction
from bot.case_work import Worked
from bot.cases import CaseDetail, CaseStatus
from bot.console.context import error, page, services
from bot.console.sessions import SIGNED_IN, form_of, require
from bot.integrations.rasa import Line, RasaUnavailable
from bot.retention.work import REMOVED
from bot.staff import StaffMember

STATUSES = {status.value for status in CaseStatus}
# What staff are told when a case's use case did not do what they asked.
REFUSED = {
    Worked.NOT_FOUND: (404, "No such case."),
    Worked.FORBIDDEN: (403, "This case belongs to another agency."),
    Worked.CLOSED: (409, "This case is closed; nothing was sent. Reopen it to answer the resident."),
    Worked.FORGOTTEN: (410, "The resident's details were removed on request; there is no one to answer."),
    Worked.NOT_SENT: (503, "The assistant is not answering right now, so the resident was not told. Try again."),
}


@require(SIGNED_IN)
async def case_list(request: Request, member: StaffMember) -> Response:
    visible = visible_agencies(member)
    agency = request.query_params.get("agency") or None
    if agency is not None:
        if not may_open(member, agency):
            return error(request, 403, "Those cases belong to another agency.")
        visible = {agency}
    status_name = request.query_params.get("status") or None
    status = CaseStatus(status_name) if status_name in STATUSES else None
    cases = await asyncio.to_thread(services(request).cases.list, visible, status)
    return page(request, "cases.html", cases=cases, statuses=list(CaseStatus),
                chosen_agency=agency or "", chosen_status=status.value if status else "")


async def case_for(request: Request, member: StaffMember,
                   allowed: Callable[[StaffMember, str], bool] = may_open) -> CaseDetail | Response:
    """The case the URL names, or the error page: no such case, or `allowed` refuses the member its agency."""
    case = await asyncio.to_thread(services(request).cases.detail, request.path_params["reference"])
    if case is None:
        return error(request, 404, "No such case.")
    if not allowed(member, case.view.agency_id):
        return error(request, 403, "This case belongs to another agency.")
    return case


@require(SIGNED_IN)
async def case_page(request: Request, member: StaffMember) -> Response:
    """One case; opening it is audited, because it shows the resident's conversation and details."""
    found, case = services(request), await case_for(request, member)
    if isinstance(case, Response):
        return case
    await asyncio.to_thread(found.audit.record, member.username, StaffAction.TRANSCRIPT_OPENED,
                            case.conversation_id, case.view.reference)
    handoffs = await asyncio.to_thread(found.queues.for_conversation, case.conversation_id)
    return page(request, "case.html", case=case, transcript=await _transcript(request, case), handoffs=handoffs,
                statuses=list(CaseStatus), owning=of_owning_agency(member, case.view.agency_id))


async def _transcript(request: Request, case: CaseDetail) -> list[Line] | None:
    """The conversation the case came from; None when Rasa is not answering, empty once it was forgotten."""
    if case.conversation_id == REMOVED:
        return []
    try:
        return await services(request).console.rasa.transcript(case.conversation_id)
    except RasaUnavailable:
        return None


@require(SIGNED_IN)
async def case_status(request: Request, member: StaffMember) -> Response:
    form = await form_of(request)
    if form.get("status") not in STATUSES:
        return error(request, 400, "Choose a status.")
    reference = request.path_params["reference"]
    worked = await services(request).case_work.change_status(member, reference, CaseStatus(form["status"]),
                                                               form.get("note", "").strip())
    if worked in REFUSED:
        return error(request, *REFUSED[worked])
    # Back where the member pressed Update: the case's own page, or the list.
    back = f"/cases/{references.parse(reference)}" if form.get("back") == "case" else "/cases"
    return RedirectResponse(back, status_code=303)


@require(SIGNED_IN)
async def case_reply(request: Request, member: StaffMember) -> Response:
    """Answer the resident in their conversation, on their channel, as a live handoff's reply is delivered."""
    text = (await form_of(request)).get("text", "").strip()
    reference = request.path_params["reference"]
    if not text:
        return error(request, 400, "Write a message to the resident.")
    worked = await services(request).case_work.reply(member, reference, text)
    if worked in REFUSED:
        return error(request, *REFUSED[worked])
    return RedirectResponse(f"/cases/{references.parse(reference)}", status_code=303)


routes = [
    Route("/cases", case_list),
    Route("/cases/{reference:str}", case_page),
    Route("/cases/{reference:str}/status", case_status, methods=["POST"]),
    Route("/cases/{reference:str}/reply", case_reply, methods=["POST"]),
]
