"""The `webchat` connector: Rasa's socket.io protocol with sessions the server issues (`webchat_sessions`), plus
the chat page and its assets."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncRedisManager, AsyncServer

from bot import migrate
from bot.bearer import bearer_token
from bot.catalog import load_catalog
from bot.i18n.catalog import translate_catalog
from bot.language import PAGE_LANGUAGE
from bot.messaging.notices import Notice
from bot.messaging.notices import render as render_notice
from bot.settings import Settings, get_settings
from channels.boundary import Gate, announcing
from channels.webchat_page import page_language, render_page, strings
from channels.webchat_sessions import TOKEN, Refusal, SessionSigner, authorise, resume_or_issue
from channels.tracing import traced

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
USER_EVENT = "user_uttered"
BOT_EVENT = "bot_uttered"
# The page's welcome, sent with every session confirmation; rasa-webchat ignores events it does not know.
WELCOME_EVENT = "welcome"
# Where a socket's session lives in python-socketio's per-connection store.
BOUND = "onedoor.session"
# The page language last passed on to the assistant for this socket: passed again only when it changes (the
# resident chose another), so a language the resident switched to in words is not undone by the next message.
LANGUAGE_SENT = "onedoor.language"


@dataclass(frozen=True)
class InboundMessage:
    """A resident's message as the web chat delivered it, with the session token it names."""

    session_id: str
    text: str
    # The page's language as the page says it ("es", "en-US"); checked against the city's languages before use.
    page_language: str | None = None


def origin_allowed(origin: str | None, environ: Mapping[str, Any], allowed: frozenset[str]) -> bool:
    """Whether a browser page at `origin` may open a chat socket: the assistant's own pages, or a site the
    operator listed (`ONE_DOOR_WEBCHAT_ALLOWED_ORIGINS`).

    Own pages are those whose host is the one the request was sent to (or the one a proxy forwarded). The scheme
    is not compared: behind a proxy that ends TLS the server cannot tell it, and a page on the same host is the
    operator's either way.
    """
    if not origin:
        return False
    if origin.rstrip("/") in allowed:
        return True
    parts = urlsplit(origin)
    forwarded = str(environ.get("HTTP_X_FORWARDED_HOST", "")).split(",")[0]
    hosts = {str(environ.get("HTTP_HOST", "")).strip().lower(), forwarded.strip().lower()} - {""}
    return parts.scheme in ("http", "https") and parts.netloc.lower() in hosts


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
    """Read a `user_uttered` payload; None when it names no session token.

    A message that is not text becomes empty text, so that the assistant answers it rather than dropping it.
    Other keys, such as the `customData` that rasa-webchat sends, are ignored: the page that embeds a chat does not
    get to put data into the resident's conversation.
    """
    if not isinstance(data, dict):
        return None
    session_id = data.get("session_id")
    if not isinstance(session_id, str) or not TOKEN.match(session_id):
        return None
    text = data.get("message")
    language = data.get("lang")
    return InboundMessage(
        session_id=session_id,
        text=text if isinstance(text, str) else "",
        page_language=language[:16] if isinstance(language, str) else None,
    )


