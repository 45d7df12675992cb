"""The web chat page in real headless Chromium, against the running assistant."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Frame, FrameLocator, Page, expect

from scripts.assistant import Assistant
from tests.e2e.conftest import REPLY_TIMEOUT_MS, VAGUE_REQUEST
from tests.e2e.test_widget_protocol import RasaWebchatClient

BLOCKING_IMPACTS = {"serious", "critical"}
# A first info answer is three messages: the answer; what to have ready, cost and contact; whether it helped.
INFO_ANSWER_MESSAGES = 3


@pytest.fixture
def page(browser: Browser, assistant: Assistant) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{assistant.base_url}/webhooks/webchat/chat")
    yield page
    context.close()


def send(chat: Page | FrameLocator, text: str) -> None:
    """Type a message and send it, on the chat page itself or in the widget's frame."""
    chat.get_by_label("Your message").fill(text)
    chat.get_by_role("button", name="Send").click()


def conversation_id(page: Page) -> str:
    """The conversation id Rasa and the console know: the id part of the session token the page stored."""
    return str(page.evaluate("localStorage.getItem('onedoor.session')")).split(".")[0]


def ask_for_information(chat: Page | FrameLocator) -> None:
    """Ask an info question and wait for the whole answer, so that no reply is still on its way."""
    send(chat, "how do I register to vote")
    expect(chat.locator(".onedoor-msg.bot")).to_have_count(INFO_ANSWER_MESSAGES, timeout=REPLY_TIMEOUT_MS)


def blocking_violations(target: Page | Frame) -> list[str]:
    """Run axe-core in the page or frame; return its serious and critical violations, one line each."""
    results = Axe().run(target).response
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']]}"
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def test_resident_sends_a_message_and_sees_the_answer(page: Page) -> None:
    send(page, "when is my trash picked up")
    expect(page.locator(".onedoor-msg.bot").first).to_contain_text("picked up", timeout=REPLY_TIMEOUT_MS)


def test_buttons_are_shown_and_send_their_payload(page: Page) -> None:
    send(page, VAGUE_REQUEST)
    buttons = page.locator(".onedoor-msg.bot .onedoor-buttons button")
    expect(buttons.first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    title = buttons.first.inner_text()
    buttons.first.click()
    expect(page.locator(".onedoor-msg.user").last).to_have_text(title)
    expect(page.locator(".onedoor-msg.bot").nth(1)).to_be_visible(timeout=REPLY_TIMEOUT_MS)


def test_conversation_survives_a_reload(page: Page) -> None:
    ask_for_information(page)
    session = page.evaluate("localStorage.getItem('onedoor.session')")
    page.reload()
    expect(page.locator(".onedoor-msg")).to_have_count(1 + INFO_ANSWER_MESSAGES)
    send(page, "when is my trash picked up")
    new_answer = page.locator(".onedoor-msg.bot").nth(INFO_ANSWER_MESSAGES)
    expect(new_answer).to_contain_text("picked up", timeout=REPLY_TIMEOUT_MS)
    assert page.evaluate("localStorage.getItem('onedoor.session')") == session


def test_markup_in_a_message_is_shown_as_text(page: Page) -> None:
    send(page, "<img src=x onerror=\"document.title='owned'\"><b>hi</b>")
    expect(page.locator(".onedoor-msg.user").last).to_have_text("<img src=x onerror=\"document.title='owned'\"><b>hi</b>")
    expect(page.locator(".onedoor-msg.bot").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    assert page.title() != "owned"


def test_new_replies_are_announced_but_restored_history_is_not(page: Page) -> None:
    announcer = page.locator("#onedoor-announcer")
    expect(announcer).to_have_attribute("aria-live", "polite")
    assert page.locator("#onedoor-log").get_attribute("aria-live") is None  # the log itself is never read out
    ask_for_information(page)
    expect(announcer).to_contain_text(page.locator(".onedoor-msg.bot").first.inner_text())
    assert "how do I register to vote" not in announcer.inner_text()  # the resident's own words are not echoed
    page.reload()
    expect(page.locator(".onedoor-msg")).to_have_count(1 + INFO_ANSWER_MESSAGES)
    expect(announcer).to_have_text("")


def test_chat_page_has_no_serious_or_critical_accessibility_violations(page: Page) -> None:
    send(page, VAGUE_REQUEST)
    expect(page.locator(".onedoor-buttons button").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    assert blocking_violations(page) == []


def test_a_link_cannot_choose_the_residents_session(browser: Browser, assistant: Assistant) -> None:
    """Someone opens a chat, keeps its signed token, and sends a resident a link that names it."""
    author = RasaWebchatClient(assistant.base_url)
    planted = author.request_session(None)
    context = browser.new_context()
    resident = context.new_page()
    resident.goto(f"{assistant.base_url}/webhooks/webchat/chat#session={planted}")
    send(resident, "when is my trash picked up")
    expect(resident.locator(".onedoor-msg.bot").first).to_contain_text("picked up", timeout=REPLY_TIMEOUT_MS)
    own = resident.evaluate("localStorage.getItem('onedoor.session')")
    context.close()
    author.utter(planted, "hello")  # the author's own session still works for the author...
    history = requests.get(
        f"{assistant.base_url}/webhooks/webchat/history", headers={"Authorization": f"Bearer {planted}"}, timeout=10
    ).json()["messages"]
    author.close()
    assert own and own != planted
    assert {"from": "user", "text": "when is my trash picked up"} not in history  # ...and shows nothing of hers
