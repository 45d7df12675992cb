"""The boundary against the real assistant: a resident's reply is not held up by another resident's 100 kB
message, over REST and over web chat, and the Rasa server refuses bodies over its size limit."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import requests

from bot.messaging.notices import Notice, render
from scripts.assistant import Assistant
from tests.e2e.test_widget_protocol import RasaWebchatClient

TOO_LONG = render(Notice.MESSAGE_TOO_LONG, "City of Harborview")
HUGE = "crash injured " * 7_500  # about 100 kB of the cue words the safety and PII patterns look for
# Over the 4,000-character limit, and under web chat's 64 kB packet limit.
LONG = "pothole " * 6_000
BOUND_SECONDS = 3.0


def in_background(work: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    return thread, result


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.monotonic()
    outcome = work()
    return time.monotonic() - started, outcome


def test_a_body_over_the_servers_limit_gets_413(assistant: Assistant) -> None:
    reply = requests.post(
        f"{assistant.base_url}/webhooks/rest/webhook", timeout=30,
        data=b'{"sender": "x", "message": "' + b"a" * (2 * 1024 * 1024) + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert reply.status_code == 413


def test_over_rest_a_100_kb_message_gets_the_polite_answer_and_delays_nobody(assistant: Assistant) -> None:
    flood, flooded = in_background(lambda: assistant.say(uuid.uuid4().hex, HUGE))
    seconds, replies = timed(lambda: assistant.say(uuid.uuid4().hex, "how do I pay a parking ticket"))
    flood.join(timeout=30)
    assert seconds < BOUND_SECONDS
    assert "parking" in " ".join(str(reply.get("text", "")) for reply in replies).lower()
    assert [reply["text"] for reply in flooded[0]] == [TOO_LONG]


def test_over_web_chat_long_and_oversized_messages_delay_nobody(assistant: Assistant) -> None:
    sender, oversized, resident = (RasaWebchatClient(assistant.base_url) for _ in range(3))
    try:
        sender_session = sender.request_session(None)
        oversized_session = oversized.request_session(None)
        resident_session = resident.request_session(None)

        sender.utter(sender_session, LONG)
        seconds, reply = timed(lambda: (resident.utter(resident_session, "hello"), resident.next_reply())[1])
        assert seconds < BOUND_SECONDS and reply["text"]
        assert sender.next_reply()["text"] == TOO_LONG

        # 100 kB is over the socket.io packet limit: the transport closes that connection.
        oversized.utter(oversized_session, HUGE)
        seconds, reply = timed(
            lambda: (resident.utter(resident_session, "how do I pay a parking ticket"), resident.next_reply())[1]
        )
        assert seconds < BOUND_SECONDS and "parking" in reply["text"].lower()
        deadline = time.monotonic() + 10
        while oversized.sio.connected and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not oversized.sio.connected
    finally:
        for client in (sender, oversized, resident):
            if client.sio.connected:
                client.close()
