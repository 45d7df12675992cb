"""The staff console's web app (Starlette, Jinja2 templates): sign in, queues, take and answer conversations."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from datetime import timezone
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.audit import AuditLog, StaffAction
from bot.cases import CaseStatus, CaseStore
from bot.catalog import Catalog
from bot.console.access import may_open, may_triage, visible_agencies
from bot.console.reports import charts_for
from bot.console.triage import inbox_view
from bot.db import Database, utc_now
from bot.integrations.rasa import Line, RasaClient, RasaUnavailable
from bot.queues import Handoff, HandoffStatus, Queues
from bot.retention.work import REMOVED
from bot.staff import StaffDirectory, StaffError, StaffMember, StaffRole, username_for
from bot.triage import TriageInbox
from bot.unresolved import Triage

TEMPLATES = Path(__file__).resolve().parent / "templates"
SESSION_KEY = "staff"
SESSION_SECONDS = 8 * 60 * 60  # a working day: staff sign in again on the next one
OWNERS_ONLY = "Only service owners and admins may open this."


@dataclass(frozen=True)
class Console:
    """What the console works with; tests build one on their own database and Rasa."""

    catalog: Catalog
    database: Database
    rasa: RasaClient
    secret: str


def create_app(console: Console) -> Starlette:
    templates = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    resident_messages = Environment(loader=FileSystemLoader(TEMPLATES / "messages"), autoescape=False)
    queues = Queues(console.database)
    audit = AuditLog(console.database)
    staff = StaffDirectory(console.database)
    cases = CaseStore(console.database)
    inbox = TriageInbox(console.database)

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        session = request.session.get(SESSION_KEY)
        html = templates.get_template(name).render(
            me=session, csrf=request.session.get("csrf", ""), catalog=console.catalog, **context
        )
        return HTMLResponse(html, status_code=status)

    def signed_in(request: Request) -> StaffMember | None:
        data = request.session.get(SESSION_KEY)
        return StaffMember(data["username"], data["name"], data["agency"], StaffRole(data["role"])) if data else None

    async def form_with_csrf(request: Request) -> dict[str, str] | None:
        form = {key: str(value) for key, value in (await request.form()).items()}
        token = request.session.get("csrf")
        return form if token and secrets.compare_digest(form.get("csrf", ""), token) else None

    async def signed_in_form(request: Request) -> tuple[StaffMember, dict[str, str]] | Response:
        """The member and their form for a POST, or the response that turns the request away."""
        member = signed_in(request)
        if member is None:
            return RedirectResponse("/login", status_code=303)
        form = await form_with_csrf(request)
        if form is None:
            return page(request, "error.html", status=400, message="The form expired. Please reload and try again.")
        return member, form

    async def login(request: Request) -> Response:
        if request.method == "GET":
            request.session.setdefault("csrf", secrets.token_urlsafe(16))
            return page(request, "login.html")
        form = await form_with_csrf(request)
        member = staff.authenticate(form.get("username", ""), form.get("password", "")) if form else None
        if member is None:
            return page(request, "login.html", status=401, error="Wrong username or password.")
        request.session.clear()
        request.session.update(
            {
                SESSION_KEY: {"username": member.username, "name": member.display_name,
                              "agency": member.agency_id, "role": member.role.value},
                "csrf": secrets.token_urlsafe(16),
            }
        )
        audit.record(member.username, StaffAction.SIGN_IN)
        return RedirectResponse("/", status_code=303)

    async def logout(request: Request) -> Response:
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    async def home(request: Request) -> Response:
        member = signed_in(request)
        if member is None:
            return RedirectResponse("/login", status_code=303)
        waiting = queues.waiting(visible_agencies(member))
        return page(request, "queue.html", waiting=[_row(console.catalog, h) for h in waiting])

    def handoff_for(request: Request, member: StaffMember) -> Handoff | Response:
        handoff = queues.get(int(request.path_params["handoff_id"]))
        if handoff is None:
            return page(request, "error.html", status=404, message="No such conversation.")
        if not may_open(member, handoff.agency_id):
            return page(request, "error.html", status=403, message="This conversation belongs to another agency.")
        return handoff

    async def transcript_of(handoff: Handoff) -> list[Line] | None:
        try:
            return await console.rasa.transcript(handoff.conversation_id)
        except RasaUnavailable:
            return None

    async def show(request: Request) -> Response:
        member = signed_in(request)
        if member is None:
            return RedirectResponse("/login", status_code=303)
        handoff = handoff_for(request, member)
        if isinstance(handoff, Response):
            return handoff
        transcript = await transcript_of(handoff)
        return page(request, "handoff.html", handoff=_row(console.catalog, handoff), transcript=transcript,
                    mine=handoff.claimed_by == member.username,
                    collected=cases.for_conversation(handoff.conversation_id))

    async def transcript_part(request: Request) -> Response:
        """Just the transcript, which the conversation page fetches every few seconds to show new messages."""
        member = signed_in(request)
        if member is None:
            return Response(status_code=401)
        handoff = handoff_for(request, member)
        if isinstance(handoff, Response):
            return handoff
        transcript = await transcript_of(handoff)
        if transcript is None:
            return Response(status_code=503)
        return HTMLResponse(templates.get_template("transcript.html").render(transcript=transcript))

    async def act(request: Request) -> Response:
        checked = await signed_in_form(request)
        if isinstance(checked, Response):
            return checked
        member, form = checked
        handoff = handoff_for(request, member)
        if isinstance(handoff, Response):
            return handoff
        try:
            return await act_on(request, member, form, handoff)
        except RasaUnavailable:
            return page(request, "error.html", status=503,
                        message="The assistant is not answering right now, so the resident was not told. Try again.")

    async def act_on(request: Request, member: StaffMember, form: dict[str, str], handoff: Handoff) -> Response:
        action = request.path_params["action"]
        conversation = handoff.conversation_id
        if action == "claim":
            if not queues.claim(handoff.id, member.username):
                return page(request, "error.html", status=409, message="Someone else took this conversation.")
            audit.record(member.username, StaffAction.CLAIM, conversation, f"handoff:{handoff.id}")
        elif handoff.claimed_by != member.username:
            return page(request, "error.html", status=409, message="Take the conversation before acting on it.")
        elif action == "reply" and form.get("text", "").strip():
            await console.rasa.say(conversation, form["text"].strip())
            audit.record(member.username, StaffAction.REPLY, conversation, f"handoff:{handoff.id}")
        elif action == "transfer" and form.get("agency") in console.catalog.agencies:
            agency = console.catalog.agencies[form["agency"]]
            queues.transfer(handoff.id, agency.id, form.get("note", ""))
            await console.rasa.say(conversation, _notice(resident_messages, "transferred.txt", agency=agency.name))
            audit.record(member.username, StaffAction.TRANSFER, conversation, agency.id, form.get("note", ""))
            return RedirectResponse("/", status_code=303)
        elif action in ("resolve", "handback"):
            # The bot resumes before the handoff closes: if Rasa is down, the conversation stays with staff
            # rather than closed while still paused.
            template = "resolved.txt" if action == "resolve" else "handed_back.txt"
            await console.rasa.say(conversation, _notice(resident_messages, template))
            await console.rasa.resume(conversation)
            if action == "resolve" and handoff.service_id:
                await console.rasa.ask_feedback(conversation, _notice(resident_messages, "ask_feedback.txt"),
                                                handoff.service_id)
            queues.close(handoff.id, form.get("note", ""))
            kind = StaffAction.RESOLVE if action == "resolve" else StaffAction.HAND_BACK
            audit.record(member.username, kind, conversation, f"handoff:{handoff.id}", form.get("note", ""))
            return RedirectResponse("/", status_code=303)
        return RedirectResponse(f"/handoffs/{handoff.id}", status_code=303)

    async def case_list(request: Request) -> Response:
        member = signed_in(request)
        if member is None:
            return RedirectResponse("/login", status_code=303)
        visible = visible_agencies(member)
        agency = request.query_params.get("agency") or None
        if agency is not None:
            if not may_open(member, agency):
                return page(request, "error.html", status=403, message="Those cases belong to another agency.")
            visible = {agency}
        status_name = request.query_params.get("status") or None
        status = CaseStatus(status_name) if status_name in {s.value for s in CaseStatus} else None
        return page(request, "cases.html", cases=cases.list(visible, status), statuses=list(CaseStatus),
                    chosen_agency=agency or "", chosen_status=status.value if status else "")

    async def case_status(request: Request) -> Response:
        checked = await signed_in_form(request)
        if isinstance(checked, Response):
            return checked
        member, form = checked
        reference = request.path_params["reference"]
        found = cases.find(reference)
        if found is None:
            return page(request, "error.html", status=404, message="No such case.")
        if not may_open(member, found.agency_id):
            return page(request, "error.html", status=403, message="This case belongs to another agency.")
        if form.get("status") not in {s.value for s in CaseStatus}:
            return page(request, "error.html", status=400, message="Choose a status.")
        changed = cases.set_status(reference, CaseStatus(form["status"]), form.get("note", "").strip())
        # A case whose personal details were removed (docs/retention.md) has no conversation left to tell.
        if changed is not None and changed.conversation_id != REMOVED:
            notice = _notice(resident_messages, "case_update.txt", reference=reference,
                             status=changed.view.status.value, note=changed.view.last_note)
            try:
                await console.rasa.say(changed.conversation_id, notice)
                if changed.view.status is CaseStatus.RESOLVED:
                    await console.rasa.ask_feedback(changed.conversation_id,
                                                    _notice(resident_messages, "ask_feedback.txt"),
                                                    changed.view.service_id)
            except RasaUnavailable:
                pass  # The status is saved; the resident sees it the next time they ask.
        if changed is not None:
            audit.record(member.username, StaffAction.CASE_STATUS, changed.conversation_id, reference,
                         changed.view.status.value)
        return RedirectResponse("/cases", status_code=303)

    async def staff_admin(request: Request) -> Response:
        member = signed_in(request)
        if member is None:
            return RedirectResponse("/login", status_code=303)
        if member.role is not StaffRole.ADMIN:
            return page(request, "error.html", status=403, message="Only administrators manage staff accounts.")
        error = None
        if request.method == "POST":
            form = await form_with_csrf(request)
            if form is None or form.get("agency") not in console.catalog.agencies or not form.get("name"):
                error = "Fill in every field."
            else:
                username = form.get("username") or username_for(form["name"])
                try:
                    staff.add(username, form["name"], form["agency"], StaffRole(form.get("role", "agent")),
                              form.get("password", ""))
                    audit.record(member.username, StaffAction.USER_ADDED, subject=username)
                except (StaffError, ValueError) as problem:
                    error = str(problem)
        return page(request, "staff.html", status=400 if error else 200, members=staff.members(),
                    roles=list(StaffRole), error=error)

    def refused_to_non_owners(request: Request) -> Response | None:
        """The response that turns away anyone but a service owner or admin; None lets them in."""
        member = signed_in(request)
        if member is None:
            return RedirectResponse("/login", status_code=303)
        if not may_triage(member):
            return page(request, "error.html", status=403, message=OWNERS_ONLY)
        return None

    async def triage(request: Request) -> Response:
        refused = refused_to_non_owners(request)
        if refused is not None:
            return refused
        state_name = request.query_params.get("state", Triage.NEW.value)
        state = Triage(state_name) if state_name in {t.value for t in Triage} else Triage.NEW
        views, counts, exportable = inbox_view(inbox, state)
        intents = sorted(console.catalog.services.values(), key=lambda service: service.title)
        return page(request, "triage.html", themes=views, counts=counts, states=list(Triage), state=state,
                    intents=intents, exportable=exportable, notice=request.query_params.get("notice"))

    async def reports(request: Request) -> Response:
        refused = refused_to_non_owners(request)
        if refused is not None:
            return refused
        requested = request.query_params.get("days", "")
        days = min(max(int(requested), 1), 366) if requested.isdigit() else 30
        report, charts = await asyncio.to_thread(charts_for, console.database, console.catalog, days)
        return page(request, "reports.html", report=report, charts=charts, days=days)

    async def triage_form(request: Request) -> tuple[StaffMember, dict[str, str]] | Response:
        checked = await signed_in_form(request)
        if isinstance(checked, Response) or may_triage(checked[0]):
            return checked
        return page(request, "error.html", status=403, message=OWNERS_ONLY)

    async def triage_decide(request: Request) -> Response:
        checked = await triage_form(request)
        if isinstance(checked, Response):
            return checked
        member, form = checked
        ids = [int(value) for value in (await request.form()).getlist("id") if str(value).isdigit()]
        action = form.get("action")
        if action == "assign" and form.get("intent") in console.catalog.services:
            changed = inbox.assign(ids, form["intent"])
        elif action == "need" and form.get("need", "").strip():
            changed = inbox.mark_need(ids, form["need"])
        elif action in (Triage.REVIEWED.value, Triage.IGNORED.value):
            changed = inbox.set_state(ids, Triage(action))
        else:
            return page(request, "error.html", status=400, message="Choose messages and what to do with them.")
        audit.record(member.username, StaffAction.TRIAGE, subject=action, detail=f"{changed} messages")
        state = form.get("state", Triage.NEW.value)
        return RedirectResponse(f"/triage?state={state}&notice={changed}+messages+updated", status_code=303)

    async def triage_export(request: Request) -> Response:
        checked = await triage_form(request)
        if isinstance(checked, Response):
            return checked
        member, _ = checked
        exported = inbox.export()
        audit.record(member.username, StaffAction.TRIAGE_EXPORT)
        filename = f"nlu-from-triage-{utc_now():%Y%m%d-%H%M%S}.yml"
        return Response(exported, media_type="application/x-yaml",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    routes = [
        Route("/", home),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/handoffs/{handoff_id:int}", show),
        Route("/handoffs/{handoff_id:int}/transcript", transcript_part),
        Route("/handoffs/{handoff_id:int}/{action:str}", act, methods=["POST"]),
        Route("/cases", case_list),
        Route("/cases/{reference:str}/status", case_status, methods=["POST"]),
        Route("/staff", staff_admin, methods=["GET", "POST"]),
        Route("/triage", triage, methods=["GET"]),
        Route("/triage", triage_decide, methods=["POST"]),
        Route("/triage/export", triage_export, methods=["POST"]),
        Route("/reports", reports),
    ]
    middleware = [
        Middleware(SessionMiddleware, secret_key=console.secret, same_site="strict", max_age=SESSION_SECONDS)
    ]
    return Starlette(routes=routes, middleware=middleware)


def _notice(environment: Environment, name: str, **values: str) -> str:
    return environment.get_template(name).render(**values).strip()


def _row(catalog: Catalog, handoff: Handoff) -> dict[str, Any]:
    """A handoff as the console lists it, with how long it has waited against its service standard."""
    service = catalog.service(handoff.service_id) if handoff.service_id else None
    created = handoff.created_at if handoff.created_at.tzinfo else handoff.created_at.replace(tzinfo=timezone.utc)
    waited = int((utc_now() - created).total_seconds() // 60)
    target_minutes = service.standard.respond_within_hours * 60 if service else None
    return {
        "id": handoff.id,
        "agency": catalog.agencies[handoff.agency_id].name,
        "service": service.title if service else "",
        "reason": handoff.reason.value.replace("_", " "),
        "urgent": handoff.reason.value == "crisis",
        "waited": waited,
        "target": target_minutes,
        "late": target_minutes is not None and waited > target_minutes,
        "claimed_by": handoff.claimed_by,
        "closed": handoff.status is HandoffStatus.CLOSED,
        "note": handoff.note,
        "conversation_id": handoff.conversation_id,
        "channel": handoff.channel,
    }
