"""Every connector's boundary over real HTTP (and socket.io), with a recorder in Rasa's place: an over-long
or too-fast message gets the channel's own polite answer, and nothing of it reaches the assistant."""

from __future__ import annotations

import asyncio
import queue
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import requests
import socketio
from pydantic import SecretStr
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Sanic

from bot import migrate
from bot.messaging.notices import Notice, render
from bot.settings import Settings
from channels.rest import RestInput
from channels.sms import TwilioSms
from channels.telegram import TelegramInput
from channels.webchat import WebChatInput
from scripts.assistant import free_port
from tests.fakes.disclosure import disclosed
from tests.channels.test_sms_delivery import receive, send_due
from tests.channels.test_telegram import serve, settings_for, stop
from tests.fakes.telegram import FakeTelegram, TelegramResident
from tests.fakes.twilio import FROM_NUMBER, FakeTwilio

CITY = "City of Harborview"
TOO_LONG = render(Notice.MESSAGE_TOO_LONG, CITY)
SLOW_DOWN = render(Notice.RATE_LIMITED, CITY)
# Small limits, so that a test reaches them in a few messages.
LIMITS = {"max_message_chars": 50, "rate_limit_per_sender": "3/minute", "rate_limit_per_address": "5/minute"}
REST_TOKEN = "rest-token-for-the-boundary-tests"


