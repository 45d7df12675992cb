"""What every connector does at its boundary: cap the request size Sanic reads, find the client's address,
and run a message through `bot.inbound_checks` once, answering a refusal itself."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from functools import lru_cache
from typing import Any

from sanic import Blueprint, Sanic
from sanic.request import Request
from sqlalchemy.exc import SQLAlchemyError

from bot.catalog import load_catalog
from bot.client_address import client_address, trusted_networks
from bot.db import Database, make_engine
from bot.inbound_checks import Inbound, InboundChecks, Verdict
from bot.messaging.notices import Notice
from bot.messaging.notices import render as render_notice
from bot.queues import Queues
from bot.rate_limits import RateLimits
from bot.settings import Settings

logger = logging.getLogger(__name__)


# Sends the sender a line of text through the connector's own output.
Reply = Callable[[str], Awaitable[Any]]
# Rasa's handler of a resident's message (a UserMessage, whose sender_id is the conversation's).
Handler = Callable[[Any], Awaitable[Any]]


@lru_cache(maxsize=None)
def shared_database(url: str) -> Database:
    """One engine, and so one connection pool, for every channel in the Rasa process."""
    return Database(make_engine(url))


def announcing(on_new_message: Handler, settings: Settings) -> Handler:
    """`on_new_message`, after which the console pages open on the conversation's handoff, if it has one, hear
    that the resident wrote: once Rasa has stored the message, so that the transcript they fetch shows it."""
    queues = Queues(shared_database(settings.database_url))

    async def handled(message: Any) -> Any:
        result = await on_new_message(message)
        try:
            await asyncio.to_thread(queues.note_message, message.sender_id)
        except SQLAlchemyError as error:
            logger.warning("live.message_not_announced error=%s", type(error).__name__)
        return result

    return handled


class Gate:
    """One connector's inbound checks and the wording of its refusals."""

    def __init__(self, channel: str, settings: Settings, notices: Mapping[Notice, str] | None = None) -> None:
        """Args:
            notices: rendered notices, when the connector has them already; otherwise rendered here.
        """
        self.channel = channel
        self._checks = InboundChecks(settings.max_message_chars, RateLimits.from_settings(settings))
        self._trusted = trusted_networks(settings.trusted_proxies)
        if notices is None:
            city = load_catalog(settings.catalog_dir).city.name
            notices = {notice: render_notice(notice, city) for notice in (Notice.MESSAGE_TOO_LONG, Notice.RATE_LIMITED)}
        self._notices = notices
        self._max_request_bytes = settings.max_request_bytes

    async def admit(self, sender_id: str, text: str, reply: Reply, client_address: str | None = None) -> str | None:
        """The message's text as the assistant may read it, or None when it is refused and answered by `reply`.

        The checks run off the event loop, since the rate limit may call Redis.
        """
        message = Inbound(self.channel, sender_id, text, client_address)
        verdict = await asyncio.to_thread(self._checks.run, message)
        if verdict is Verdict.ACCEPTED:
            return message.text
        if verdict.notice is not None:
            await reply(self._notices[verdict.notice])
        return None

    def address(self, request: Request | None) -> str | None:
        """The client's address, through trusted proxies only (`ONE_DOOR_TRUSTED_PROXIES`)."""
        if request is None:
            return None
        return client_address(request.ip, request.headers.get("x-forwarded-for"), self._trusted)

    def cap_request_size(self, blueprint: Blueprint) -> None:
        """Lower Sanic's request size limit (100 MB by default) for the whole server, whichever connectors run.

        Sanic reads the limit from the app's config for each new connection, so setting it before the server
        starts covers every route, Rasa's own included; a bigger body gets 413 before any handler runs.
        """
        limit = self._max_request_bytes

        @blueprint.listener("before_server_start")
        async def cap(app: Sanic, _loop: asyncio.AbstractEventLoop) -> None:
            app.config.REQUEST_MAX_SIZE = min(app.config.REQUEST_MAX_SIZE, limit)
