"""The `webchat` connector: Rasa's socket.io protocol, plus the chat page and its assets."""

from __future__ import annotations

import functools
import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncRedisManager, AsyncServer

from bot.settings import Settings, get_settings
from channels.boundary import Gate

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
USER_EVENT = "user_uttered"
BOT_EVENT = "bot_uttered"
SESSION_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class InboundMessage:
    """A resident's message as the web chat delivered it."""

    session_id: str
    text: str


def parse_session_id(data: Any) -> str:
    """The session id a browser asks to resume, or a fresh one when it has none or sends something else."""
    requested = data.get("session_id") if isinstance(data, dict) else None
    if isinstance(requested, str) and SESSION_ID.match(requested):
        return requested
    return uuid.uuid4().hex


def transcript_messages(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the chat page shows of a conversation's events: the resident's words and every reply.

    Button clicks (payloads such as `/affirm`) are left out; the reply that follows them is shown.
    """
    messages: list[dict[str, Any]] = []
    for event in events:
        text = event.get("text") or ""
        if event.get("event") == "user" and text and not text.startswith("/"):
            messages.append({"from": "user", "text": text})
        elif event.get("event") == "bot" and text:
            buttons = (event.get("data") or {}).get("buttons") or []
            messages.append({"from": "bot", "text": text, "buttons": buttons})
    return messages


def parse_webchat_payload(data: Any) -> InboundMessage | None:
    """Read a `user_uttered` payload; None when it names no valid session.

    A message that is not text becomes empty text, so that the assistant answers it rather than dropping it.
    Other keys, such as the `customData` that rasa-webchat sends, are ignored: the page that embeds a chat does not
    get to put data into the resident's conversation.
    """
    if not isinstance(data, dict):
        return None
    session_id = data.get("session_id")
    if not isinstance(session_id, str) or not SESSION_ID.match(session_id):
        return None
    text = data.get("message")
    return InboundMessage(session_id=session_id, text=text if isinstance(text, str) else "")


def _replica_fan_out() -> AsyncRedisManager | None:
    """With several Rasa replicas, socket.io's Redis queue carries every emit to the replica holding the
    browser's connection; one process needs none."""
    url = get_settings().webchat_redis_url
    return AsyncRedisManager(url) if url else None


class WebChatInput(InputChannel):
    """Socket.io chat for the city's web site; each browser session is one conversation.

    It serves the chat page, the embeddable widget (`static/widget.js`) and the protocol that the open-source
    rasa-webchat widget speaks, so a site that already uses rasa-webchat can point it here unchanged.
    """

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        return cls(socketio_path=credentials.get("socketio_path", "/socket.io"))

    def __init__(self, socketio_path: str = "/socket.io", settings: Settings | None = None) -> None:
        self.socketio_path = socketio_path
        self.sio: AsyncServer | None = None
        self._settings = settings or get_settings()
        self.gate = Gate(self.name(), self._settings)

    def get_output_channel(self) -> OutputChannel | None:
        return SocketIOOutput(self.sio, BOT_EVENT) if self.sio else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # An empty list turns python-socketio's origin check off, so that other sites can embed the chat.
        sio = AsyncServer(
            async_mode="sanic", cors_allowed_origins=[], client_manager=_replica_fan_out(),
            max_http_buffer_size=self._settings.webchat_max_packet_bytes,
        )
        self.sio = sio
        webchat = SocketBlueprint(sio, self.socketio_path, "webchat_webhook", __name__)
        self.gate.cap_request_size(webchat)
        webchat.static("/static", str(STATIC_DIR))

        @webchat.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webchat.route("/history", methods=["GET"])
        async def history(request: Request) -> HTTPResponse:
            # The random session id is the only key to a conversation: a browser sees only its own.
            session_id = request.args.get("session_id", "")
            if not SESSION_ID.match(session_id):
                return response.json({"messages": []}, status=400)
            tracker = await request.app.ctx.agent.tracker_store.retrieve_full_tracker(session_id)
            events = [event.as_dict() for event in tracker.events] if tracker else []
            return response.json({"messages": transcript_messages(events)})

        @webchat.route("/chat", methods=["GET"])
        async def page(_: Request) -> HTTPResponse:
            return await response.file(str(STATIC_DIR / "chat.html"))

        @sio.on("session_request")
        async def session_request(sid: str, data: Any) -> None:
            session_id = parse_session_id(data)
            # Replies go to the session's room, so a reloaded page (a new socket) still receives them.
            sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on(USER_EVENT)
        async def user_uttered(sid: str, data: Any) -> None:
            inbound = parse_webchat_payload(data)
            if inbound is None:
                logger.info("webchat.message.rejected reason=no_session")
                return
            output = SocketIOOutput(sio, BOT_EVENT)
            text = await self.gate.admit(
                inbound.session_id, inbound.text, functools.partial(output.send_text_message, inbound.session_id),
                self.gate.address((sio.get_environ(sid) or {}).get("sanic.request")),
            )
            if text is None:
                return
            await on_new_message(
                UserMessage(
                    text,
                    output,
                    inbound.session_id,
                    input_channel=self.name(),
                )
            )

        return webchat
