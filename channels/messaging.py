"""What the `sms` and `telegram` connectors share: pseudonymous senders, duplicate checks, and an output
channel that writes to the outbox, whose delivery loop runs inside the Rasa server.

A connector only parses its provider's requests and renders its provider's messages; it hands this module
the provider's delivery id, the resident's address and the text.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any, ClassVar

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.response import HTTPResponse
from sqlalchemy.exc import SQLAlchemyError

from bot.attachments import Attachments
from bot.catalog import load_catalog
from bot.clock import Clock, utc_now
from bot.i18n.catalog import translate_catalog
from bot.i18n.phrases import Phrases
from bot.language import detector_for
from bot.messaging.contacts import Choice, Contacts, pseudonym
from bot.messaging.delivery import DeliveryLoop, Send
from bot.messaging.inbound import InboundLog
from bot.messaging.notices import Notice, disclosed
from bot.messaging.notices import render as render_notice
from bot.messaging.outbox import SENT_AFTER_OPT_OUT, Backoff, GiveUp, MessageKind, Outbox, Outgoing
from bot.observability import request_ids

# Kinds that can open a conversation with the disclosure; the answers to HELP and STOP say who is writing
# themselves (carriers prescribe their wording), so they go as they are.
DISCLOSED_KINDS = frozenset({MessageKind.REPLY, MessageKind.NOTICE})
from bot.settings import Settings, get_settings
from channels.boundary import Gate, shared_database

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
# The parts a message becomes on a channel, for a recipient, with the composing phrases of its language.
Render = Callable[[str, Outgoing, Phrases], list[Outgoing]]


class ChannelRuntime:
    """One provider channel's state in the Rasa process: its database tables, the notices it sends on its own,
    and its delivery loop."""

    def __init__(
        self, channel: str, settings: Settings, send: Send, render: Render, disclosure: Notice,
        clock: Clock = utc_now,
    ) -> None:
        """Args:
            disclosure: the line that opens the first message to a resident (`enqueue`).
        """
        self.channel = channel
        self._render = render
        database = shared_database(settings.database_url)
        self.contacts = Contacts(database)
        self.inbound = InboundLog(database)
        self.attachments = Attachments(database)
        catalog = load_catalog(settings.catalog_dir)
        self._languages = detector_for(settings.catalog_dir, catalog.city.languages)
        translated = {
            language: translate_catalog(catalog, settings.catalog_dir, language) for language in catalog.city.languages
        }
        self.notices_in = {
            language: {
                notice: render_notice(notice, words.city.name, language, privacy_url=catalog.city.privacy_url)
                for notice in Notice
            }
            for language, words in translated.items()
        }
        self.notices = self.notices_in[catalog.city.languages[0]]
        self._phrases = {language: words.phrases for language, words in translated.items()}
        self._own_language = catalog.city.languages[0]
        self._disclosure = disclosure
        self.gate = Gate(channel, settings, self.notices)
        backoff = Backoff.from_seconds(settings.outbox_retry_seconds, settings.outbox_retry_ceiling_seconds)
        give_up = GiveUp.from_settings(settings.outbox_max_attempts, settings.outbox_max_age_hours)
        self.outbox = Outbox(database, backoff, clock, give_up)
        self._key = settings.pseudonym_key.get_secret_value().encode()
        if not self._key:
            raise ValueError("ONE_DOOR_PSEUDONYM_KEY must be set: it keys the hash of residents' addresses")
        # The wall clock by default, never the fixed demonstration clock: retries and leases must come due.
        self.loop = DeliveryLoop(self.outbox, channel, send, clock, settings.outbox_poll_seconds)
        self._task: asyncio.Task[None] | None = None

    def sender_id(self, address: str) -> str:
        return pseudonym(self.channel, address, self._key)

    def attach_to(self, blueprint: Blueprint) -> None:
        """Run the delivery loop for as long as the server that serves `blueprint` runs."""

        self.gate.cap_request_size(blueprint)

        @blueprint.listener("after_server_start")
        async def start(_app: Sanic, _loop: asyncio.AbstractEventLoop) -> None:
            self._task = asyncio.create_task(self.loop.run_forever())

        @blueprint.listener("before_server_stop")
        async def stop(_app: Sanic, _loop: asyncio.AbstractEventLoop) -> None:
            if self._task is not None:
                self._task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._task

    async def receive(
        self, delivery_id: str, address: str, handle: Callable[[str], Awaitable[None]]
    ) -> bool:
        """Handle one provider delivery exactly once; False when it is a repeat.

        `handle` gets the sender id. If it fails, the delivery is forgotten again so that the provider's
        retry is handled, and the error propagates (the provider then sees an error status).
        """
        sender_id = self.sender_id(address)
        if not await asyncio.to_thread(self.inbound.first_time, self.channel, delivery_id, sender_id):
            logger.info("%s.duplicate delivery=%s", self.channel, delivery_id)
            return False
        try:
            await asyncio.to_thread(self.contacts.remember, self.channel, sender_id, address)
            await handle(sender_id)
        except BaseException:
            await asyncio.to_thread(self.inbound.forget, self.channel, delivery_id)
            raise
        return True

    async def admit(self, sender_id: str, text: str) -> str | None:
        """The text the assistant may read, or None when the boundary checks refused it (and answered)."""
        return await self.gate.admit(sender_id, text, lambda answer: self.enqueue(sender_id, Outgoing(answer)))

    async def enqueue(self, recipient: str, message: Outgoing, kind: MessageKind = MessageKind.REPLY) -> None:
        """Queue a message in the form the provider takes; for a number that opted out, only the answers to
        STOP and HELP are queued. The first message to a resident opens with the disclosure.

        Note:
            The disclosure is decided here, at the outbox, rather than in the assistant's replies: every message
            a resident can receive first passes here (the assistant's reply, a channel notice, a staff reply, a
            case notification), and the outbox already remembers what was written to whom, so "once" needs no
            new state. A resident is told again once retention has removed every message to them (after
            `ONE_DOOR_RETENTION_DAYS` of silence, or `forget`): by then they may well have forgotten.
        """
        if kind not in SENT_AFTER_OPT_OUT and await asyncio.to_thread(self.contacts.is_opted_out, recipient):
            logger.info("%s.suppressed reason=opted_out", self.channel)
            return
        # The reply's own words say its language: the disclosure that opens it and the prompt under its choices
        # follow, so a Spanish conversation is not opened or prompted in English.
        language = self._languages.detect(message.text) or self._own_language
        if kind in DISCLOSED_KINDS and not await asyncio.to_thread(
            self.outbox.has_written_to, self.channel, recipient
        ):
            message = replace(message, text=disclosed(self.notices_in[language][self._disclosure], message.text))
        request_id = request_ids.current()
        for part in self._render(recipient, message, self._phrases[language]):
            row = await asyncio.to_thread(self.outbox.enqueue, self.channel, recipient, part, kind, request_id)
            logger.info("outbox.queued channel=%s id=%s kind=%s", self.channel, row, kind.value)
        self.loop.wake()


async def health(runtime: ChannelRuntime | None) -> HTTPResponse:
    """A provider channel's health check: whether it is configured, and its outbox by status, so that an
    operator's monitoring sees messages piling up while a provider is down."""
    if runtime is None:
        return response.json({"status": "not configured"})
    try:
        counts = await asyncio.to_thread(runtime.outbox.counts, runtime.channel)
    except SQLAlchemyError as error:
        return response.json({"status": "database unavailable", "error": type(error).__name__}, status=503)
    return response.json({"status": "ok", "outbox": {status.value: count for status, count in counts.items()}})


