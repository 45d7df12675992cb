"""The `webchat` connector over real socket.io and HTTP, served by Sanic as Rasa serves it, with a recorder in
Rasa's place: sessions the server issues, fixation refused, and any payload refused or handled."""

from __future__ import annotations

import asyncio
import queue
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
import requests
import socketio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr
from rasa.core.channels.channel import UserMessage
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.server import configure_cors
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from sanic import Sanic

from bot.catalog import load_catalog
from bot.settings import Settings
from channels.webchat import WebChatInput
from channels.webchat_sessions import TOKEN, SessionSigner
from scripts.assistant import free_port
from tests.channels.test_webchat_sessions import PAYLOADS

KEY = "test session key"
LISTED_SITE = "https://www.city.example"
WAIT_SECONDS = 10


class Recorder:
    """Stands in for Rasa: keeps each message the channel hands over, in a tracker store as Rasa would."""

    def __init__(self) -> None:
        self.store = InMemoryTrackerStore(Domain.empty())
        self.messages: queue.Queue[UserMessage] = queue.Queue()

    async def __call__(self, message: UserMessage) -> None:
        tracker = await self.store.get_or_create_tracker(message.sender_id)
        tracker.update(UserUttered(message.text))
        await self.store.save(tracker)
        self.messages.put(message)

    def received(self) -> list[UserMessage]:
        taken: list[UserMessage] = []
        while not self.messages.empty():
            taken.append(self.messages.get_nowait())
        return taken


@dataclass
class Served:
    url: str
    rasa: Recorder

    def history(self, **kwargs: Any) -> requests.Response:
        return requests.get(f"{self.url}/webhooks/webchat/history", timeout=WAIT_SECONDS, **kwargs)


class Browser:
    """A socket.io connection that speaks as the chat page does and queues the sessions it is confirmed."""

    def __init__(self, url: str) -> None:
        self.confirmed: queue.Queue[str] = queue.Queue()
        self.welcomed: queue.Queue[dict[str, Any]] = queue.Queue()
        self.session: str | None = None
        self.sio = socketio.Client()
        self.sio.on("session_confirm", self.confirmed.put)
        self.sio.on("welcome", self.welcomed.put)
        self.sio.connect(url, socketio_path="/socket.io")

    def request_session(self, requested: object) -> str:
        self.sio.emit("session_request", {"session_id": requested})
        self.session = self.confirmed.get(timeout=WAIT_SECONDS)
        return self.session

    def utter(self, session: object, text: str) -> None:
        """Send a message and wait until the server has handled it (its acknowledgement)."""
        self.sio.call("user_uttered", {"session_id": session, "message": text}, timeout=WAIT_SECONDS)

    def close(self) -> None:
        self.sio.disconnect()


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    """Serve the channel's blueprint in a thread of its own, so that blocking clients can talk to it."""
    Sanic.test_mode = True  # Sanic rewrites its own methods once per process unless in test mode
    channel = WebChatInput(Settings(webchat_session_key=SecretStr(KEY), webchat_allowed_origins=LISTED_SITE))
    rasa = Recorder()
    app = Sanic(f"webchat-test-{uuid.uuid4().hex}")
    configure_cors(app, None)  # what `rasa run` does without `--cors`
    app.blueprint(channel.blueprint(rasa), url_prefix="/webhooks/webchat")
    app.ctx.agent = SimpleNamespace(tracker_store=rasa.store)
    port = free_port()
    loop = asyncio.new_event_loop()
    started = threading.Event()

    async def start() -> Any:
        server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
        await server.startup()
        await server.before_start()
        await server.after_start()
        started.set()
        return server

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert started.wait(WAIT_SECONDS)
    yield Served(f"http://127.0.0.1:{port}", rasa)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(WAIT_SECONDS)


@pytest.fixture
def browser(served: Served) -> Iterator[Browser]:
    served.rasa.received()
    connection = Browser(served.url)
    yield connection
    connection.close()


def test_a_session_is_confirmed_with_the_welcome_from_the_catalogue_before_anything_is_typed(
    served: Served, browser: Browser
) -> None:
    browser.request_session(None)
    welcome = browser.welcomed.get(timeout=WAIT_SECONDS)
    city = load_catalog(Settings().catalog_dir).city
    assert welcome["max_chars"] == Settings().max_message_chars
    assert city.name in welcome["text"] and city.privacy_url in welcome["text"]
    assert "automated assistant" in welcome["text"] and '"person"' in welcome["text"]
    assert served.rasa.received() == []


