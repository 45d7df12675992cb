"""The production topology on one machine: Rasa with two Sanic workers sharing Redis locks, conversations and
records in one PostgreSQL database, every event to RabbitMQ, and a half-configured SMS channel that turns itself
off without stopping web chat or REST."""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path

import aio_pika
import pytest
import requests
import websockets
from sqlalchemy import create_engine, text

from scripts.assistant import MODEL, running_assistant
from tests.config.conftest import AMQP_URL, PASSWORD, REDIS_URL, database_variables

REPLY_SECONDS = 30


async def queued_events(queue_name: str) -> list[dict[str, object]]:
    """Every event in the queue, which is then deleted."""
    connection = await aio_pika.connect_robust(AMQP_URL)
    events = []
    try:
        queue = await (await connection.channel()).declare_queue(queue_name, durable=True, passive=True)
        while (message := await queue.get(no_ack=True, fail=False)) is not None:
            events.append(json.loads(message.body))
        await queue.delete(if_unused=False, if_empty=False)
    finally:
        await connection.close()
    return events


async def webchat_reply(base_url: str, message: str) -> dict[str, object]:
    """Ask over one WebSocket, as the chat page does (Engine.IO 4 frames, no long-polling: with several workers
    each polling request could reach another worker, which does not know the socket)."""
    url = base_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    async with websockets.connect(url, open_timeout=REPLY_SECONDS) as socket:

        async def event(name: str) -> object:
            while True:
                frame = await asyncio.wait_for(socket.recv(), REPLY_SECONDS)
                if frame == "2":
                    await socket.send("3")  # ping, pong
                elif frame.startswith("0"):
                    await socket.send("40")  # open: join the namespace
                elif frame.startswith("40") and name == "connected":
                    return frame
                elif frame.startswith("42") and json.loads(frame[2:])[0] == name:
                    return json.loads(frame[2:])[1]

        await event("connected")
        await socket.send("42" + json.dumps(["session_request", {"session_id": None}]))
        session = await event("session_confirm")
        await socket.send("42" + json.dumps(["user_uttered", {"message": message, "session_id": session}]))
        return dict(await event("bot_uttered"))  # type: ignore[arg-type]


def test_two_workers_on_redis_and_postgresql_answer_rest_and_web_chat(tmp_path: Path, postgres_url: str) -> None:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    queue_name = f"one_door_test_{uuid.uuid4().hex[:8]}"
    env = {
        **database_variables(postgres_url), "ONE_DOOR_REDIS_URL": REDIS_URL,
        "ONE_DOOR_EVENT_BROKER_URL": AMQP_URL, "ONE_DOOR_EVENT_BROKER_QUEUE": queue_name,
        "ONE_DOOR_TWILIO_ACCOUNT_SID": "AC0123456789",  # the rest of SMS is missing
    }
    with running_assistant(tmp_path, env=env) as assistant:
        rest = assistant.say("resident-production", "when is my trash picked up")
        assert any("picked up" in str(reply.get("text")) for reply in rest)
        assert "picked up" in str(asyncio.run(webchat_reply(assistant.base_url, "when is my trash picked up"))["text"])
        assert requests.get(f"{assistant.base_url}/webhooks/sms/", timeout=10).json() == {"status": "not configured"}
    rasa_log = (tmp_path / "rasa.log").read_text()
    assert rasa_log.count("sms.disabled reason=half_configured "
                          "missing=ONE_DOOR_TWILIO_AUTH_TOKEN,ONE_DOOR_TWILIO_FROM_NUMBER") >= 1
    assert "lock_store.ready kind=redis" in rasa_log
    assert all(PASSWORD not in log.read_text() for log in tmp_path.glob("*.log"))
    with create_engine(postgres_url).connect() as database:
        senders = set(database.execute(text("select distinct sender_id from events")).scalars())
        assert "resident-production" in senders and len(senders) == 2  # REST's and web chat's, in One Door's database
    events = asyncio.run(queued_events(queue_name))
    assert {"user", "bot"} <= {event["event"] for event in events if event["sender_id"] == "resident-production"}
