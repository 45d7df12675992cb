"""The web chat widget embedded by one script tag in a third-party page, in real headless Chromium."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, FrameLocator, Locator, Page, WebSocket, expect

from bot.db import Database, make_engine
from bot.queues import Queues
from bot.staff import StaffDirectory, StaffRole
from scripts.assistant import Assistant
from tests.e2e.conftest import REPLY_TIMEOUT_MS, VAGUE_REQUEST
from tests.e2e.test_console import PASSWORD, staff_page
from tests.e2e.test_webchat_page import INFO_ANSWER_MESSAGES, ask_for_information, blocking_violations, send

PAGES = Path(__file__).resolve().parent / "pages"
TITLE = "City assistant"
CHAT_URL = re.compile(r"/webhooks/webchat/chat(\?lang=[\w-]+)?(#.*)?$")
SESSION_CONFIRM = re.compile(r'^42\["session_confirm","([0-9a-f]{32})\.[A-Za-z0-9_-]{43}"\]$')


class HostPageHandler(BaseHTTPRequestHandler):
    """Serves the fixture pages with the running assistant's address in their script tag."""

    def __init__(self, assistant_url: str, *args: object) -> None:
        self.assistant_url = assistant_url
        super().__init__(*args)  # type: ignore[arg-type]

    def do_GET(self) -> None:
        page = PAGES / self.path.lstrip("/")
        if page.parent != PAGES or not page.is_file():
            self.send_error(404)
            return
        body = page.read_text().replace("{{assistant}}", self.assistant_url).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture(scope="module")
