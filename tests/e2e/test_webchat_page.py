"""The web chat page in real headless Chromium, against the running assistant."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from scripts.assistant import Assistant
from tests.e2e.conftest import REPLY_TIMEOUT_MS



@pytest.fixture
def page(browser: Browser, assistant: Assistant) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{assistant.base_url}/webhooks/webchat/chat")
    yield page
    context.close()


def send(page: Page, text: str) -> None:
    page.get_by_label("Your message").fill(text)
    page.get_by_role("button", name="Send").click()


def test_resident_sends_a_message_and_sees_the_answer(page: Page) -> None:
    send(page, "when is my trash picked up")
    expect(page.locator(".onedoor-msg.bot").first).to_contain_text("picked up", timeout=REPLY_TIMEOUT_MS)


def test_buttons_are_shown_and_send_their_payload(page: Page) -> None:
    send(page, "blorp fnord quux")
    buttons = page.locator(".onedoor-msg.bot .onedoor-buttons button")
    expect(buttons.first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    title = buttons.first.inner_text()
    buttons.first.click()
    expect(page.locator(".onedoor-msg.user").last).to_have_text(title)
    expect(page.locator(".onedoor-msg.bot").nth(1)).to_be_visible(timeout=REPLY_TIMEOUT_MS)


def test_conversation_survives_a_reload(page: Page) -> None:
    send(page, "how do I register to vote")
    # An info answer is two messages: the answer, then what to have ready, cost and contact.
    expect(page.locator(".onedoor-msg.bot")).to_have_count(2, timeout=REPLY_TIMEOUT_MS)
    session = page.evaluate("localStorage.getItem('onedoor.session')")
    page.reload()
    expect(page.locator(".onedoor-msg")).to_have_count(3)
    send(page, "thanks")
    expect(page.locator(".onedoor-msg.bot").last).to_contain_text("welcome", timeout=REPLY_TIMEOUT_MS)
    assert page.evaluate("localStorage.getItem('onedoor.session')") == session


def test_markup_in_a_message_is_shown_as_text(page: Page) -> None:
    send(page, "<img src=x onerror=\"document.title='owned'\"><b>hi</b>")
    expect(page.locator(".onedoor-msg.user").last).to_have_text("<img src=x onerror=\"document.title='owned'\"><b>hi</b>")
    expect(page.locator(".onedoor-msg.bot").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    assert page.title() != "owned"
