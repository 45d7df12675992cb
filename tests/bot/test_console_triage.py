"""The service owners' pages without a browser: the triage inbox (who may use it, grouping, decisions) and
the report's charts."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from bot.catalog import Catalog
from bot.console.app import Console, create_app
from bot.db import Database
from bot.integrations.rasa import RasaClient
from bot.staff import StaffDirectory, StaffRole
from bot.triage import TriageInbox
from bot.unresolved import Triage, UnresolvedKind, UnresolvedLog
from tests.bot.console_client import PASSWORD, csrf_of

MESSAGES = ["can I renew my passport here", "passport renewal office", "where to renew a passport", "zzqx"]


def _client(catalog: Catalog, database: Database, role: StaffRole) -> TestClient:
    StaffDirectory(database).add("someone", "Someone", "contact_center", role, PASSWORD)
    client = TestClient(create_app(Console(catalog, database, RasaClient("http://127.0.0.1:9", ""), "secret")))
    client.post("/login", data={"csrf": csrf_of(client, "/login"), "username": "someone", "password": PASSWORD})
    return client


@pytest.fixture
def logged(database: Database) -> list[int]:
    log = UnresolvedLog(database)
    for text in MESSAGES:
        log.record(text, "webchat", "c1", [("out_of_scope", 0.8)], UnresolvedKind.OUT_OF_SCOPE)
    return [message.id for message in TriageInbox(database).messages()]


def test_agents_cannot_open_the_inbox_or_the_reports(catalog: Catalog, database: Database) -> None:
    client = _client(catalog, database, StaffRole.CONTACT_CENTER)
    assert client.get("/triage").status_code == 403
    assert client.get("/reports").status_code == 403
    assert client.post("/triage/export", data={"csrf": csrf_of(client, "/")}).status_code == 403


def test_similar_messages_form_a_theme_and_odd_ones_stay_apart(
    catalog: Catalog, database: Database, logged: list[int]
) -> None:
    page = _client(catalog, database, StaffRole.SERVICE_OWNER).get("/triage").text
    assert "3 messages" in page and "Not like any other message · 1 message" in page
    assert "New (4)" in page


def test_ignoring_moves_messages_out_of_new(catalog: Catalog, database: Database, logged: list[int]) -> None:
    client = _client(catalog, database, StaffRole.SERVICE_OWNER)
    token = csrf_of(client, "/triage")
    reply = client.post("/triage", data={"csrf": token, "action": "ignored", "id": [str(logged[0])]})
    assert reply.status_code == 200 and "1 messages updated" in reply.text
    assert [m.id for m in TriageInbox(database).messages(Triage.IGNORED)] == [logged[0]]


def test_an_unknown_intent_is_refused(catalog: Catalog, database: Database, logged: list[int]) -> None:
    client = _client(catalog, database, StaffRole.ADMIN)
    token = csrf_of(client, "/triage")
    reply = client.post("/triage", data={"csrf": token, "action": "assign", "intent": "nope", "id": [str(logged[0])]})
    assert reply.status_code == 400
    assert TriageInbox(database).messages(Triage.NEW)[0].assigned_intent is None


def test_the_reports_page_shows_the_main_charts(catalog: Catalog, database: Database, logged: list[int]) -> None:
    page = _client(catalog, database, StaffRole.SERVICE_OWNER).get("/reports?days=7")
    assert page.status_code == 200
    assert page.text.count('src="data:image/png;base64,iVBORw0KGgo') == 6
    assert "4 unresolved messages" in page.text and 'alt="Chart: Top unresolved themes"' in page.text
