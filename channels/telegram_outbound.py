"""Replies on Telegram: split to Telegram's length limit, buttons as inline keyboards, sent through PTB with
its errors sorted into those the outbox retries and those it does not.

Note:
    A button's `callback_data` holds at most 64 bytes. A payload that does not fit is sent as `#<n>:<check>`,
    its place in the keyboard and a short hash of it, and the keyboard is remembered as the recipient's
    offered choices (`Contacts.offer`). Only the latest such keyboard can be resolved: a tap on an older
    one whose hash no longer matches is dropped. Every payload the assistant uses today fits in 64 bytes.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import warnings
from datetime import timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, RetryAfter, TelegramError, TimedOut
from telegram.warnings import PTBDeprecationWarning

from bot.messaging.contacts import Choice, Contacts
from bot.messaging.delivery import PermanentFailure, TemporaryFailure
from bot.messaging.outbox import Delivery, Outgoing
from bot.messaging.text import split_text

logger = logging.getLogger(__name__)

# Telegram's limit for one message's text.
MESSAGE_LIMIT = 4096
# Telegram's limit for a button's callback data, in bytes.
CALLBACK_DATA_BYTES = 64
CHECK_HEX_DIGITS = 8
_INDEXED = re.compile(r"^#(?P<index>\d{1,2}):(?P<check>[0-9a-f]{%d})$" % CHECK_HEX_DIGITS)


def render_telegram(message: Outgoing) -> list[Outgoing]:
    """The Telegram messages a reply becomes, one outbox row each; the buttons go with the last part."""
    if not message.text.strip() and not message.choices:
        return []
    parts = split_text(message.text, MESSAGE_LIMIT)
    return [Outgoing(part) for part in parts[:-1]] + [Outgoing(parts[-1], message.choices)]


def fits(payload: str) -> bool:
    return 0 < len(payload.encode()) <= CALLBACK_DATA_BYTES


def _check(payload: str) -> str:
    return hashlib.sha256(payload.encode()).hexdigest()[:CHECK_HEX_DIGITS]


def callback_data(choices: list[Choice]) -> list[str]:
    """Each choice's callback data: its payload, or its place and check when the payload does not fit."""
    return [
        choice.payload if fits(choice.payload) else f"#{index}:{_check(choice.payload)}"
        for index, choice in enumerate(choices)
    ]


def keyboard(choices: list[Choice]) -> InlineKeyboardMarkup | None:
    """One button per row: titles of services are long, and a phone screen is narrow."""
    if not choices:
        return None
    data = callback_data(choices)
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(choice.title, callback_data=item)] for choice, item in zip(choices, data)]
    )


def needs_offer(choices: list[Choice]) -> bool:
    """Whether some payload is sent by its place, so the keyboard must be remembered to resolve a tap."""
    return any(not fits(choice.payload) for choice in choices)


def resolve(data: str, offered: list[Choice]) -> str | None:
    """The payload a tapped button stands for; None for a place in a keyboard no longer on record."""
    indexed = _INDEXED.match(data)
    if indexed is None:
        return data
    index = int(indexed.group("index"))
    if index < len(offered) and _check(offered[index].payload) == indexed.group("check"):
        return offered[index].payload
    return None


def is_indexed(data: str) -> bool:
    return _INDEXED.match(data) is not None


def classify(error: TelegramError) -> PermanentFailure | TemporaryFailure:
    """The outbox's reading of a PTB error.

    Only Telegram's own refusal descriptions are kept ("Forbidden: bot was blocked by the user"); PTB's
    other messages can quote the token or a response body, so they are reduced to the error's type.
    """
    if isinstance(error, (Forbidden, BadRequest)):
        # PTB drops Telegram's "Bad Request: " from descriptions but keeps "Forbidden: ".
        return PermanentFailure(f"{type(error).__name__}: {error.message.removeprefix('Forbidden: ')[:120]}")
    if isinstance(error, ChatMigrated):
        return PermanentFailure("ChatMigrated")
    if isinstance(error, RetryAfter):
        # Flood control (HTTP 429): Telegram says when to try again, and the outbox waits exactly that long.
        return TemporaryFailure("RetryAfter", wait=retry_after(error))
    if isinstance(error, InvalidToken):
        # The operator's to fix; the messages wait for the right token rather than being dropped.
        return TemporaryFailure("InvalidToken: check ONE_DOOR_TELEGRAM_BOT_TOKEN")
    if isinstance(error, TimedOut):
        return TemporaryFailure("TimedOut")
    return TemporaryFailure(type(error).__name__)


def retry_after(error: RetryAfter) -> timedelta:
    """How long Telegram asked us to wait (its 429's `parameters.retry_after`), whichever type PTB gives it in."""
    with warnings.catch_warnings():
        # PTB 22 still returns seconds as an int, with a warning that it will be a timedelta one day.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        wait = error.retry_after
    return wait if isinstance(wait, timedelta) else timedelta(seconds=wait)


class TelegramSender:
    """Sends one outbox row as one Telegram message."""

    def __init__(self, bot: Bot, contacts: Contacts) -> None:
        self._bot = bot
        self._contacts = contacts

    async def __call__(self, delivery: Delivery) -> None:
        address = await asyncio.to_thread(self._contacts.address, delivery.recipient)
        if address is None:
            raise PermanentFailure("no address for recipient")
        choices = delivery.message.choices
        if needs_offer(choices):
            await asyncio.to_thread(self._contacts.offer, delivery.recipient, choices)
        try:
            sent = await self._bot.send_message(address, delivery.message.text, reply_markup=keyboard(choices))
        except Forbidden as error:
            # The resident blocked the bot: stop queueing for them until they write again.
            await asyncio.to_thread(self._contacts.set_opted_out, delivery.recipient, True)
            raise classify(error) from None
        except TelegramError as error:
            raise classify(error) from None
        logger.info("telegram.sent id=%s message=%s", delivery.id, sent.message_id)
