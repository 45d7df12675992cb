"""Console behaviour that needs no browser: what staff see when Rasa cannot be reached."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from bot.catalog import Catalog
from bot.console.app import Console, create_app
from bot.db import Database
from bot.handoff_records import HandoffReason, HandoffStatus
from bot.integrations.rasa import RasaClient
from bot.queues import Queues
from bot.staff import StaffDirectory, StaffRole
from scripts.assistant import free_port
from tests.bot.console_client import PASSWORD, csrf_of


@pytest.fixture
def signed_in(catalog: Catalog, database: Database) -> TestClient:
    StaffDirectory(database).add("pat", "Pat Example", "contact_center", StaffRole.CONTACT_CENTER, PASSWORD)
    unreachable = RasaClient(f"http://127.0.0.1:{free_port()}", "token")
    client = TestClient(create_app(Console(catalog, database, unreachable, "test secret")))
    client.post("/login", data={"csrf": csrf_of(client, "/login"), "username": "pat", "password": PASSWORD})
    return client


def test_with_rasa_down_the_page_says_so_and_the_conversation_stays_open(
    signed_in: TestClient, database: Database
) -> None:
    handoff = Queues(database).open("c1", "webchat", "contact_center", HandoffReason.ASKED_FOR_PERSON)
    page = signed_in.get(f"/handoffs/{handoff.id}")
    assert "The assistant is not answering" in page.text
    token = csrf_of(signed_in, f"/handoffs/{handoff.id}")
    assert signed_in.post(f"/handoffs/{handoff.id}/claim", data={"csrf": token}).status_code == 200
    reply = signed_in.post(f"/handoffs/{handoff.id}/reply", data={"csrf": token, "text": "hello"})
    assert reply.status_code == 503 and "the resident was not told" in reply.text
    resolve = signed_in.post(f"/handoffs/{handoff.id}/resolve", data={"csrf": token, "note": "done"})
    assert resolve.status_code == 503
    still = Queues(database).get(handoff.id)
    assert still is not None and still.status is HandoffStatus.CLAIMED


def test_a_form_without_its_csrf_token_is_refused(signed_in: TestClient, database: Database) -> None:
    handoff = Queues(database).open("c1", "webchat", "contact_center", HandoffReason.ASKED_FOR_PERSON)
    assert signed_in.post(f"/handoffs/{handoff.id}/claim", data={}).status_code == 400
    assert Queues(database).get(handoff.id).status is HandoffStatus.WAITING  # type: ignore[union-attr]


def test_updating_an_unchanged_case_saves_nothing_and_a_lower_case_reference_updates_the_case(
    signed_in: TestClient, database: Database
) -> None:
    from bot.cases import CaseStatus, CaseStore, NewCase

    store = CaseStore(database)
    case = store.create(NewCase("pothole_report", "contact_center", "webchat", "c9", location="1 Fictional Rd"))
    token = csrf_of(signed_in, "/cases")
    same = signed_in.post(f"/cases/{case.reference}/status", data={"csrf": token, "status": "open", "note": ""})
    assert same.status_code == 200
    [unchanged] = store.for_conversation("c9")
    assert unchanged.view.updated_at.replace(tzinfo=None) == case.updated_at.replace(tzinfo=None)
    lower = case.reference.lower().replace("-", "")
    signed_in.post(f"/cases/{lower}/status", data={"csrf": token, "status": "in_progress", "note": "crew booked"})
    assert store.find(case.reference).status is CaseStatus.IN_PROGRESS  # type: ignore[union-attr]
