"""The console's inbox of unresolved messages, grouped into themes for service owners, and its routes."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.audit import StaffAction
from bot.console.context import error, page, services
from bot.console.sessions import OWNERS, form_of, require
from bot.db import utc_now
from bot.staff import StaffMember
from bot.themes import themes
from bot.triage import TriageInbox
from bot.unresolved import Triage, Unresolved

# Clustering runs on each visit to the inbox; beyond this many messages of one state, the oldest wait.
INBOX_LIMIT = 500
UNGROUPED = "Not like any other message"


@dataclass(frozen=True)
class ThemeView:
    label: str
    count: int
    messages: list[Unresolved]


def inbox_view(inbox: TriageInbox, state: Triage) -> tuple[list[ThemeView], dict[Triage, int], int]:
    """The themes of one review state, how many messages each state holds, and how many await export."""
    shown = inbox.messages(state, limit=INBOX_LIMIT)
    by_id = {message.id: message for message in shown}
    views = [
        ThemeView(theme.label, theme.count, [by_id[i] for i in theme.message_ids])
        for theme in themes(shown)
    ]
    grouped = {message.id for view in views for message in view.messages}
    ungrouped = [message for message in shown if message.id not in grouped]
    if ungrouped:
        views.append(ThemeView(UNGROUPED, len(ungrouped), ungrouped))
    return views, inbox.counts(), inbox.exportable()


@require(OWNERS)
async def triage(request: Request, member: StaffMember) -> Response:
    found = services(request)
    state_name = request.query_params.get("state", Triage.NEW.value)
    state = Triage(state_name) if state_name in {t.value for t in Triage} else Triage.NEW
    views, counts, exportable = await asyncio.to_thread(inbox_view, found.inbox, state)
    intents = sorted(found.catalog.services.values(), key=lambda service: service.title)
    return page(request, "triage.html", themes=views, counts=counts, states=list(Triage), state=state,
                intents=intents, exportable=exportable, notice=request.query_params.get("notice"),
                languages=found.catalog.city.languages)


@require(OWNERS)
async def triage_decide(request: Request, member: StaffMember) -> Response:
    found, form = services(request), await form_of(request)
    ids = [int(value) for value in (await request.form()).getlist("id") if str(value).isdigit()]
    action = form.get("action")
    if action == "assign" and form.get("intent") in found.catalog.services:
        changed = await asyncio.to_thread(found.inbox.assign, ids, form["intent"])
    elif action == "need" and form.get("need", "").strip():
        changed = await asyncio.to_thread(found.inbox.mark_need, ids, form["need"])
    elif action in (Triage.REVIEWED.value, Triage.IGNORED.value):
        changed = await asyncio.to_thread(found.inbox.set_state, ids, Triage(action))
    else:
        return error(request, 400, "Choose messages and what to do with them.")
    await asyncio.to_thread(found.audit.record, member.username, StaffAction.TRIAGE, subject=action,
                            detail=f"{changed} messages")
    state = form.get("state", Triage.NEW.value)
    return RedirectResponse(f"/triage?state={state}&notice={changed}+messages+updated", status_code=303)


@require(OWNERS)
async def triage_export(request: Request, member: StaffMember) -> Response:
    found = services(request)
    languages = found.catalog.city.languages
    chosen = (await form_of(request)).get("language", "")
    language = chosen if chosen in languages else languages[0]
    exported = await asyncio.to_thread(found.inbox.export, language, languages[0])
    await asyncio.to_thread(found.audit.record, member.username, StaffAction.TRIAGE_EXPORT, detail=language)
    # Each language's examples go to its own training data: data/nlu/ for the city's, data/nlu/<code>/ otherwise.
    filename = f"nlu-{language}-from-triage-{utc_now():%Y%m%d-%H%M%S}.yml"
    return Response(exported, media_type="application/x-yaml",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


routes = [
    Route("/triage", triage, methods=["GET"]),
    Route("/triage", triage_decide, methods=["POST"]),
    Route("/triage/export", triage_export, methods=["POST"]),
]
