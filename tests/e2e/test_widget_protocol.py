"""The `webchat` connector speaks what the open-source rasa-webchat widget (botfront/rasa-webchat 1.0) sends.

The client below is python-socketio saying exactly what rasa-webchat's socket.io client says: `session_request`
with `{"session_id": null}` or the id it stored, then `user_uttered` with `message`, `customData` and
`session_id`. rasa-webchat stores whatever id `session_confirm` carries, so a stock rasa-webchat keeps the signed
session the server issues. It draws a reply as text only when it has exactly the key `text`, and as buttons when
it has exactly `text` and `quick_replies`; the assertions hold the connector to those shapes.
"""

from __future__ import annotations

import queue
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import socketio

from scripts.assistant import Assistant
from tests.e2e.conftest import VAGUE_REQUEST

SESSION_ID = re.compile(r"^[0-9a-f]{32}\.[A-Za-z0-9_-]{43}$")
REPLY_SECONDS = 30
SILENCE_SECONDS = 3
CUSTOM_DATA = {"language": "en"}


class RasaWebchatClient:
    """A socket.io connection that talks like rasa-webchat and queues what the assistant emits."""

    def __init__(self, url: str) -> None:
        self.received: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.sio = socketio.Client()
        for event in ("session_confirm", "bot_uttered"):
            self.sio.on(event, lambda data, event=event: self.received.put((event, data)))
        self.sio.connect(url, socketio_path="/socket.io")

    def request_session(self, stored: str | None) -> str:
        self.sio.emit("session_request", {"session_id": stored})
        event, data = self.received.get(timeout=REPLY_SECONDS)
        assert event == "session_confirm"
        return str(data)

    def utter(self, session_id: str | None, message: str) -> None:
        self.sio.emit("user_uttered", {"message": message, "customData": CUSTOM_DATA, "session_id": session_id})

    def next_reply(self, timeout: float = REPLY_SECONDS) -> dict[str, Any]:
        event, data = self.received.get(timeout=timeout)
        assert event == "bot_uttered"
        return dict(data)

    def close(self) -> None:
        self.sio.disconnect()


@pytest.fixture
def client(assistant: Assistant) -> Iterator[RasaWebchatClient]:
    connection = RasaWebchatClient(assistant.base_url)
    yield connection
    connection.close()


def test_rasa_webchat_gets_a_new_session_and_a_text_reply(client: RasaWebchatClient) -> None:
    session = client.request_session(None)
    assert SESSION_ID.match(session)
    client.utter(session, "when is my trash picked up")
    reply = client.next_reply()
    assert set(reply) == {"text"}
    assert "picked up" in reply["text"]


def test_rasa_webchat_gets_buttons_as_quick_replies_and_their_payload_works(client: RasaWebchatClient) -> None:
    session = client.request_session(None)
    client.utter(session, VAGUE_REQUEST)
    reply = client.next_reply()
    while "quick_replies" not in reply or not reply["quick_replies"]:
        reply = client.next_reply()
    assert set(reply) == {"text", "quick_replies"}
    choice = reply["quick_replies"][0]
    assert choice["content_type"] == "text" and choice["title"] and choice["payload"].startswith("/")
    client.utter(session, choice["payload"])
    assert client.next_reply()["text"]


def test_rasa_webchat_resumes_its_stored_session_on_a_new_connection(
    client: RasaWebchatClient, assistant: Assistant
) -> None:
    session = client.request_session(None)
    client.utter(session, "hello")
    client.next_reply()
    client.close()

    reloaded = RasaWebchatClient(assistant.base_url)
    try:
        assert reloaded.request_session(session) == session
        reloaded.utter(session, "thanks")
        assert "welcome" in reloaded.next_reply()["text"]
    finally:
        reloaded.close()
    history = requests.get(
        f"{assistant.base_url}/webhooks/webchat/history", headers={"Authorization": f"Bearer {session}"}, timeout=10
    )
    assert {"from": "user", "text": "hello"} in history.json()["messages"]


def test_an_id_the_server_did_not_issue_is_not_adopted(client: RasaWebchatClient) -> None:
    chosen = uuid.uuid4().hex
    session = client.request_session(chosen)
    assert SESSION_ID.match(session) and not session.startswith(chosen)


def test_a_message_naming_another_browsers_session_is_dropped(
    client: RasaWebchatClient, assistant: Assistant
) -> None:
    resident = RasaWebchatClient(assistant.base_url)
    try:
        theirs = resident.request_session(None)
        client.request_session(None)
        client.utter(theirs, "when is my trash picked up")
        with pytest.raises(queue.Empty):
            resident.next_reply(timeout=SILENCE_SECONDS)
        with pytest.raises(queue.Empty):
            client.next_reply(timeout=0.1)
    finally:
        resident.close()
    history = requests.get(
        f"{assistant.base_url}/webhooks/webchat/history", headers={"Authorization": f"Bearer {theirs}"}, timeout=10
    )
    assert history.json() == {"messages": []}


def test_a_session_request_with_a_malformed_id_gets_a_fresh_session(client: RasaWebchatClient) -> None:
    session = client.request_session("../../etc/passwd")
    assert SESSION_ID.match(session)


def test_a_message_without_a_session_id_is_dropped(client: RasaWebchatClient) -> None:
    client.request_session(None)
    client.utter(None, "when is my trash picked up")
    with pytest.raises(queue.Empty):
        client.next_reply(timeout=SILENCE_SECONDS)
