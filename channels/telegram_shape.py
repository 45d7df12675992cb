"""Whether a Telegram update has the Bot API's types in every field One Door reads.

python-telegram-bot builds its objects from whatever JSON it is given: a message with no chat, text that is
a number or a list, or coordinates that are strings become objects that fail later, where the webhook would
answer 500. Telegram itself never sends such an update, so one that fails this check is refused (400)
before it is read.

Note:
    Ids are checked against the Bot API's own bound: at most 52 significant bits, so that they fit a double
    and a signed 64-bit column. Fields One Door does not read are left to python-telegram-bot, whose errors
    on them `channels.telegram_updates` also answers with 400.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MAX_ID = 2**53
MAX_PIXELS = 2**31

Check = Callable[[Any], bool]


def well_formed(data: Any) -> bool:
    """Whether `data` is an update whose message or button tap has the types One Door relies on."""
    return (
        isinstance(data, dict)
        and _natural(data.get("update_id"), MAX_ID)
        and _optional(data, "message", _message)
        and _optional(data, "callback_query", _callback_query)
    )


def _message(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and _chat(value.get("chat"))
        and _optional(value, "text", _string)
        and _optional(value, "caption", _string)
        and _optional(value, "location", _location)
        and _optional(value, "photo", _photo_sizes)
        and _optional(value, "reply_markup", _inline_keyboard)
    )


def _callback_query(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and _string(value.get("id"))
        and isinstance(value.get("from"), dict)
        and _identifier(value["from"].get("id"))
        and _optional(value, "data", _string)
        and _optional(value, "message", _message)
    )


def _chat(value: Any) -> bool:
    return isinstance(value, dict) and _identifier(value.get("id")) and _string(value.get("type"))


def _location(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and _coordinate(value.get("latitude"), 90.0)
        and _coordinate(value.get("longitude"), 180.0)
    )


def _photo_sizes(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(size, dict)
        and _string(size.get("file_id"))
        and _natural(size.get("width"), MAX_PIXELS)
        and _natural(size.get("height"), MAX_PIXELS)
        and _optional(size, "file_size", lambda file_size: _natural(file_size, MAX_ID))
        for size in value
    )


def _inline_keyboard(value: Any) -> bool:
    rows = value.get("inline_keyboard") if isinstance(value, dict) else None
    return isinstance(rows, list) and all(
        isinstance(row, list)
        and all(isinstance(button, dict) and _optional(button, "callback_data", _string) for button in row)
        for row in rows
    )


def _optional(container: dict[str, Any], key: str, check: Check) -> bool:
    """Absent or null (python-telegram-bot reads both as absent), or of the right shape."""
    return container.get(key) is None or check(container[key])


def _string(value: Any) -> bool:
    return isinstance(value, str)


def _integer(value: Any) -> bool:
    return type(value) is int  # not bool, which is an int to Python and not to JSON


def _identifier(value: Any) -> bool:
    return _integer(value) and -MAX_ID < value < MAX_ID


def _natural(value: Any, bound: int) -> bool:
    return _integer(value) and 0 <= value < bound


def _coordinate(value: Any, bound: float) -> bool:
    # NaN fails both comparisons, and an int too large for a float still compares exactly.
    return type(value) in (int, float) and -bound <= value <= bound
