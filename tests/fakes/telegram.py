"""A fake Telegram on 127.0.0.1: the Bot API python-telegram-bot calls, and residents whose apps post updates.

`FakeTelegram` serves `/bot<token>/<method>` for `getMe`, `sendMessage`, `answerCallbackQuery`,
`setWebhook`, `deleteWebhook` and `getWebhookInfo`, with the Bot API's JSON (`{"ok": true, "result": ...}`,
or `ok: false` with `error_code` and `description`) and its checks (text length, button data length, a
blocked bot's 403, flood control's 429 with `parameters.retry_after`). It records every call it accepts, and
has every fake provider's outages (`fail`, `hang`, `recover`: see `tests.fakes`).

`TelegramResident` is one person in a private chat with the bot: it posts updates to the webhook in the
Bot API's shapes (text, button taps, locations, photos, voice, stickers) with the webhook's secret, and reads
what the bot sent them.

    with FakeTelegram() as telegram:
        env = telegram.settings(secret)
        ...
        resident = TelegramResident(telegram, webhook_url, secret)
        resident.say("hi")
        greeting = resident.reply_containing("One Door")
"""

from __future__ import annotations

import itertools
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests

from tests.fakes import WAIT_SECONDS, FakeProvider, Outage, eventually, reply_bytes, reply_json

BOT_ID = 7000000001
BOT_USER = {
    "id": BOT_ID, "is_bot": True, "first_name": "One Door", "username": "OneDoorTestBot",
    "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False,
}
MESSAGE_LIMIT = 4096
CALLBACK_DATA_BYTES = 64
# Parameters the Bot API takes as JSON inside a form field.
JSON_PARAMETERS = {"reply_markup", "allowed_updates", "entities", "link_preview_options", "reply_parameters"}
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Update ids are unique per bot; starting each run somewhere new keeps one run's ids apart from another's.
_UPDATE_IDS = itertools.count(secrets.randbelow(10**8) * 10)


def fake_token() -> str:
    """A token of BotFather's shape: the bot's id, a colon, 35 characters."""
    return f"{BOT_ID}:TEST{secrets.token_urlsafe(24)[:31]}"


@dataclass(frozen=True)
class ApiCall:
    """A Bot API call the fake accepted: the method, its parameters as Telegram reads them, and the result."""

    method: str
    params: dict[str, Any]
    result: Any

    @property
    def chat_id(self) -> str:
        return str(self.params.get("chat_id", ""))

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def buttons(self) -> list[dict[str, str]]:
        """The inline keyboard's buttons, row by row, each with `text` and `callback_data`."""
        markup = self.params.get("reply_markup") or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]