def configured(channel: str, values: dict[str, str]) -> bool:
    """Whether every credential a provider channel needs is set (variable name to value).

    None set: the channel is off. Some set: the channel is off too, with one warning naming what is missing, so
    that a half-finished setup of one channel never stops the assistant and the channels that are ready.
    """
    missing = [name for name, value in values.items() if not value]
    if not missing:
        return True
    if len(missing) == len(values):
        logger.warning("%s.disabled reason=not_configured", channel)
    else:
        logger.warning("%s.disabled reason=half_configured missing=%s", channel, ",".join(missing))
    return False


class ProviderInput(InputChannel):
    """A provider connector, configured from One Door's settings (the environment) rather than credentials.yml,
    where Rasa would refuse to start on an unset variable."""

    channel: ClassVar[str]

    @classmethod
    def name(cls) -> str:
        return cls.channel

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(get_settings())  # type: ignore[call-arg]  # subclasses take the settings


class OutboxOutput(OutputChannel):
    """Rasa's replies for a provider channel, written to the outbox instead of sent at once."""

    def __init__(self, runtime: ChannelRuntime) -> None:
        self._runtime = runtime

    @classmethod
    def name(cls) -> str:
        return "outbox"

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        # Rasa's default sends each paragraph as its own message; the provider's renderer splits by its limit.
        text = str(message.get("text") or "")
        choices = [
            Choice(title=str(button.get("title", "")), payload=str(button.get("payload", "")))
            for button in message.get("buttons") or message.get("quick_replies") or []
        ]
        for extra in (message.get("image"), message.get("attachment")):
            if isinstance(extra, str) and extra:
                text = f"{text}\n{extra}".strip()
        if text or choices:
            await self._runtime.enqueue(recipient_id, Outgoing(text=text, choices=choices))

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._runtime.enqueue(recipient_id, Outgoing(text=text))
