"""python-telegram-bot's `Bot`, built from One Door's settings, for the connector."""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.integrations.telegram import TOKEN_VARIABLE
from bot.settings import Settings

# Connecting should take a fraction of the time a provider is given to answer.
CONNECT_TIMEOUT_SECONDS = 5.0
# Several recipients are sent to at once (one request each); PTB's default pool of 1 would queue them.
CONNECTION_POOL_SIZE = 8


def quiet_library_logs() -> None:
    """Keep PTB's and httpx's own log lines out of the logs.

    Note:
        httpx logs every request URL at INFO, and Telegram's URLs contain the bot token; PTB logs each call's
        parameters (chat ids, message text) at DEBUG. Only warnings and errors of theirs are kept.
    """
    for name in ("httpx", "httpcore", "telegram"):
        logging.getLogger(name).setLevel(logging.WARNING)


def make_bot(settings: Settings) -> Bot:
    """A `Bot` for the configured token and API, timing out after the provider timeout.

    It needs no `initialize()` (PTB's `getMe` call) to send: its HTTP client exists from the start. That is
    why the connector builds it at startup without calling Telegram, so a Telegram outage cannot stop Rasa.
    """
    token = settings.telegram_bot_token.get_secret_value()
    if not token:
        raise ValueError(f"{TOKEN_VARIABLE} must be set to the token BotFather gave the bot")
    api = settings.telegram_api_url.rstrip("/")
    timeout = settings.provider_timeout_seconds
    request = HTTPXRequest(
        connection_pool_size=CONNECTION_POOL_SIZE,
        connect_timeout=min(CONNECT_TIMEOUT_SECONDS, timeout),
        read_timeout=timeout,
        write_timeout=timeout,
        pool_timeout=timeout,
    )
    return Bot(token, base_url=f"{api}/bot", base_file_url=f"{api}/file/bot", request=request)
