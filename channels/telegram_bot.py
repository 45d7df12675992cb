"""python-telegram-bot's `Bot`, built from One Door's settings, and the webhook registration the operators'
command line performs with it.

Nothing here imports Rasa, so `python -m bot telegram set-webhook` loads only this module and PTB.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from telegram import Bot
from telegram.error import InvalidToken, TelegramError
from telegram.request import HTTPXRequest

from bot.settings import Settings

# Connecting should take a fraction of the time a provider is given to answer.
CONNECT_TIMEOUT_SECONDS = 5.0
# Several recipients are sent to at once (one request each); PTB's default pool of 1 would queue them.
CONNECTION_POOL_SIZE = 8
# What Telegram should post to the webhook: messages and button taps. Edits, channel posts, polls and
# membership changes are never asked for.
ALLOWED_UPDATES = ["message", "callback_query"]
TOKEN_VARIABLE = "ONE_DOOR_TELEGRAM_BOT_TOKEN"
SECRET_VARIABLE = "ONE_DOOR_TELEGRAM_SECRET_TOKEN"
WEBHOOK_URL_VARIABLE = "ONE_DOOR_TELEGRAM_WEBHOOK_URL"
# The characters and length Telegram accepts for a webhook's secret token.
SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class TelegramNotConfigured(Exception):
    """A setting Telegram needs is empty; the message names the environment variables to set."""


class TelegramRefused(Exception):
    """Telegram could not be reached or refused the call; the message is safe to print (no token)."""


@dataclass(frozen=True)
class WebhookRegistration:
    url: str
    secret_token: str


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
        raise TelegramNotConfigured(f"{TOKEN_VARIABLE} must be set to the token BotFather gave the bot")
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


def registration(settings: Settings) -> WebhookRegistration:
    """The public URL and secret to register; raises `TelegramNotConfigured` naming whatever is missing."""
    values = {
        TOKEN_VARIABLE: settings.telegram_bot_token.get_secret_value(),
        WEBHOOK_URL_VARIABLE: settings.telegram_webhook_url,
        SECRET_VARIABLE: settings.telegram_secret_token.get_secret_value(),
    }
    missing = [name for name, value in values.items() if not value]
    if missing:
        raise TelegramNotConfigured(f"set {', '.join(missing)} first")
    if not SECRET_TOKEN.match(values[SECRET_VARIABLE]):
        raise TelegramNotConfigured(f"{SECRET_VARIABLE} may hold only A-Z, a-z, 0-9, _ and -, at most 256 of them")
    if not settings.telegram_webhook_url.startswith("https://"):
        raise TelegramNotConfigured(f"{WEBHOOK_URL_VARIABLE} must be an https:// URL: Telegram posts only over HTTPS")
    return WebhookRegistration(settings.telegram_webhook_url, values[SECRET_VARIABLE])


@asynccontextmanager
async def _initialized_bot(settings: Settings) -> AsyncIterator[Bot]:
    """A bot that has checked its token with `getMe`, its errors turned into `TelegramRefused`.

    Note:
        PTB's `InvalidToken` message quotes the token, so it is replaced rather than passed on.
    """
    try:
        async with make_bot(settings) as bot:
            yield bot
    except InvalidToken:
        raise TelegramRefused(f"Telegram rejected the bot token: check {TOKEN_VARIABLE}") from None
    except TelegramError as error:
        raise TelegramRefused(f"{type(error).__name__}: {error.message}") from None


async def set_webhook(settings: Settings) -> WebhookRegistration:
    """Tell Telegram where to post updates, and the secret to send with each of them."""
    webhook = registration(settings)
    async with _initialized_bot(settings) as bot:
        await bot.set_webhook(url=webhook.url, secret_token=webhook.secret_token, allowed_updates=ALLOWED_UPDATES)
    return webhook


async def delete_webhook(settings: Settings) -> None:
    """Stop Telegram posting updates (before moving the bot, or turning the channel off)."""
    async with _initialized_bot(settings) as bot:
        await bot.delete_webhook()