def test_a_new_browser_is_issued_a_signed_session_and_its_messages_reach_rasa_under_the_id(
    served: Served, browser: Browser
) -> None:
    token = browser.request_session(None)
    session = SessionSigner(KEY).verify(token)
    assert session is not None
    browser.utter(token, "hello")
    [message] = served.rasa.received()
    assert (message.sender_id, message.text, message.input_channel) == (session.id, "hello", "webchat")


def test_a_reconnecting_browser_resumes_its_signed_session(served: Served, browser: Browser) -> None:
    token = browser.request_session(None)
    browser.close()
    again = Browser(served.url)
    try:
        assert again.request_session(token) == token
        again.utter(token, "still me")
        assert [m.text for m in served.rasa.received()] == ["still me"]
    finally:
        again.close()


def test_an_id_chosen_by_someone_else_is_not_adopted(browser: Browser) -> None:
    chosen = uuid.uuid4().hex
    token = browser.request_session(chosen)
    assert TOKEN.match(token) and not token.startswith(chosen)


def test_a_message_naming_another_sockets_session_is_refused(served: Served, browser: Browser) -> None:
    resident = Browser(served.url)
    try:
        theirs = resident.request_session(None)
        mine = browser.request_session(None)
        browser.utter(theirs, "I am not who I say")
        browser.utter(theirs.split(".")[0], "nor am I")
        assert served.rasa.received() == []
        browser.utter(mine, "my own words")
        assert [m.text for m in served.rasa.received()] == ["my own words"]
    finally:
        resident.close()


def test_a_message_before_any_session_request_is_refused(served: Served, browser: Browser) -> None:
    other = Browser(served.url)
    try:
        token = other.request_session(None)
    finally:
        other.close()
    browser.utter(token, "hello")
    assert served.rasa.received() == []


def test_history_needs_the_signed_token_in_a_header(served: Served, browser: Browser) -> None:
    token = browser.request_session(None)
    browser.utter(token, "where is my bin")
    session_id = token.split(".")[0]
    assert served.history().status_code == 401
    assert served.history(params={"session_id": session_id}).status_code == 401
    assert served.history(params={"token": token}).status_code == 401
    assert served.history(headers={"Authorization": f"Bearer {session_id}"}).status_code == 401
    forged = SessionSigner("another key").issue().token
    assert served.history(headers={"Authorization": f"Bearer {forged}"}).status_code == 401
    shown = served.history(headers={"Authorization": f"Bearer {token}"})
    assert shown.status_code == 200 and shown.headers["Cache-Control"] == "no-store"
    assert shown.json() == {"messages": [{"from": "user", "text": "where is my bin"}]}


@pytest.mark.parametrize(
    ("origin", "accepted"),
    [("https://evil.example", False), ("null", False), (LISTED_SITE, True), (None, True)],
)
def test_only_the_assistants_own_pages_and_listed_sites_may_open_a_socket(
    served: Served, origin: str | None, accepted: bool
) -> None:
    handshake = requests.get(
        f"{served.url}/socket.io/", params={"EIO": "4", "transport": "polling"},
        headers={"Origin": origin} if origin else {}, timeout=WAIT_SECONDS,
    )
    assert handshake.ok is accepted
    assert handshake.headers.get("Access-Control-Allow-Origin") in ((origin,) if accepted and origin else (None,))


def test_the_assistants_own_page_may_open_a_socket(served: Served) -> None:
    own = served.url.replace("http://", "https://")  # the scheme is not compared: a proxy may end TLS
    handshake = requests.get(
        f"{served.url}/socket.io/", params={"EIO": "4", "transport": "polling"}, headers={"Origin": own}, timeout=10
    )
    assert handshake.ok


# A tuple is sent as several arguments, None as none: socket.io lets a client send either.
ARGUMENTS = st.one_of(PAYLOADS, st.tuples(PAYLOADS, PAYLOADS))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=ARGUMENTS)
def test_any_session_request_payload_is_answered_with_a_signed_session(browser: Browser, payload: Any) -> None:
    browser.sio.emit("session_request", payload)
    assert SessionSigner(KEY).verify(browser.confirmed.get(timeout=WAIT_SECONDS)) is not None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=ARGUMENTS, naming_its_own=st.booleans())
def test_any_message_payload_is_handled_without_error_and_only_for_the_sockets_session(
    served: Served, browser: Browser, payload: Any, naming_its_own: bool
) -> None:
    own = browser.session or browser.request_session(None)
    handled = naming_its_own and isinstance(payload, dict)
    if handled:
        payload = {**payload, "session_id": own}
    # An acknowledgement comes only once the handler has returned: an exception would leave this waiting.
    browser.sio.call("user_uttered", payload, timeout=WAIT_SECONDS)
    senders = [m.sender_id for m in served.rasa.received()]
    assert senders == ([own.split(".")[0]] if handled else [])
