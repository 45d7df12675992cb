"""No silent waits, end to end in office hours: a resident nobody answers sees one holding message, the handoff
is escalated, and past the limit the assistant comes back with an apology and a case (the real watcher command
against the real Rasa, the resident in real headless Chromium)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import update

from bot.catalog import load_catalog
from bot.db import Database, make_engine
from bot.handoff_records import Handoff, HandoffRecord, HandoffStatus
from bot.queues import Queues
from bot.settings import get_settings
from scripts.assistant import ROOT, Assistant
from tests.e2e.conftest import REPLY_TIMEOUT_MS
from tests.e2e.test_webchat_page import conversation_id, send

HOLDING = "type your message and staff will read it"


def watch_once(assistant: Assistant) -> list[str]:
    """Run `python -m bot watch-handoffs --once` as an operator's replica would; the lines it printed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ONE_DOOR_DATABASE_URL": assistant.database_url,
           "ONE_DOOR_RASA_URL": assistant.base_url, "ONE_DOOR_RASA_JWT_SECRET": assistant.jwt_secret}
    done = subprocess.run([sys.executable, "-m", "bot", "watch-handoffs", "--once"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    return done.stdout.splitlines()


def wait_so_far(database: Database, handoff: Handoff, minutes: int) -> None:
    """Make the resident's wait `minutes` long from when it was opened, as if nobody had claimed it since (the
    watcher measures waits on the wall clock, like the handoffs' time stamps)."""
    since = (handoff.waiting_since or handoff.created_at) - timedelta(minutes=minutes)
    with database.transaction() as session:
        session.execute(update(HandoffRecord).where(HandoffRecord.id == handoff.id)
                        .values(created_at=since, waiting_since=since))


def holding_messages(resident: Page) -> int:
    return resident.locator(".onedoor-msg.bot", has_text=HOLDING).count()


def test_an_unclaimed_handoff_past_its_standard_holds_once_escalates_and_then_gives_up(
    browser: Browser, assistant: Assistant
) -> None:
    standard = load_catalog(get_settings().catalog_dir).agencies["contact_center"].handoff
    resident = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    resident.goto(f"{assistant.base_url}/webhooks/webchat/chat")
    send(resident, "my water bill doubled this month")
    expect(resident.locator(".onedoor-msg.bot").last).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    send(resident, "I need to speak to a real person please")
    expect(resident.locator(".onedoor-msg.bot").last).to_contain_text("passed your conversation", timeout=REPLY_TIMEOUT_MS)
    database = Database(make_engine(assistant.database_url))
    queues = Queues(database)
    [handoff] = [h for h in queues.waiting() if h.conversation_id == conversation_id(resident)]

    late = standard.answer_within_minutes + 1
    wait_so_far(database, handoff, late)
    mine = [line for line in watch_once(assistant) if line.startswith(f"handoff {handoff.id}:")]
    assert mine == [f"handoff {handoff.id}: held after {late} min", f"handoff {handoff.id}: escalated after {late} min"]
    expect(resident.locator(".onedoor-msg.bot").last).to_contain_text(
        f"you've been waiting {late} minutes for", timeout=REPLY_TIMEOUT_MS
    )
    expect(resident.locator(".onedoor-msg.bot").last).to_contain_text(HOLDING)
    escalated = queues.get(handoff.id)
    assert escalated is not None and escalated.escalated_at is not None and "Escalated" in escalated.note

    assert [line for line in watch_once(assistant) if line.startswith(f"handoff {handoff.id}:")] == []
    resident.reload()
    expect(resident.locator(".onedoor-msg.bot", has_text=HOLDING)).to_have_count(1, timeout=REPLY_TIMEOUT_MS)

    wait_so_far(database, handoff, standard.give_up_after_minutes)
    [gave_up] = [line for line in watch_once(assistant) if line.startswith(f"handoff {handoff.id}:")]
    assert gave_up == f"handoff {handoff.id}: gave_up after {standard.give_up_after_minutes} min"
    apology = resident.locator(".onedoor-msg.bot", has_text="I've saved your request as case")
    expect(apology).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    expect(apology).to_contain_text("I'm sorry")
    closed = queues.get(handoff.id)
    assert closed is not None and closed.status is HandoffStatus.CLOSED

    send(resident, "thank you")  # the assistant answers again
    expect(resident.locator(".onedoor-msg.bot").last).to_contain_text("welcome", timeout=REPLY_TIMEOUT_MS)
    assert holding_messages(resident) == 1
