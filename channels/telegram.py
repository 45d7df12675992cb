"""The `telegram` connector: Telegram's webhook in, python-telegram-bot out through the outbox.

A webhook request is authenticated by `X-Telegram-Bot-Api-Secret-Token` before its body is read, then
parsed (`channels.telegram_updates`), then handed over once per `update_id`. Telegram gets an empty 200
as soon as the assistant has taken the message; every reply, staff replies and case notifications included,
goes out through the outbox (`channels.telegram_outbound`). The chat id becomes a pseudonymous sender id at
once; only the contacts table keeps it, for replies.

Only private chats are served. A message in a group gets the "one resident at a time" notice, so that
nobody's report is read out to a group; nothing from a group reaches the assistant.
"""

from __future__ import annotations

import asyncio
import functools
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from telegram import Bot
from telegram.error import TelegramError

from bot.attachments import TELEGRAM_FILE_PREFIX, Attachment, AttachmentKind
from bot.integrations.telegram import SECRET_VARIABLE, TOKEN_VARIABLE
from bot.language import PAGE_LANGUAGE
from bot.messaging.contacts import Contacts
from bot.messaging.notices import Notice
from bot.messaging.outbox import Outgoing
from bot.settings import Settings, get_settings
from channels.boundary import announcing
from channels.messaging import ChannelRuntime, OutboxOutput, ProviderInput, configured, shared_database
from channels.messaging import health as channel_health
from channels.rejections import rejected
from channels.telegram_bot import make_bot, quiet_library_logs
from channels.telegram_outbound import TelegramSender, is_indexed, render_telegram, resolve
from channels.telegram_updates import InboundKind, TelegramInbound, parse_telegram_payload
from channels.tracing import trace_requests, traced

logger = logging.getLogger(__name__)

