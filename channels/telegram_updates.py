"""Telegram updates, read into what One Door does with each: a message for the assistant, a photo to keep, a
notice the channel answers itself, or nothing.

Parsing is pure (no network, no database), so every kind of update is tested without a server.

Residents' text never reaches Rasa as an intent payload: `/start` becomes the greeting, and any other
"command" loses its slashes and is read as words ("/help" is "help"). A button tap's data is passed on as a
payload only when it is one of the buttons of the message it was tapped on, which Telegram sends with the
tap; data a modified client makes up is dropped.
"""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass
from typing import Any

from telegram import Bot, CallbackQuery, Chat, Message, Update

from bot.messaging.notices import Notice
from channels.telegram_shape import well_formed

GREET_PAYLOAD = "/greet"
LOCATION_INTENT = "share_location"
LOCATION_ENTITY = "geo"
# Five decimals of a degree are about a metre: as precise as a phone's fix, no more.
COORDINATE_DECIMALS = 5
# A slash command: "/name", optionally "@OneDoorBot" (how a command names its bot), then any words.
_COMMAND = re.compile(r"^/+(?P<name>[^\s@/]*)(?:@\w+(?=\s|$))?(?P<rest>.*)$", re.DOTALL)
# A command with no name (slashes, then a space, "@", or the end), its "@OneDoorBot", and the spaces after it.
_EMPTY_COMMAND = re.compile(r"/+(?![^\s@/])(?:@\w+(?=\s|$))?\s*")


class InboundKind(str, enum.Enum):
    """What an update was, for the log line it gets and for tests."""

    TEXT = "text"
    START = "start"
    BUTTON = "button"
    LOCATION = "location"
    PHOTO = "photo"
    UNSUPPORTED = "unsupported"
    NOT_PRIVATE = "not_private"
    IGNORED = "ignored"


@dataclass(frozen=True)
class TelegramInbound:
    """One update reduced to what is done with it.

    `chat_id` is the resident's address (None: nobody to answer). `text` is what the assistant receives,
    `notice` what the channel answers instead, `photo_file_id` a photo to keep for the next case,
    `callback_query_id` a button tap Telegram waits to see answered, and `app_language` the language the
    resident's Telegram app is set to (a guess at theirs, never more: bot/language.py).
    """

    update_id: int
    kind: InboundKind
    chat_id: str | None = None
    text: str | None = None
    notice: Notice | None = None
    photo_file_id: str | None = None
    callback_query_id: str | None = None
    app_language: str | None = None


def parse_telegram_payload(data: Any, bot: Bot | None = None) -> TelegramInbound | None:
    """Read a webhook body; None when it is not a well-formed Telegram update (the webhook answers 400).

    Note:
        A malformed update is refused rather than acknowledged: Telegram never sends one, so it comes from
        someone holding the secret or from a broken proxy, and the refusal shows in `getWebhookInfo`'s last
        error and in the rejection count. Telegram retries a refused update only a limited number of times.
    """
    if not well_formed(data):
        return None
    try:
        update = Update.de_json(data, bot)
    # What python-telegram-bot raises on wrong types in fields One Door does not read; OverflowError and
    # OSError come from dates out of the platform's range, RecursionError from absurd nesting.
    except (TypeError, ValueError, KeyError, AttributeError, OverflowError, OSError, RecursionError):
        return None
    if update.callback_query is not None:
        return _button(update.update_id, update.callback_query)
    if update.message is not None:
        return _message(update.update_id, update.message)
    # Edited messages, channel posts and anything else are acknowledged and left alone.
    return TelegramInbound(update.update_id, InboundKind.IGNORED)


def resident_words(text: str) -> str:
    """What a resident typed, as words for the assistant: never a payload, whatever it starts with.

    Commands with no name ("/ /greet", "//@OneDoorBot hi") are skipped by position, not by copying the rest
    of the text for each, which took time growing with the square of "/ " repeated.
    """
    words = text.strip()
    position = 0
    while words.startswith("/", position) and (empty := _EMPTY_COMMAND.match(words, position)):
        position = empty.end()
    if words.startswith("/", position):
        return _COMMAND.sub(r"\g<name>\g<rest>", words[position:], count=1).strip()
    return words[position:]


def is_start(text: str) -> bool:
    """Whether the text is Telegram's `/start`, which a resident's first tap on "Start" sends."""
    command = _COMMAND.match(text.strip())
    return bool(command) and command.group("name").casefold() == "start"


def location_payload(latitude: float, longitude: float) -> str:
    """The payload that fills a report's location: `/share_location{"geo": "51.50734, -0.12776"}`."""
    geo = f"{latitude:.{COORDINATE_DECIMALS}f}, {longitude:.{COORDINATE_DECIMALS}f}"
    return f"/{LOCATION_INTENT}{json.dumps({LOCATION_ENTITY: geo})}"


def largest_photo(message: Message) -> str:
    """The `file_id` of the largest size Telegram offers of a photo."""
    return max(message.photo, key=lambda size: (size.width * size.height, size.file_size or 0)).file_id


def _message(update_id: int, message: Message) -> TelegramInbound:
    chat_id = str(message.chat.id)
    if message.chat.type != Chat.PRIVATE:
        return TelegramInbound(update_id, InboundKind.NOT_PRIVATE, chat_id, notice=Notice.PRIVATE_CHATS_ONLY)
    if message.text is not None:
        if is_start(message.text):
            return TelegramInbound(update_id, InboundKind.START, chat_id, text=GREET_PAYLOAD)
        app_language = message.from_user.language_code if message.from_user else None
        return TelegramInbound(
            update_id, InboundKind.TEXT, chat_id, text=resident_words(message.text), app_language=app_language
        )
    if message.location is not None:
        location = message.location
        return TelegramInbound(
            update_id, InboundKind.LOCATION, chat_id, text=location_payload(location.latitude, location.longitude)
        )
    if message.photo:
        caption = resident_words(message.caption or "")
        return TelegramInbound(
            update_id,
            InboundKind.PHOTO,
            chat_id,
            text=caption or None,
            notice=None if caption else Notice.PHOTO_KEPT,
            photo_file_id=largest_photo(message),
        )
    if message.effective_attachment is not None:
        return TelegramInbound(update_id, InboundKind.UNSUPPORTED, chat_id, notice=Notice.UNSUPPORTED_CONTENT)
    # A service message (a pinned message, a changed setting): nothing the resident wrote.
    return TelegramInbound(update_id, InboundKind.IGNORED)


def _button(update_id: int, query: CallbackQuery) -> TelegramInbound:
    """A tap on an inline keyboard button; its data goes on only if the tapped message offered it."""
    message = query.message if isinstance(query.message, Message) else None
    chat = message.chat if message is not None else None
    if chat is not None and chat.type != Chat.PRIVATE:
        return TelegramInbound(
            update_id, InboundKind.NOT_PRIVATE, str(chat.id), notice=Notice.PRIVATE_CHATS_ONLY,
            callback_query_id=query.id,
        )
    # In a private chat, the chat's id is the resident's user id.
    chat_id = str(chat.id if chat is not None else query.from_user.id)
    offered = message is not None and query.data is not None and query.data in _button_data(message)
    return TelegramInbound(
        update_id,
        InboundKind.BUTTON if offered else InboundKind.IGNORED,
        chat_id,
        text=query.data if offered else None,
        callback_query_id=query.id,
    )


def _button_data(message: Message) -> set[str]:
    keyboard = message.reply_markup.inline_keyboard if message.reply_markup else ()
    return {button.callback_data for row in keyboard for button in row if isinstance(button.callback_data, str)}