def _replica_fan_out() -> AsyncRedisManager | None:
    """With several Rasa replicas, socket.io's Redis queue carries every emit to the replica holding the
    browser's connection; one process needs none."""
    url = get_settings().webchat_redis()
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
        # Rasa builds its connectors once, at start (web chat is always one): a database not migrated stops it here.
        migrate.exit_unless_current(get_settings().database_url)
        return cls(get_settings(), socketio_path=credentials.get("socketio_path", "/socket.io"))

    def __init__(self, settings: Settings, socketio_path: str = "/socket.io") -> None:
        self.socketio_path = socketio_path
        self.sio: AsyncServer | None = None
        self._settings = settings
        self.gate = Gate(self.name(), settings)
        self.sessions = SessionSigner(settings.webchat_session_key.get_secret_value())
        self.origins = settings.webchat_origins()
        catalog = load_catalog(settings.catalog_dir)
        self.languages = catalog.city.languages
        self.welcome = {
            language: {
                "text": render_notice(
                    Notice.WEBCHAT_WELCOME, translate_catalog(catalog, settings.catalog_dir, language).city.name,
                    language, privacy_url=catalog.city.privacy_url,
                ),
                # The page refuses a longer message itself, so that it is never cut or lost without a word.
                "max_chars": settings.max_message_chars,
            }
            for language in self.languages
        }

    def get_output_channel(self) -> OutputChannel | None:
        return SocketIOOutput(self.sio, BOT_EVENT) if self.sio else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        on_new_message = announcing(traced(on_new_message), self._settings)
        # The chat page and the widget's frame are the assistant's own pages; other sites only when listed.
        sio = AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=lambda origin, environ: origin_allowed(origin, environ, self.origins),
            client_manager=_replica_fan_out(),
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
            # Only the browser the server issued the session to holds its token, sent in a header, never the URL.
            session = self.sessions.verify(bearer_token(request.headers.get("Authorization")))
            if session is None:
                logger.info("webchat.history.rejected reason=%s", Refusal.BAD_SIGNATURE.value)
                return response.json({"messages": []}, status=401, headers={"WWW-Authenticate": "Bearer"})
            tracker = await request.app.ctx.agent.tracker_store.retrieve_full_tracker(session.id)
            events = [event.as_dict() for event in tracker.events] if tracker else []
            return response.json({"messages": transcript_messages(events)}, headers={"Cache-Control": "no-store"})

        @webchat.route("/chat", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            return response.html(render_page(page_language(request.args.get("lang"), self.languages)))

        # The widget runs on the city's pages, another origin: its words are public, so any page may read them.
        @webchat.route("/strings", methods=["GET"])
        async def widget_strings(request: Request) -> HTTPResponse:
            language = page_language(request.args.get("lang"), self.languages)
            return response.json(
                strings(language), headers={"Access-Control-Allow-Origin": "*", "Cache-Control": "max-age=3600"}
            )

        # A client may send an event with no argument or several: only the first is read, and none is None.
        @sio.on("session_request")
        async def session_request(sid: str, data: Any = None, *_: Any) -> None:
            async with sio.session(sid) as state:
                session, refused = resume_or_issue(data, state.get(BOUND), self.sessions)
                state[BOUND] = session
            if refused is not None:
                logger.info("webchat.session.refused reason=%s", refused.value)
            # Replies go to the session's room, so a reloaded page (a new socket) still receives them.
            sio.enter_room(sid, session.id)
            # rasa-webchat stores whatever id the server confirms, so a stock widget gets a signed one too.
            await sio.emit("session_confirm", session.token, room=sid)
            # Not a reply in the conversation: the page shows it above the transcript before the resident types,
            # and it is never stored, so a reload does not repeat it in the history.
            language = page_language((data or {}).get("lang") if isinstance(data, dict) else None, self.languages)
            await sio.emit(WELCOME_EVENT, self.welcome[language], room=sid)

        @sio.on(USER_EVENT)
        async def user_uttered(sid: str, data: Any = None, *_: Any) -> None:
            inbound = parse_webchat_payload(data)
            if inbound is None:
                logger.info("webchat.message.rejected reason=no_session")
                return
            async with sio.session(sid) as state:
                session = authorise(inbound.session_id, state.get(BOUND), self.sessions)
            if isinstance(session, Refusal):
                logger.info("webchat.message.rejected reason=%s", session.value)
                return
            output = SocketIOOutput(sio, BOT_EVENT)
            text = await self.gate.admit(
                session.id, inbound.text, functools.partial(output.send_text_message, session.id),
                self.gate.address((sio.get_environ(sid) or {}).get("sanic.request")),
            )
            if text is None:
                return
            await on_new_message(
                UserMessage(
                    text,
                    output,
                    session.id,
                    input_channel=self.name(),
                    metadata=await self._language_change(sid, inbound.page_language),
                )
            )

        return webchat

    async def _language_change(self, sid: str, requested: str | None) -> dict[str, str] | None:
        """The page's language as message metadata, the first time and whenever it changes, else None."""
        if self.sio is None or requested is None:
            return None
        language = page_language(requested, self.languages)
        async with self.sio.session(sid) as state:
            if state.get(LANGUAGE_SENT) == language:
                return None
            state[LANGUAGE_SENT] = language
        return {PAGE_LANGUAGE: language}
