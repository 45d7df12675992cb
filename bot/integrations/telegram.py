"""Telegram's webhook registration, for the operators' command line: plain calls to the Bot API over HTTP.

The connector sends messages with python-telegram-bot inside the Rasa server; registering the webhook is two
HTTP calls, made here so that `python -m bot telegram ...` loads neither Rasa nor the connector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import httpx

from bot.settings import Settings

# bandit B105: the variable's name, for messages; not its value
TOKEN_VARIABLE = "ONE_DOOR_TELEGRAM_BOT_TOKEN"  # nosec B105
# bandit B105: the variable's name, not its value
SECRET_VARIABLE = "ONE_DOOR_TELEGRAM_SECRET_TOKEN"  # nosec B105
WEBHOOK_URL_VARIABLE = "ONE_DOOR_TELEGRAM_WEBHOOK_URL"
# What Telegram should post to the webhook: messages and button taps. Edits, channel posts, polls and
# membership changes are never asked for.
ALLOWED_UPDATES = ["message", "callback_query"]
# The characters and length Telegram accepts for a webhook's secret token.
SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
# Telegram answers an unknown or revoked token with one of these.
_TOKEN_REFUSED = {401, 404}


class TelegramNotConfigured(Exception):
    """A setting Telegram needs is empty or invalid; the message names the environment variables."""


class TelegramRefused(Exception):
    """Telegram could not be reached or refused the call; the message is safe to print (no token)."""


@dataclass(frozen=True)
class WebhookRegistration:
    url: str
    secret_token: str


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


def _call(settings: Settings, method: str, **params: Any) -> Any:
    """One Bot API call; every failure becomes `TelegramRefused` with a message that never quotes the token."""
    token = settings.telegram_bot_token.get_secret_value()
    if not token:
        raise TelegramNotConfigured(f"set {TOKEN_VARIABLE} first")
    url = f"{settings.telegram_api_url.rstrip('/')}/bot{token}/{method}"
    try:
        response = httpx.post(url, json=params, timeout=settings.provider_timeout_seconds)
    except httpx.HTTPError as error:
        raise TelegramRefused(f"Telegram could not be reached ({type(error).__name__})") from None
    if response.status_code in _TOKEN_REFUSED:
        raise TelegramRefused(f"Telegram rejected the bot token: check {TOKEN_VARIABLE}")
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code != 200 or not body.get("ok"):
        raise TelegramRefused(f"Telegram answered {response.status_code}: {body.get('description', 'no reason given')}")
    return body.get("result")


def set_webhook(settings: Settings) -> WebhookRegistration:
    """Tell Telegram where to post updates, and the secret to send with each; the token is checked first."""
    webhook = registration(settings)
    _call(settings, "getMe")
    _call(settings, "setWebhook", url=webhook.url, secret_token=webhook.secret_token, allowed_updates=ALLOWED_UPDATES)
    return webhook


def delete_webhook(settings: Settings) -> None:
    """Stop Telegram posting updates (before moving the bot, or turning the channel off)."""
    _call(settings, "getMe")
    _call(settings, "deleteWebhook")
