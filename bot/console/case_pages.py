"""Cases in the console: list them by agency and status, and change a status (the resident is told)."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.audit import StaffAction
from bot.cases import CaseStatus, is_change
from bot.access import may_open, visible_agencies
from bot.console.context import error, page, services
from bot.console.sessions import SIGNED_IN, form_of, require
from bot.integrations.rasa import RasaUnavailable
from bot.retention.work import REMOVED
from bot.staff import StaffMember

STATUSES = {status.value for status in CaseStatus}


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


@require(SIGNED_IN)
async def case_status(request: Request, member: StaffMember) -> Response:
    found, form = services(request), await form_of(request)
    reference = request.path_params["reference"]
    case = await asyncio.to_thread(found.cases.find, reference)
    if case is None:
        return error(request, 404, "No such case.")
    if not may_open(member, case.agency_id):
        return error(request, 403, "This case belongs to another agency.")
    if form.get("status") not in STATUSES:
        return error(request, 400, "Choose a status.")
    status, note = CaseStatus(form["status"]), form.get("note", "").strip()
    if not is_change(case, status, note):
        return RedirectResponse("/cases", status_code=303)  # nothing to save, nothing to tell the resident
    reference = case.reference  # canonical: a reference typed in lower case in the URL updates the same case
    changed = await asyncio.to_thread(found.cases.set_status, reference, status, note)
    if changed is None:
        return RedirectResponse("/cases", status_code=303)
    # A case whose personal details were removed (docs/retention.md) has no conversation left to tell.
    if changed.conversation_id != REMOVED:
        language = changed.view.language
        notice = found.notice("case_update.txt", language, reference=reference, status=changed.view.status.value,
                              note=changed.view.last_note)
        rasa = found.console.rasa
        try:
            await rasa.say(changed.conversation_id, notice)
            if changed.view.status is CaseStatus.RESOLVED:
                await rasa.ask_feedback(changed.conversation_id, found.notice("ask_feedback.txt", language),
                                        changed.view.service_id)
        except RasaUnavailable:
            pass  # The status is saved; the resident sees it the next time they ask.
    await asyncio.to_thread(found.audit.record, member.username, StaffAction.CASE_STATUS,
                                changed.conversation_id, reference, changed.view.status.value)
    return RedirectResponse("/cases", status_code=303)


routes = [
    Route("/cases", case_list),
    Route("/cases/{reference:str}/status", case_status, methods=["POST"]),
]
