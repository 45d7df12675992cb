"""A night request for a person, worked in the morning: asked at night (fixed clock, every agency closed), it files
one case whose console page shows the conversation, and staff answer from the case on the resident's own channel,
web chat and SMS (a fake Twilio), signed with their name and agency.

Note:
    The whole assistant runs on the night clock; a reply from a case does not depend on the hour, so "the next
    morning" is the staff member opening the case after the resident has gone quiet.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect

from bot.cases import CaseOrigin, CaseStore
from bot.db import Database, make_engine
from bot.messaging.contacts import pseudonym
from bot.staff import StaffDirectory, StaffRole
from scripts.assistant import AFTER_HOURS_CLOCK, MODEL, Assistant, running_assistant
from tests.e2e.conftest import REPLY_TIMEOUT_MS
from tests.e2e.test_console import PASSWORD, resident_page, staff_page
from tests.e2e.test_webchat_page import conversation_id, send
from tests.fakes import QUICK_OUTBOX, eventually
from tests.fakes.twilio import FakeTwilio

KEY = secrets.token_urlsafe(32)
MORNING_REPLY = "Good morning, this is Pat. How can I help?"
SIGNED = f"Pat, 311 Contact Center: {MORNING_REPLY}"


@dataclass(frozen=True)
class NightCity:
    assistant: Assistant
    twilio: FakeTwilio

    @property
    def cases(self) -> CaseStore:
        return CaseStore(Database(make_engine(self.assistant.database_url)))


@pytest.fixture(scope="module")
def night(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NightCity]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does) first")
    with FakeTwilio() as twilio:
        env = {**twilio.settings(), **QUICK_OUTBOX, "ONE_DOOR_PSEUDONYM_KEY": KEY}
        with running_assistant(tmp_path_factory.mktemp("night"), clock=AFTER_HOURS_CLOCK, env=env) as assistant:
            StaffDirectory(Database(make_engine(assistant.database_url))).add(
                "cc.morning", "Pat Example", "contact_center", StaffRole.CONTACT_CENTER, PASSWORD)
            yield NightCity(assistant, twilio)


def reply_from_the_case(browser: Browser, night: NightCity, reference: str, said: str) -> Page:
    """Staff open the case from the case list, find the conversation on its page, and answer from it."""
    agent = staff_page(browser, night.assistant, "cc.morning")
    agent.goto(f"{night.assistant.console_url}/cases?status=open")
    agent.get_by_role("link", name=reference).click()
    expect(agent.get_by_role("heading", name=f"{reference}: General enquiry")).to_be_visible()
    expect(agent.locator(".transcript")).to_contain_text(said)
    expect(agent.locator(".transcript")).to_contain_text(reference)  # the assistant's reply that filed it
    agent.get_by_label("Message to the resident").fill(MORNING_REPLY)
    agent.get_by_role("button", name="Send reply").click()
    expect(agent.locator(".transcript")).to_contain_text(f"Pat Example, 311 Contact Center (staff): {SIGNED}")
    return agent


def test_a_web_chat_night_request_files_one_case_that_staff_answer_from_its_page(
    browser: Browser, night: NightCity
) -> None:
    resident = resident_page(browser, night.assistant)
    send(resident, "can I talk to a real person")
    filed = resident.locator(".onedoor-msg.bot", has_text="as case ")
    expect(filed).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    send(resident, "please, a real person")
    expect(resident.locator(".onedoor-msg.bot").last).to_contain_text("staff", timeout=REPLY_TIMEOUT_MS)
    reference = filed.inner_text().split("as case ")[1][:11]
    [case] = night.cases.for_conversation(conversation_id(resident))
    assert (case.view.reference, case.channel, case.view.origin) == (reference, "webchat", CaseOrigin.PERSON_REQUEST)

    reply_from_the_case(browser, night, reference, "can I talk to a real person")
    expect(resident.locator(".onedoor-msg.bot").last).to_have_text(SIGNED, timeout=REPLY_TIMEOUT_MS)


def test_an_sms_night_request_is_answered_from_the_case_by_text(browser: Browser, night: NightCity) -> None:
    phone = f"+1555{secrets.randbelow(10**7):07d}"
    webhook = f"{night.assistant.base_url}/webhooks/sms/webhook"
    assert night.twilio.deliver(webhook, phone, "I need to speak to a person").status_code == 200
    sent = eventually(lambda: [m.body for m in night.twilio.messages(phone) if "as case " in m.body], bool, 60,
                      "the reply that files the case")
    filed = sent[0]
    reference = filed.split("as case ")[1][:11]
    [case] = night.cases.for_conversation(pseudonym("sms", phone, KEY.encode()))
    assert (case.view.reference, case.channel) == (reference, "sms")
    before = len(night.twilio.messages(phone))

    reply_from_the_case(browser, night, reference, "I need to speak to a person")
    [texted] = night.twilio.wait_for(to=phone, count=before + 1, timeout=60)[before:]
    assert texted.body == SIGNED