class _Refused(Exception):
    """The Bot API's refusal of a call: an HTTP status and Telegram's description."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


class FakeTelegram(FakeProvider):
    """One fake bot; start it with `with`, point python-telegram-bot's `base_url` at `url`."""

    def __init__(self, token: str | None = None) -> None:
        super().__init__()
        self.token = token or fake_token()
        self._calls: list[ApiCall] = []
        self._blocked: set[str] = set()
        self._webhook: dict[str, Any] = {}
        self._message_ids = itertools.count(1)
        self._retry_after = 0
        self._files: dict[str, tuple[str, bytes, str]] = {}  # file_id: (file_path, content, content type)
        self._methods: dict[str, Callable[[dict[str, Any]], Any]] = {
            "getMe": lambda _params: BOT_USER,
            "sendMessage": self._send_message,
            "answerCallbackQuery": self._answer_callback_query,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._webhook_info,
            "getFile": self._get_file,
        }

    def settings(self, secret_token: str) -> dict[str, str]:
        """The environment an assistant needs to use this fake as its Telegram."""
        return {
            "ONE_DOOR_TELEGRAM_BOT_TOKEN": self.token,
            "ONE_DOOR_TELEGRAM_SECRET_TOKEN": secret_token,
            "ONE_DOOR_TELEGRAM_API_URL": self.url,
        }

    # What the fake received.

    def calls(self, method: str | None = None) -> list[ApiCall]:
        with self._lock:
            return [call for call in self._calls if method is None or call.method == method]

    def messages(self, chat_id: int | str | None = None) -> list[ApiCall]:
        """The `sendMessage` calls accepted, to one chat or to all."""
        return [call for call in self.calls("sendMessage") if chat_id is None or call.chat_id == str(chat_id)]

    def wait_for(self, chat_id: int | str | None = None, count: int = 1, timeout: float = WAIT_SECONDS) -> list[ApiCall]:
        """The messages to a chat once there are at least `count`; AssertionError after `timeout`."""
        return eventually(lambda: self.messages(chat_id), lambda sent: len(sent) >= count, timeout,
                          f"{count} message(s) to {chat_id}")

    def wait_for_calls(self, method: str, count: int = 1, timeout: float = WAIT_SECONDS) -> list[ApiCall]:
        return eventually(lambda: self.calls(method), lambda calls: len(calls) >= count, timeout,
                          f"{count} {method} call(s)")

    # Controlling it, besides the outages every fake provider has.

    def flood(self, retry_after: int, times: int = 1) -> None:
        """Flood control: the next `times` calls get Telegram's 429, asking to wait `retry_after` seconds."""
        with self._lock:
            self._retry_after = retry_after
        self.fail(429, times=times)

    def block(self, chat_id: int | str) -> None:
        """The resident blocks the bot: sending to them gets Telegram's 403."""
        with self._lock:
            self._blocked.add(str(chat_id))

    def add_file(self, file_id: str, content: bytes, content_type: str = "application/octet-stream") -> None:
        """Keep a file a resident sent (a photo), for `getFile` and the file URL; Telegram's file server often
        names no better type than `application/octet-stream`."""
        with self._lock:
            self._files[file_id] = (f"photos/file_{len(self._files)}.jpg", content, content_type)

    # The Bot API.

    def serve(self, request: BaseHTTPRequestHandler) -> None:
        params = _read_params(request)
        if self.outage_answered(request):
            return
        if request.path.startswith("/file/"):
            return self._download(request)
        token, _, method = urlsplit(request.path).path.removeprefix("/bot").partition("/")
        if token != self.token:
            return reply_json(request, 401, _refusal(401, "Unauthorized"))
        handler = self._methods.get(method)
        if handler is None:
            return reply_json(request, 404, _refusal(404, "Not Found"))
        try:
            result = handler(params)
        except _Refused as refused:
            return reply_json(request, refused.status, _refusal(refused.status, refused.description))
        with self._lock:
            self._calls.append(ApiCall(method, params, result))
        return reply_json(request, 200, {"ok": True, "result": result})

    def _get_file(self, params: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            found = self._files.get(str(params.get("file_id")))
        if found is None:
            raise _Refused(400, "Bad Request: invalid file_id")
        return {"file_id": params["file_id"], "file_unique_id": params["file_id"][:8], "file_size": len(found[1]),
                "file_path": found[0]}

    def _download(self, request: BaseHTTPRequestHandler) -> None:
        """`/file/bot<token>/<file_path>`: the bytes of a file `getFile` named."""
        token, _, path = request.path.removeprefix("/file/bot").partition("/")
        with self._lock:
            found = [(content, kind) for file_path, content, kind in self._files.values() if file_path == path]
        if token != self.token or not found:
            return reply_json(request, 404, _refusal(404, "Not Found"))
        return reply_bytes(request, *found[0])

    def error_body(self, outage: Outage) -> dict[str, Any]:
        if outage.status == 429:
            with self._lock:
                seconds = self._retry_after
            refusal = _refusal(429, f"Too Many Requests: retry after {seconds}")
            return {**refusal, "parameters": {"retry_after": seconds}}
        return _refusal(outage.status, "Internal Server Error")

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id, text = str(params.get("chat_id", "")), str(params.get("text", ""))
        if not chat_id:
            raise _Refused(400, "Bad Request: chat_id is empty")
        if not text.strip():
            raise _Refused(400, "Bad Request: message text is empty")
        if len(text) > MESSAGE_LIMIT:
            raise _Refused(400, "Bad Request: message is too long")
        if any(not 0 < len(str(b.get("callback_data", "")).encode()) <= CALLBACK_DATA_BYTES
               for row in (params.get("reply_markup") or {}).get("inline_keyboard", []) for b in row):
            raise _Refused(400, "Bad Request: BUTTON_DATA_INVALID")
        with self._lock:
            if chat_id in self._blocked:
                raise _Refused(403, "Forbidden: bot was blocked by the user")
            message_id = next(self._message_ids)
        message = {
            "message_id": message_id, "from": BOT_USER, "date": int(time.time()), "text": text,
            "chat": {"id": int(chat_id), "type": "private", "first_name": "Test"},
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    @staticmethod
    def _answer_callback_query(params: dict[str, Any]) -> bool:
        if not params.get("callback_query_id"):
            raise _Refused(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        return True

    def _set_webhook(self, params: dict[str, Any]) -> bool:
        if not str(params.get("url", "")).startswith("https://"):
            raise _Refused(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        with self._lock:
            self._webhook = dict(params)
        return True

    def _delete_webhook(self, _params: dict[str, Any]) -> bool:
        with self._lock:
            self._webhook = {}
        return True

    def _webhook_info(self, _params: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            webhook = dict(self._webhook)
        return {
            "url": webhook.get("url", ""), "has_custom_certificate": False, "pending_update_count": 0,
            "allowed_updates": webhook.get("allowed_updates", []),
        }


def _refusal(status: int, description: str) -> dict[str, Any]:
    return {"ok": False, "error_code": status, "description": description}


def _read_params(request: BaseHTTPRequestHandler) -> dict[str, Any]:
    """A call's parameters from the query string and a form or JSON body, as the Bot API accepts them."""
    length = int(request.headers.get("Content-Length") or 0)
    body = request.rfile.read(length).decode() if length else ""
    params: dict[str, Any] = dict(parse_qsl(urlsplit(request.path).query))
    if request.headers.get("Content-Type", "").startswith("application/json"):
        params.update(json.loads(body or "{}"))
        return params
    for name, value in parse_qsl(body, keep_blank_values=True):
        params[name] = json.loads(value) if name in JSON_PARAMETERS else value
    return params


# Residents.

_OWN_SECRET = object()


def next_update_id() -> int:
    return next(_UPDATE_IDS)


class TelegramResident:
    """A person in a private chat with the bot, as the webhook sees them."""

    def __init__(self, telegram: FakeTelegram, webhook_url: str, secret: str, chat_id: int | None = None,
                 first_name: str = "Test") -> None:
        self.telegram = telegram
        self.webhook_url = webhook_url
        self.secret = secret
        # Telegram user ids are up to 52 bits; a random one is never a number the tests write anywhere else.
        self.chat_id = chat_id or 5_000_000_000 + secrets.randbelow(10**9)
        self.user = {"id": self.chat_id, "is_bot": False, "first_name": first_name, "language_code": "en"}
        self.chat = {"id": self.chat_id, "type": "private", "first_name": first_name}
        self._read = 0  # how many of the bot's messages this resident has read

    # Updates.

    def message_update(self, update_id: int | None = None, **content: Any) -> dict[str, Any]:
        """A `message` update; `content` is its text, location, photo, voice, sticker..."""
        message = {"message_id": secrets.randbelow(10**6), "from": self.user, "chat": self.chat,
                   "date": int(time.time()), **content}
        return {"update_id": update_id if update_id is not None else next_update_id(), "message": message}

    def button_update(self, reply: ApiCall, title: str, update_id: int | None = None) -> dict[str, Any]:
        """A `callback_query` update: the button titled `title` tapped on the bot's message `reply`."""
        [button] = [b for b in reply.buttons if b["text"] == title]
        query = {"id": str(secrets.randbelow(10**18)), "from": self.user, "chat_instance": str(self.chat_id),
                 "message": reply.result, "data": button["callback_data"]}
        return {"update_id": update_id if update_id is not None else next_update_id(), "callback_query": query}

    def post(self, update: dict[str, Any] | bytes, secret: Any = _OWN_SECRET) -> requests.Response:
        """Post an update as Telegram does; `secret=None` leaves the secret header out."""
        secret = self.secret if secret is _OWN_SECRET else secret
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers[SECRET_HEADER] = secret
        body = update if isinstance(update, bytes) else json.dumps(update).encode()
        return requests.post(self.webhook_url, data=body, headers=headers, timeout=60)

    def _sent(self, update: dict[str, Any]) -> requests.Response:
        response = self.post(update)
        if response.status_code != 200:
            raise AssertionError(f"the webhook answered {response.status_code}: {response.text}")
        return response

    def say(self, text: str) -> requests.Response:
        return self._sent(self.message_update(text=text))

    def tap(self, reply: ApiCall, title: str) -> requests.Response:
        return self._sent(self.button_update(reply, title))

    def share_location(self, latitude: float, longitude: float) -> requests.Response:
        return self._sent(self.message_update(location={"latitude": latitude, "longitude": longitude}))

    def send_photo(self, file_id: str, caption: str | None = None) -> requests.Response:
        """A photo as Telegram delivers it: the same picture in three sizes, smallest first."""
        sizes = [
            {"file_id": f"{file_id}-{width}", "file_unique_id": f"u{width}", "width": width,
             "height": width * 3 // 4, "file_size": width * 90}
            for width in (90, 320, 1280)
        ]
        content: dict[str, Any] = {"photo": sizes}
        if caption is not None:
            content["caption"] = caption
        return self._sent(self.message_update(**content))

    def send_voice(self) -> requests.Response:
        voice = {"file_id": "AwACAgIAAxkBAAIB", "file_unique_id": "AgADvoice", "duration": 3, "mime_type": "audio/ogg"}
        return self._sent(self.message_update(voice=voice))

    def send_sticker(self) -> requests.Response:
        sticker = {"file_id": "CAACAgIAAxkBAAIC", "file_unique_id": "AgADsticker", "type": "regular",
                   "width": 512, "height": 512, "is_animated": False, "is_video": False, "emoji": "\U0001F44D"}
        return self._sent(self.message_update(sticker=sticker))

    # What the bot sent.

    def replies(self) -> list[ApiCall]:
        return self.telegram.messages(self.chat_id)

    def reply_containing(self, words: str, timeout: float = WAIT_SECONDS) -> ApiCall:
        """The bot's next message to this resident, among those not yet read, that contains `words`.

        It and every message before it count as read.
        """
        def match() -> ApiCall | None:
            unread = self.replies()[self._read:]
            return next((call for call in unread if words in call.text), None)

        found = eventually(match, lambda call: call is not None, timeout, f"a reply to {self.chat_id} with {words!r}")
        self._read = self.replies().index(found) + 1
        return found

    def next_reply(self, timeout: float = WAIT_SECONDS) -> ApiCall:
        """The bot's first message to this resident not yet read."""
        return self.reply_containing("", timeout)
