"""Reading Telegram updates, in the Bot API's JSON shapes, into what the connector does with each."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.messaging.notices import Notice
from channels.telegram_updates import (
    GREET_PAYLOAD,
    InboundKind,
    TelegramInbound,
    is_start,
    location_payload,
    parse_telegram_payload,
    resident_words,
)

CHAT_ID = 5123456789
APP_LANGUAGE = "en"  # the resident's Telegram app language, passed on as a guess at theirs
RESIDENT = {"id": CHAT_ID, "is_bot": False, "first_name": "Test", "language_code": APP_LANGUAGE}
PRIVATE = {"id": CHAT_ID, "type": "private", "first_name": "Test"}
GROUP = {"id": -1001234567890, "type": "supergroup", "title": "Neighbours"}
KEYBOARD = {"inline_keyboard": [[{"text": "Yes, send it", "callback_data": "/affirm"}],
                                [{"text": "No, start again", "callback_data": "/deny"}]]}


def message(chat: dict[str, Any] = PRIVATE, **content: Any) -> dict[str, Any]:
    return {"update_id": 100, "message": {"message_id": 7, "from": RESIDENT, "chat": chat, "date": 1795300000, **content}}


def button(data: str, keyboard: dict[str, Any] | None = KEYBOARD, chat: dict[str, Any] = PRIVATE) -> dict[str, Any]:
    tapped = {"message_id": 8, "from": {"id": 7000000001, "is_bot": True, "first_name": "One Door"}, "chat": chat,
              "date": 1795300000, "text": "I'll send this to Public Works. Is that right?"}
    if keyboard is not None:
        tapped["reply_markup"] = keyboard
    return {"update_id": 101, "callback_query": {"id": "4382bfdwdsb323b2d9", "from": RESIDENT,
                                                  "chat_instance": "-539", "message": tapped, "data": data}}


PHOTO_SIZES = [
    {"file_id": "AgAD-small", "file_unique_id": "s", "width": 90, "height": 67, "file_size": 1200},
    {"file_id": "AgAD-large", "file_unique_id": "l", "width": 1280, "height": 960, "file_size": 98000},
    {"file_id": "AgAD-medium", "file_unique_id": "m", "width": 320, "height": 240, "file_size": 15000},
]
VOICE = {"file_id": "AwAD", "file_unique_id": "v", "duration": 3, "mime_type": "audio/ogg"}
STICKER = {"file_id": "CAAD", "file_unique_id": "st", "type": "regular", "width": 512, "height": 512,
           "is_animated": False, "is_video": False}
DOCUMENT = {"file_id": "BQAD", "file_unique_id": "d", "file_name": "form.pdf", "mime_type": "application/pdf"}
CONTACT = {"phone_number": "+15550100003", "first_name": "Test"}
POLL = {"id": "1", "question": "Which?", "total_voter_count": 0, "is_closed": False, "is_anonymous": True,
        "type": "regular", "allows_multiple_answers": False, "allows_revoting": False, "members_only": False,
        "options": [{"persistent_id": "a1", "text": "a", "voter_count": 0}]}
CHAT = str(CHAT_ID)


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        (message(text="my bin was not emptied"),
         TelegramInbound(100, InboundKind.TEXT, CHAT, text="my bin was not emptied", app_language=APP_LANGUAGE)),
        (message(text="/start"), TelegramInbound(100, InboundKind.START, CHAT, text=GREET_PAYLOAD)),
        (message(text="/start@OneDoorTestBot campaign"), TelegramInbound(100, InboundKind.START, CHAT, text="/greet")),
        (message(text="/affirm"),
         TelegramInbound(100, InboundKind.TEXT, CHAT, text="affirm", app_language=APP_LANGUAGE)),
        (message(text='/share_location{"geo": "0, 0"}'),
         TelegramInbound(100, InboundKind.TEXT, CHAT, text='share_location{"geo": "0, 0"}', app_language=APP_LANGUAGE)),
        (message(location={"latitude": 42.3601, "longitude": -71.0589}),
         TelegramInbound(100, InboundKind.LOCATION, CHAT, text='/share_location{"geo": "42.36010, -71.05890"}')),
        (message(photo=PHOTO_SIZES),
         TelegramInbound(100, InboundKind.PHOTO, CHAT, notice=Notice.PHOTO_KEPT, photo_file_id="AgAD-large")),
        (message(photo=PHOTO_SIZES, caption="pothole outside no. 12"),
         TelegramInbound(100, InboundKind.PHOTO, CHAT, text="pothole outside no. 12", photo_file_id="AgAD-large")),
        (message(photo=PHOTO_SIZES, caption="/deny"),
         TelegramInbound(100, InboundKind.PHOTO, CHAT, text="deny", photo_file_id="AgAD-large")),
        (message(voice=VOICE), TelegramInbound(100, InboundKind.UNSUPPORTED, CHAT, notice=Notice.UNSUPPORTED_CONTENT)),
        (message(sticker=STICKER), TelegramInbound(100, InboundKind.UNSUPPORTED, CHAT, notice=Notice.UNSUPPORTED_CONTENT)),
        (message(document=DOCUMENT), TelegramInbound(100, InboundKind.UNSUPPORTED, CHAT, notice=Notice.UNSUPPORTED_CONTENT)),
        (message(contact=CONTACT), TelegramInbound(100, InboundKind.UNSUPPORTED, CHAT, notice=Notice.UNSUPPORTED_CONTENT)),
        (message(poll=POLL), TelegramInbound(100, InboundKind.UNSUPPORTED, CHAT, notice=Notice.UNSUPPORTED_CONTENT)),
        (message(chat=GROUP, text="hello bot"),
         TelegramInbound(100, InboundKind.NOT_PRIVATE, str(GROUP["id"]), notice=Notice.PRIVATE_CHATS_ONLY)),
        (message(pinned_message={"message_id": 3, "chat": PRIVATE, "date": 0}), TelegramInbound(100, InboundKind.IGNORED)),
        ({"update_id": 100, "edited_message": message(text="edited")["message"]}, TelegramInbound(100, InboundKind.IGNORED)),
        ({"update_id": 100, "channel_post": {"message_id": 1, "chat": {"id": -100, "type": "channel"}, "date": 0,
                                             "text": "news"}},
         TelegramInbound(100, InboundKind.IGNORED)),
        ({"update_id": 100}, TelegramInbound(100, InboundKind.IGNORED)),
    ],
    ids=["text", "start", "start with bot name and parameter", "typed payload", "typed payload with entities",
         "location", "photo", "photo with caption", "photo with a payload caption", "voice", "sticker", "document",
         "contact", "poll", "group", "service message", "edited", "channel post", "nothing"],
)
def test_parse_telegram_payload(update: dict[str, Any], expected: TelegramInbound) -> None:
    assert parse_telegram_payload(update) == expected


def test_a_tapped_button_passes_on_its_payload_and_the_query_to_answer() -> None:
    assert parse_telegram_payload(button("/affirm")) == TelegramInbound(
        101, InboundKind.BUTTON, CHAT, text="/affirm", callback_query_id="4382bfdwdsb323b2d9"
    )


@pytest.mark.parametrize(
    ("update", "kind"),
    [
        (button('/greet{"x": 1}'), InboundKind.IGNORED),  # data the tapped message never offered
        (button("/affirm", keyboard=None), InboundKind.IGNORED),
        (button("/affirm", chat=GROUP), InboundKind.NOT_PRIVATE),
    ],
    ids=["made-up data", "message without keyboard", "group"],
)
def test_a_button_that_was_not_offered_reaches_nobody_but_is_still_answered(
    update: dict[str, Any], kind: InboundKind
) -> None:
    inbound = parse_telegram_payload(update)
    assert inbound is not None
    assert (inbound.kind, inbound.text, inbound.callback_query_id) == (kind, None, "4382bfdwdsb323b2d9")


def test_a_tap_on_a_message_too_old_to_be_sent_along_is_answered_from_the_user_id() -> None:
    update = button("/affirm")
    update["callback_query"]["message"] = {"message_id": 8, "chat": PRIVATE, "date": 0}  # inaccessible message
    inbound = parse_telegram_payload(update)
    assert inbound == TelegramInbound(101, InboundKind.IGNORED, CHAT, callback_query_id="4382bfdwdsb323b2d9")


def _sent(update_id: int = 1, chat: Any = PRIVATE, date: Any = 1795300000, **content: Any) -> dict[str, Any]:
    return {"update_id": update_id, "message": {"message_id": 1, "date": date, "chat": chat, **content}}


# Shapes that made the webhook answer 500 before updates were checked for the Bot API's types.
MALFORMED: dict[str, Any] = {
    "message with no chat": {"update_id": 1, "message": {"message_id": 1, "date": 0, "text": "hi"}},
    "text as a number": _sent(text=5),
    "text as a list": _sent(text=["hi"]),
    "coordinates as strings": _sent(location={"latitude": "42.36", "longitude": "-71.05"}),
    "coordinates not a number": _sent(location={"latitude": float("nan"), "longitude": 0}),
    "coordinates off the globe": _sent(location={"latitude": 91, "longitude": 0}),
    "huge update id": {"update_id": 10**40},
    "huge chat id": _sent(chat={"id": 10**40, "type": "private"}, text="hi"),
    "chat type a number": _sent(chat={"id": 1, "type": 5}, text="hi"),
    "date out of range": _sent(date=10**30, text="hi"),
    "photo as a string": _sent(photo="AgAD"),
    "photo size without a file id": _sent(photo=[{"width": 1, "height": 1}]),
    "keyboard as a string": {"update_id": 1, "callback_query": {"id": "1", "from": RESIDENT, "data": "/affirm",
                                                                "message": {**_sent()["message"],
                                                                            "reply_markup": "yes"}}},
    "tap from nobody": {"update_id": 1, "callback_query": {"id": "1", "from": {"id": "me"}, "data": "/affirm"}},
}


@pytest.mark.parametrize(
    "data",
    [
        None, [], "update", {"message": {"text": "hi"}}, {"update_id": "100"}, {"update_id": True},
        {"update_id": 1, "message": {"text": "no chat"}},
        {"update_id": 1, "message": {"message_id": 1, "chat": PRIVATE, "date": "yesterday", "text": "x"}},
        {"update_id": 1, "message": "hello"},
        {"update_id": 1, "callback_query": {"id": "1"}},
        *MALFORMED.values(),
    ],
    ids=["null", "list", "string", "no update id", "text update id", "bool update id", "message without chat",
         "bad date", "message is text", "callback without sender", *MALFORMED],
)
def test_what_is_not_an_update_is_refused(data: Any) -> None:
    assert parse_telegram_payload(data) is None


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("hello", "hello"),
        ("  pothole on Main St  ", "pothole on Main St"),
        ("/help", "help"),
        ("/help@OneDoorTestBot", "help"),
        ("/status HVX-4KT-7QM", "status HVX-4KT-7QM"),
        ("//affirm", "affirm"),
        ("/ /greet", "greet"),
        ("/", ""),
        ("/me@example.org", "me@example.org"),
        ("/@OneDoorTestBot /greet", "greet"),
        ("//@OneDoorTestBot hi", "hi"),
        ("/@bot.", "@bot."),
        ("////x", "x"),
        ("/ " * 1000 + "pothole", "pothole"),
    ],
)
def test_resident_words_never_start_with_a_slash(typed: str, words: str) -> None:
    assert resident_words(typed) == words


@pytest.mark.parametrize(("text", "expected"), [("/start", True), ("/START", True), ("/start abc", True),
                                                ("/started", False), ("start", False), ("/help", False)])
def test_is_start(text: str, expected: bool) -> None:
    assert is_start(text) == expected


def test_a_location_payload_is_an_intent_with_a_geo_entity_rasa_can_read() -> None:
    payload = location_payload(-33.8688197, 151.2092955)
    assert payload.startswith("/share_location{")
    assert json.loads(payload.removeprefix("/share_location")) == {"geo": "-33.86882, 151.20930"}