CHANNEL = "telegram"
# bandit B105: the header's name, not the secret
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # nosec B105
# Telegram's updates are a few kilobytes; nothing it sends comes near this.
MAX_BODY_BYTES = 256 * 1024
# Answering a button tap only stops the client's spinner: it gets little time and never delays the reply.
CALLBACK_ANSWER_SECONDS = 3.0
NOT_CONFIGURED = f"Telegram is not configured: set {TOKEN_VARIABLE} and {SECRET_VARIABLE}"

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class TelegramInput(ProviderInput):
    """Telegram through a bot's webhook (`/webhooks/telegram/webhook`); credentials come from the environment."""

    channel = CHANNEL

    def __init__(self, settings: Settings) -> None:
        self._runtime: ChannelRuntime | None = None
        if not _configured(settings):
            return
        quiet_library_logs()
        self._secret = settings.telegram_secret_token.get_secret_value().encode()
        self._bot: Bot = make_bot(settings)
        self._runtime = ChannelRuntime(
            CHANNEL, settings, TelegramSender(self._bot, Contacts(shared_database(settings.database_url))),
            lambda _recipient, message, _phrases: render_telegram(message), Notice.TELEGRAM_DISCLOSURE,
        )
        # Button answers run beside the reply; kept here so that none is garbage-collected half done.
        self._answers: set[asyncio.Task[None]] = set()

    def get_output_channel(self) -> OutputChannel | None:
        return OutboxOutput(self._runtime) if self._runtime else None

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        on_new_message = announcing(traced(on_new_message), get_settings())
        telegram = Blueprint("telegram_webhook", __name__)
        trace_requests(telegram)
        if self._runtime is not None:
            self._runtime.attach_to(telegram)

            @telegram.listener("after_server_stop")
            async def close(_app: Sanic, _loop: asyncio.AbstractEventLoop) -> None:
                await self._bot.shutdown()

        @telegram.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return await channel_health(self._runtime)

        @telegram.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if self._runtime is None:
                return response.json({"error": NOT_CONFIGURED}, status=503)
            return await self._webhook(request, self._runtime, on_new_message)

        return telegram

    async def _webhook(self, request: Request, runtime: ChannelRuntime, on_new_message: OnNewMessage) -> HTTPResponse:
        """Authenticate, parse, then hand the update over once; Telegram only needs to see a 200.

        Whatever the body, the answer is 403, 413, 400 (not JSON, or not a well-formed update: see
        `parse_telegram_payload`) or 200, never 500; each refusal is logged and counted.
        """
        offered = request.headers.get(SECRET_HEADER, "").encode()
        if not offered:
            return _rejected(403, "missing_secret")
        if not hmac.compare_digest(offered, self._secret):
            return _rejected(403, "bad_secret")
        if len(request.body) > MAX_BODY_BYTES:
            return _rejected(413, "too_large")
        try:
            data = json.loads(request.body)
        except (ValueError, RecursionError):  # RecursionError: nesting deeper than the parser's stack
            return _rejected(400, "malformed_json")
        inbound = parse_telegram_payload(data, self._bot)
        if inbound is None:
            return _rejected(400, "not_an_update")
        if inbound.callback_query_id is not None:
            self._answer_button(inbound.callback_query_id)
        if inbound.chat_id is not None and (inbound.text is not None or inbound.notice is not None):
            handle = functools.partial(self._handle, runtime, inbound, on_new_message)
            if await runtime.receive(str(inbound.update_id), inbound.chat_id, handle):
                logger.info("telegram.received update=%s kind=%s", inbound.update_id, inbound.kind.value)
        else:
            logger.info("telegram.ignored update=%s kind=%s", inbound.update_id, inbound.kind.value)
        return response.empty(status=200)

    async def _handle(
        self, runtime: ChannelRuntime, inbound: TelegramInbound, on_new_message: OnNewMessage, sender_id: str
    ) -> None:
        """Keep a photo for the case, answer what the channel answers itself, or let the assistant reply."""
        contacts = runtime.contacts
        if await asyncio.to_thread(contacts.is_opted_out, sender_id):
            # Writing again means the resident unblocked the bot.
            await asyncio.to_thread(contacts.set_opted_out, sender_id, False)
        text = await runtime.admit(sender_id, inbound.text or "")
        if text is None:
            return
        if inbound.photo_file_id is not None:
            photo = Attachment(AttachmentKind.PHOTO, TELEGRAM_FILE_PREFIX + inbound.photo_file_id, CHANNEL)
            await asyncio.to_thread(runtime.attachments.add, sender_id, photo)
        if inbound.notice is not None:
            await runtime.enqueue(sender_id, Outgoing(runtime.notices[inbound.notice]))
            return
        if inbound.kind is InboundKind.BUTTON and is_indexed(text):
            payload = resolve(text, await asyncio.to_thread(contacts.offered, sender_id))
            if payload is None:
                logger.info("telegram.button.stale update=%s", inbound.update_id)
                return
            text = payload
        await on_new_message(UserMessage(
            text, OutboxOutput(runtime), sender_id, input_channel=CHANNEL,
            message_id=f"{CHANNEL}-{inbound.update_id}",
            metadata={PAGE_LANGUAGE: inbound.app_language} if inbound.app_language else None,
        ))

    def _answer_button(self, callback_query_id: str) -> None:
        """Stop the tapped button's spinner, beside the reply and without waiting for it."""
        task = asyncio.create_task(self._answer(callback_query_id))
        self._answers.add(task)
        task.add_done_callback(self._answers.discard)

    async def _answer(self, callback_query_id: str) -> None:
        try:
            await self._bot.answer_callback_query(
                callback_query_id, read_timeout=CALLBACK_ANSWER_SECONDS, connect_timeout=CALLBACK_ANSWER_SECONDS
            )
        except TelegramError as error:
            logger.info("telegram.button.unanswered error=%s", type(error).__name__)


def _configured(settings: Settings) -> bool:
    """Whether Telegram is set up; a half-done setup leaves it off with a warning naming what is missing."""
    return configured(CHANNEL, {
        TOKEN_VARIABLE: settings.telegram_bot_token.get_secret_value(),
        SECRET_VARIABLE: settings.telegram_secret_token.get_secret_value(),
    })


def _rejected(status: int, reason: str) -> HTTPResponse:
    return rejected(CHANNEL, status, reason)