def host_site(assistant: Assistant) -> Iterator[str]:
    """A third-party site on another origin and site than the assistant: localhost rather than 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(HostPageHandler, assistant.base_url))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser: Browser, host_site: str) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{host_site}/plain.html")
    yield page
    context.close()


# Makes the chat frame's localStorage throw, as browsers that refuse storage to third-party frames do.
REFUSE_FRAME_STORAGE = """
if (window !== window.top && location.pathname.endsWith("/webhooks/webchat/chat")) {
  Object.defineProperty(window, "localStorage", {
    get: function () { throw new DOMException("third-party storage is blocked", "SecurityError"); }
  });
}
"""


@pytest.fixture
def storageless_page(browser: Browser, host_site: str) -> Iterator[Page]:
    """The host page, in a browser that refuses the chat frame any storage."""
    context = browser.new_context()
    context.add_init_script(REFUSE_FRAME_STORAGE)
    page = context.new_page()
    page.goto(f"{host_site}/plain.html")
    yield page
    context.close()


def launcher(page: Page) -> Locator:
    return page.get_by_role("button", name=f"Chat with {TITLE}")


def chat(page: Page) -> FrameLocator:
    return page.frame_locator(f"iframe[title='{TITLE} conversation']")


def chat_frame(page: Page) -> Frame:
    frame = page.frame(url=CHAT_URL)
    if frame is None:
        raise LookupError("the chat frame is not loaded")
    return frame


def confirmed_sessions(page: Page) -> list[str]:
    """Record each session id the assistant confirms to the chat frame, as it crosses the WebSocket.

    Read off the wire because Chromium may refuse the cross-site frame its localStorage.
    """
    sessions: list[str] = []

    def watch(socket: WebSocket) -> None:
        socket.on("framereceived", lambda payload: sessions.extend(SESSION_CONFIRM.findall(str(payload))))

    page.on("websocket", watch)
    return sessions


def wait_for_sessions(page: Page, sessions: list[str], count: int) -> list[str]:
    """Wait until `count` sessions were confirmed; Playwright reports frames only while it is waiting itself."""
    for _ in range(REPLY_TIMEOUT_MS // 100):
        if len(sessions) >= count:
            break
        page.wait_for_timeout(100)
    return sessions


def test_widget_sends_a_message_and_shows_the_answer(page: Page) -> None:
    launcher(page).click()
    expect(page.get_by_role("dialog", name=TITLE)).to_be_visible()
    send(chat(page), "when is my trash picked up")
    expect(chat(page).locator(".onedoor-msg.bot").first).to_contain_text("picked up", timeout=REPLY_TIMEOUT_MS)


def test_widget_reopens_with_the_same_conversation_after_a_reload(page: Page) -> None:
    sessions = confirmed_sessions(page)
    launcher(page).click()
    ask_for_information(chat(page))
    page.reload()
    expect(page.get_by_role("dialog", name=TITLE)).to_be_visible()
    expect(chat(page).locator(".onedoor-msg")).to_have_count(1 + INFO_ANSWER_MESSAGES)
    assert len(wait_for_sessions(page, sessions, 2)) == 2 and sessions[0] == sessions[1]
    send(chat(page), "when is my trash picked up")
    new_answer = chat(page).locator(".onedoor-msg.bot").nth(INFO_ANSWER_MESSAGES)
    expect(new_answer).to_contain_text("picked up", timeout=REPLY_TIMEOUT_MS)


def test_widget_is_usable_by_keyboard_alone(page: Page) -> None:
    page.keyboard.press("Tab")
    expect(launcher(page)).to_be_focused()
    page.keyboard.press("Enter")
    expect(chat(page).get_by_label("Your message")).to_be_focused()
    page.keyboard.type(VAGUE_REQUEST)
    page.keyboard.press("Enter")
    choices = chat(page).locator(".onedoor-buttons button")
    expect(choices.first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    page.keyboard.press("Shift+Tab")  # the choices sit just above the message box
    expect(choices.last).to_be_focused()
    choice = choices.last.inner_text()
    page.keyboard.press("Enter")
    expect(chat(page).locator(".onedoor-msg.user").last).to_have_text(choice)
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name=TITLE)).to_be_hidden()
    expect(launcher(page)).to_be_focused()
    expect(launcher(page)).to_have_attribute("aria-expanded", "false")


def test_widget_fits_a_360px_phone_screen(browser: Browser, host_site: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(f"{host_site}/plain.html")
    launcher(page).click()
    send(chat(page), VAGUE_REQUEST)
    expect(chat(page).locator(".onedoor-buttons button").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    send(chat(page), "x" * 120)  # one long word must wrap, not widen the panel
    expect(chat(page).locator(".onedoor-msg.bot").nth(1)).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    box = page.get_by_role("dialog", name=TITLE).bounding_box()
    assert box is not None
    assert (box["x"], box["y"]) >= (0, 0) and box["x"] + box["width"] <= 360 and box["y"] + box["height"] <= 640
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    sideways = "[...document.querySelectorAll('html, #onedoor-log')].some(e => e.scrollWidth > e.clientWidth)"
    assert chat_frame(page).evaluate(sideways) is False
    expect(chat(page).get_by_role("button", name="Send")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Close")).to_be_in_viewport()
    context.close()


def test_widget_open_on_the_host_page_has_no_serious_or_critical_accessibility_violations(page: Page) -> None:
    launcher(page).click()
    send(chat(page), VAGUE_REQUEST)
    expect(chat(page).locator(".onedoor-buttons button").first).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    assert blocking_violations(chat_frame(page)) == []
    assert blocking_violations(page) == []


def test_host_page_styles_can_neither_hide_nor_shrink_the_widget(browser: Browser, host_site: str) -> None:
    page = browser.new_page()
    page.goto(f"{host_site}/hostile.html")
    expect(launcher(page)).to_be_visible()
    assert launcher(page).evaluate("button => getComputedStyle(button).fontSize") == "16px"
    launcher(page).click()
    send(chat(page), "when is my trash picked up")
    expect(chat(page).locator(".onedoor-msg.bot").first).to_contain_text("picked up", timeout=REPLY_TIMEOUT_MS)
    page.close()


def test_staff_replies_reach_the_embedded_widget_live_open_or_closed(
    page: Page, browser: Browser, assistant: Assistant
) -> None:
    StaffDirectory(Database(make_engine(assistant.database_url))).add(
        "widget.agent", "Kim Example", "contact_center", StaffRole.CONTACT_CENTER, PASSWORD
    )
    sessions = confirmed_sessions(page)
    launcher(page).click()
    send(chat(page), "I need to speak to a real person please")
    bot = chat(page).locator(".onedoor-msg.bot")
    expect(bot.last).to_contain_text("passed your conversation", timeout=REPLY_TIMEOUT_MS)
    waiting = Queues(Database(make_engine(assistant.database_url))).waiting()
    [handoff] = [h for h in waiting if h.conversation_id == sessions[0]]

    agent = staff_page(browser, assistant, "widget.agent")
    agent.goto(f"{assistant.console_url}/handoffs/{handoff.id}")
    agent.get_by_role("button", name="Take this conversation").click()
    agent.get_by_label("Message to the resident").fill("Hello, this is Kim at 311.")
    agent.get_by_role("button", name="Send reply").click()
    expect(bot.last).to_have_text("Kim, 311 Contact Center: Hello, this is Kim at 311.", timeout=REPLY_TIMEOUT_MS)

    page.get_by_role("button", name="Close").click()
    agent.get_by_label("Message to the resident").fill("Which street are you on?")
    agent.get_by_role("button", name="Send reply").click()
    expect(page.get_by_role("button", name=f"Chat with {TITLE} (new message)")).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    expect(page.get_by_text(f"New message from {TITLE}")).to_be_attached()
    launcher(page).click()
    expect(bot.last).to_have_text("Kim, 311 Contact Center: Which street are you on?")
    expect(page.get_by_role("button", name=f"Chat with {TITLE}", exact=True)).to_be_visible()


def test_a_frame_that_may_not_store_gets_its_session_back_from_the_widget_after_a_reload(
    storageless_page: Page,
) -> None:
    page = storageless_page
    sessions = confirmed_sessions(page)
    launcher(page).click()
    ask_for_information(chat(page))
    kept = page.evaluate("localStorage.getItem('onedoor.widget.session')")
    assert kept is not None and kept.startswith(sessions[0] + ".")
    page.reload()
    expect(chat(page).locator(".onedoor-msg")).to_have_count(1 + INFO_ANSWER_MESSAGES)
    assert len(wait_for_sessions(page, sessions, 2)) == 2 and sessions[0] == sessions[1]
    assert "#" not in chat_frame(page).url  # the token never travels in a URL


def test_a_page_that_frames_the_chat_without_the_widget_is_posted_nothing(browser: Browser, host_site: str) -> None:
    context = browser.new_context()
    context.add_init_script(REFUSE_FRAME_STORAGE)
    page = context.new_page()
    page.goto(f"{host_site}/framed.html")
    conversation = page.frame_locator("iframe")
    send(conversation, "when is my trash picked up")
    expect(conversation.locator(".onedoor-msg.bot").first).to_contain_text("picked up", timeout=REPLY_TIMEOUT_MS)
    conversation.get_by_label("Your message").press("Escape")
    assert page.evaluate("window.received") == []  # no session token, no signal: it never said hello
    context.close()


def test_on_a_spanish_page_the_widget_and_its_chat_speak_spanish_and_announce_in_spanish(
    browser: Browser, host_site: str, assistant: Assistant
) -> None:
    StaffDirectory(Database(make_engine(assistant.database_url))).add(
        "widget.es", "Lu Example", "contact_center", StaffRole.CONTACT_CENTER, PASSWORD
    )
    page = browser.new_context().new_page()
    page.goto(f"{host_site}/spanish.html")
    title = "Asistente de la ciudad"
    sessions = confirmed_sessions(page)
    page.get_by_role("button", name=f"Chatear con {title}").click()
    frame = page.frame_locator(f"iframe[title='Conversación con {title}']")
    frame.get_by_label("Su mensaje").fill("quiero hablar con una persona")
    frame.get_by_role("button", name="Enviar").click()
    bot = frame.locator(".onedoor-msg.bot")
    expect(bot.last).to_contain_text("Pasé su conversación", timeout=REPLY_TIMEOUT_MS)
    assert blocking_violations(chat_frame(page)) == []
    assert blocking_violations(page) == []

    waiting = Queues(Database(make_engine(assistant.database_url))).waiting()
    [handoff] = [h for h in waiting if h.conversation_id == sessions[0]]
    agent = staff_page(browser, assistant, "widget.es")
    agent.goto(f"{assistant.console_url}/handoffs/{handoff.id}")
    agent.get_by_role("button", name="Take this conversation").click()
    page.get_by_role("button", name="Cerrar").click()
    agent.get_by_label("Message to the resident").fill("¿En qué calle está?")
    agent.get_by_role("button", name="Send reply").click()
    expect(page.get_by_role("button", name=f"Chatear con {title} (mensaje nuevo)")).to_be_visible(
        timeout=REPLY_TIMEOUT_MS
    )
    expect(page.get_by_text(f"Mensaje nuevo de {title}")).to_be_attached()
    page.get_by_role("button", name=f"Chatear con {title}").click()
    expect(bot.last).to_have_text("Lu, de Centro de Atención 311: ¿En qué calle está?")