class Assistant:
    """Stands in for Rasa: keeps what it is handed and answers each message with "ok"."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    async def __call__(self, message: UserMessage) -> None:
        self.texts.append(str(message.text))
        await message.output_channel.send_text_message(message.sender_id, "ok")


@pytest.fixture(autouse=True)
def several_sanic_apps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Sanic, "test_mode", True)


@pytest.fixture
async def served_app() -> AsyncIterator[Callable[[InputChannel, Assistant], Awaitable[str]]]:
    """Serve connectors' blueprints as Rasa does; each call returns the connector's base URL."""
    servers: list[Any] = []

    async def start(channel: InputChannel, assistant: Assistant) -> str:
        app = Sanic(f"boundary-test-{uuid.uuid4().hex}")
        app.blueprint(channel.blueprint(assistant), url_prefix=f"/webhooks/{channel.name()}")
        port = free_port()
        server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
        await server.startup()
        await server.before_start()
        await server.after_start()
        servers.append(server)
        return f"http://127.0.0.1:{port}"

    yield start
    for server in servers:
        await stop(server)


# REST


def rest_channel(**settings: Any) -> RestInput:
    return RestInput(Settings(rest_token=SecretStr(REST_TOKEN), **settings))


async def say(base_url: str, sender: str, message: object, headers: dict[str, str] | None = None) -> list[Any]:
    reply = await asyncio.to_thread(
        requests.post, f"{base_url}/webhooks/rest/webhook", json={"sender": sender, "message": message},
        headers={"Authorization": f"Bearer {REST_TOKEN}", **(headers or {})}, timeout=10,
    )
    reply.raise_for_status()
    return [item["text"] for item in reply.json()]


async def test_rest_answers_an_over_long_message_itself_and_the_assistant_never_sees_it(served_app: Any) -> None:
    assistant = Assistant()
    base_url = await served_app(rest_channel(**LIMITS), assistant)
    assert await say(base_url, "r1", "x" * 51) == [TOO_LONG]
    assert await say(base_url, "r1", "  pothole\x00 on Elm  ") == ["ok"]
    assert assistant.texts == ["pothole on Elm"]


async def test_rest_tells_a_fast_sender_to_wait_once_then_stays_quiet(served_app: Any) -> None:
    assistant = Assistant()
    base_url = await served_app(rest_channel(**LIMITS), assistant)
    answers = [await say(base_url, "r2", f"message {n}") for n in range(5)]
    assert answers == [["ok"]] * 3 + [[SLOW_DOWN], []]
    assert assistant.texts == ["message 0", "message 1", "message 2"]
    assert await say(base_url, "r3", "hello") == ["ok"]


async def test_rest_limits_one_client_address_across_senders_behind_a_trusted_proxy(served_app: Any) -> None:
    assistant = Assistant()
    base_url = await served_app(rest_channel(**LIMITS, trusted_proxies="127.0.0.1"), assistant)
    client = {"X-Forwarded-For": "203.0.113.5"}
    answers = [await say(base_url, f"r-{n}", "hello", client) for n in range(6)]
    assert answers == [["ok"]] * 5 + [[SLOW_DOWN]]
    # Another client behind the same proxy is counted apart.
    assert await say(base_url, "r-9", "hello", {"X-Forwarded-For": "198.51.100.1"}) == ["ok"]


async def test_a_body_over_the_request_limit_gets_413_before_any_handler(served_app: Any) -> None:
    assistant = Assistant()
    base_url = await served_app(rest_channel(max_request_bytes=10_000), assistant)
    reply = await asyncio.to_thread(
        requests.post, f"{base_url}/webhooks/rest/webhook", json={"sender": "r", "message": "x" * 20_000},
        headers={"Authorization": f"Bearer {REST_TOKEN}"}, timeout=10,
    )
    assert reply.status_code == 413
    assert assistant.texts == []


# Web chat


class Browser:
    """A socket.io client, as the chat page is: it asks for a session and uses the token the server issues;
    what the server emits is queued."""

    def __init__(self, base_url: str) -> None:
        self.received: queue.Queue[Any] = queue.Queue()
        self.disconnected = queue.Queue[bool]()
        issued = queue.Queue[str]()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("bot_uttered", lambda data: self.received.put(data["text"]))
        self.sio.on("disconnect", lambda: self.disconnected.put(True))
        self.sio.on("session_confirm", issued.put)
        self.sio.connect(base_url, socketio_path="/socket.io")
        self.sio.emit("session_request", {})
        self.session = issued.get(timeout=10)

    def utter(self, text: str) -> None:
        self.sio.emit("user_uttered", {"session_id": self.session, "message": text})

    def next_text(self) -> str:
        return str(self.received.get(timeout=10))


@pytest.fixture
async def browser(served_app: Any, request: pytest.FixtureRequest) -> AsyncIterator[tuple[Browser, Assistant]]:
    """A browser connected to the web chat; `@pytest.mark.parametrize("browser", [{...}], indirect=True)`
    changes the settings."""
    assistant = Assistant()
    overrides = getattr(request, "param", {})
    settings = {**LIMITS, "webchat_max_packet_bytes": 4096, **overrides}
    channel = WebChatInput(Settings(webchat_session_key=SecretStr("a web chat key for the boundary tests"), **settings))
    base_url = await served_app(channel, assistant)
    client = await asyncio.to_thread(Browser, base_url)
    yield client, assistant
    await asyncio.to_thread(client.sio.disconnect)


async def test_web_chat_answers_over_long_and_too_fast_messages_itself(browser: tuple[Browser, Assistant]) -> None:
    client, assistant = browser
    answers = []
    for text in ["x" * 51, "first", "second", "third", "fourth"]:
        await asyncio.to_thread(client.utter, text)
        answers.append(await asyncio.to_thread(client.next_text))
    await asyncio.to_thread(client.utter, "fifth")  # still too fast, and already told: no answer
    await asyncio.to_thread(client.utter, "x" * 51)  # a message the boundary answers, so the fifth was handled
    assert await asyncio.to_thread(client.next_text) == TOO_LONG
    assert answers == [TOO_LONG, "ok", "ok", "ok", SLOW_DOWN]
    assert assistant.texts == ["first", "second", "third"]


@pytest.mark.parametrize(
    "browser", [{"rate_limit_per_sender": "100/minute", "rate_limit_per_address": "2/minute"}], indirect=True
)
async def test_web_chat_counts_the_browsers_address(browser: tuple[Browser, Assistant]) -> None:
    client, assistant = browser
    answers = []
    for text in ["one", "two", "three"]:
        await asyncio.to_thread(client.utter, text)
        answers.append(await asyncio.to_thread(client.next_text))
    assert answers == ["ok", "ok", SLOW_DOWN]


async def test_web_chat_closes_a_connection_that_sends_a_packet_over_the_cap(
    browser: tuple[Browser, Assistant]
) -> None:
    client, assistant = browser
    await asyncio.to_thread(client.utter, "x" * 5000)
    assert await asyncio.to_thread(client.disconnected.get, True, 10)
    assert assistant.texts == []


# SMS and Telegram, whose replies go through the outbox


async def test_sms_answers_too_long_and_too_fast_messages_through_the_outbox(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'onedoor.db'}"
    migrate.upgrade(url)
    with FakeTwilio() as twilio:
        channel = TwilioSms(Settings(
            **LIMITS, database_url=url, pseudonym_key=SecretStr("test key"), twilio_account_sid=twilio.account_sid,
            twilio_auth_token=SecretStr(twilio.auth_token), twilio_from_number=FROM_NUMBER, twilio_api_url=twilio.url,
        ))
        assistant = Assistant()
        for text in ["y" * 51, "one", "two", "three", "four", "five", "HELP"]:
            await receive(channel, assistant, text)
        for _ in range(10):
            await send_due(channel)
        bodies = [message.body for message in twilio.messages()]
    assert assistant.texts == ["one", "two", "three"]
    # Each refusal answered once, the assistant's replies in between, and HELP answered whatever the limit.
    assert bodies.count(disclosed("sms", TOO_LONG)) == 1 and bodies.count(SLOW_DOWN) == 1 and bodies.count("ok") == 3
    assert bodies[-1] == render(Notice.SMS_HELP, CITY)


async def test_telegram_answers_a_message_over_the_length_limit_and_passes_nothing_on(tmp_path: Path) -> None:
    with FakeTelegram() as telegram:
        channel = TelegramInput(settings_for(tmp_path, telegram).copy(update=LIMITS))
        assistant = Assistant()
        base_url, server = await serve(channel, assistant)  # type: ignore[arg-type]
        try:
            resident = TelegramResident(telegram, f"{base_url}/webhook", "test-secret_0123456789")
            for text in ["z" * 51, "one", "two", "three", "four"]:
                await asyncio.to_thread(resident.post, resident.message_update(text=text))
            sent = [call.text for call in await asyncio.to_thread(telegram.wait_for, resident.chat_id, 5, 10.0)]
        finally:
            await stop(server)
    assert assistant.texts == ["one", "two", "three"]
    assert sent == [disclosed("telegram", TOO_LONG), "ok", "ok", "ok", SLOW_DOWN]

