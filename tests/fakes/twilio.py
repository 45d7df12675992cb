"""A fake Twilio on 127.0.0.1: the REST API that sends messages, and the webhook calls Twilio makes.

`FakeTwilio` answers `POST /2010-04-01/Accounts/{sid}/Messages.json` as Twilio does (basic auth, form fields,
201 with a message resource, Twilio's error JSON) and records each message it accepts. Outages come from
`FakeProvider`: `fail(500)`, `fail(400, code=21610, times=1)` (an unsubscribed number), `hang(seconds)`,
`recover()`. `deliver()` posts an inbound message to a webhook, signed with twilio's own `RequestValidator`
exactly as Twilio signs it.

    with FakeTwilio() as twilio:
        env = twilio.settings()  # account, token, from number and API URL
        ...
        twilio.deliver(webhook_url, "+15550100001", "hello")
        [reply] = twilio.wait_for(to="+15550100001", count=1)
"""

from __future__ import annotations

import base64
import re
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs

import requests
from twilio.request_validator import RequestValidator

from tests.fakes import WAIT_SECONDS, FakeProvider, Outage, eventually, reply_bytes, reply_json

FROM_NUMBER = "+15550001111"
MESSAGES_PATH = re.compile(r"^/2010-04-01/Accounts/(?P<account>AC[0-9a-f]{32})/Messages\.json$")
MEDIA_PATH = re.compile(r"^/2010-04-01/Accounts/(?P<account>AC[0-9a-f]{32})/Messages/MM[0-9a-f]+/Media/ME[0-9a-f]+$")
BODY_LIMIT = 1600


@dataclass(frozen=True)
class SentMessage:
    """A message the fake accepted, with the form fields the client posted."""

    sid: str
    account_sid: str
    to: str
    from_: str
    messaging_service_sid: str
    body: str


def _new_sid(prefix: str) -> str:
    return prefix + uuid.uuid4().hex


class FakeTwilio(FakeProvider):
    """One fake Twilio account; start it with `with`, point the client at `url`."""

    def __init__(self, account_sid: str | None = None, auth_token: str | None = None) -> None:
        super().__init__()
        self.account_sid = account_sid or _new_sid("AC")
        self.auth_token = auth_token or secrets.token_hex(16)
        self._messages: list[SentMessage] = []
        self._media: dict[str, tuple[bytes, str]] = {}

    def settings(self, from_number: str = FROM_NUMBER) -> dict[str, str]:
        """The environment an assistant needs to send SMS through this fake."""
        return {
            "ONE_DOOR_TWILIO_ACCOUNT_SID": self.account_sid,
            "ONE_DOOR_TWILIO_AUTH_TOKEN": self.auth_token,
            "ONE_DOOR_TWILIO_FROM_NUMBER": from_number,
            "ONE_DOOR_TWILIO_API_URL": self.url,
        }

    def messages(self, to: str | None = None) -> list[SentMessage]:
        """The messages accepted, to one number or to all, in the order they came."""
        with self._lock:
            return [m for m in self._messages if to is None or m.to == to]

    def wait_for(self, to: str | None = None, count: int = 1, timeout: float = WAIT_SECONDS) -> list[SentMessage]:
        """The messages to `to` once there are at least `count` of them; AssertionError after `timeout`."""
        return eventually(lambda: self.messages(to), lambda sent: len(sent) >= count, timeout, f"{count} message(s)")

    def add_media(self, content: bytes, content_type: str) -> str:
        """Keep a picture as an MMS's media, served (to the account's credentials) at the URL returned."""
        path = f"/2010-04-01/Accounts/{self.account_sid}/Messages/{_new_sid('MM')}/Media/{_new_sid('ME')}"
        with self._lock:
            self._media[path] = (content, content_type)
        return f"{self.url}{path}"

    # Twilio calling a webhook.

    def deliver(
        self,
        webhook_url: str,
        sender: str,
        body: str,
        media: Sequence[tuple[str, str]] = (),
        message_sid: str | None = None,
        signed_url: str | None = None,
        to: str = FROM_NUMBER,
    ) -> requests.Response:
        """Post an inbound SMS or MMS as Twilio does; `media` is (url, content type) pairs.

        `signed_url` signs another URL than the one posted to, as when a proxy stands in front.
        """
        form = self.inbound_form(sender, body, media, message_sid, to)
        return self.post_signed(webhook_url, form, signed_url)

    def inbound_form(
        self,
        sender: str,
        body: str,
        media: Sequence[tuple[str, str]] = (),
        message_sid: str | None = None,
        to: str = FROM_NUMBER,
    ) -> dict[str, str]:
        """The form fields of Twilio's Messaging webhook request."""
        sid = message_sid or _new_sid("MM" if media else "SM")
        form = {
            "ToCountry": "US", "ToState": "", "SmsMessageSid": sid, "NumMedia": str(len(media)), "ToCity": "",
            "FromZip": "", "SmsSid": sid, "FromState": "", "SmsStatus": "received", "FromCity": "",
            "Body": body, "FromCountry": "US", "To": to, "ToZip": "", "NumSegments": "1",
            "MessageSid": sid, "AccountSid": self.account_sid, "From": sender, "ApiVersion": "2010-04-01",
        }
        for index, (url, content_type) in enumerate(media):
            form[f"MediaUrl{index}"] = url
            form[f"MediaContentType{index}"] = content_type
        return form

    def signature(self, url: str, form: dict[str, str]) -> str:
        return RequestValidator(self.auth_token).compute_signature(url, form)

    def post_signed(self, webhook_url: str, form: dict[str, str], signed_url: str | None = None) -> requests.Response:
        signature = self.signature(signed_url or webhook_url, form)
        return requests.post(webhook_url, data=form, headers={"X-Twilio-Signature": signature}, timeout=60)

    # The REST API.

    def serve(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        fields = parse_qs(request.rfile.read(length).decode(), keep_blank_values=True)
        form = {key: values[-1] for key, values in fields.items()}
        media = MEDIA_PATH.match(request.path)
        if media is not None:
            return self._serve_media(request, media.group("account"))
        match = MESSAGES_PATH.match(request.path)
        if match is None:
            return reply_json(request, 404, _error(20404, "The requested resource was not found", 404))
        if self.outage_answered(request):
            return None
        if not self._authorised(request, match.group("account")):
            return reply_json(request, 401, _error(20003, "Authenticate", 401))
        refusal = _refusal(form)
        if refusal is not None:
            return reply_json(request, 400, _error(*refusal, 400))
        message = SentMessage(
            sid=_new_sid("SM"), account_sid=match.group("account"), to=form["To"], from_=form.get("From", ""),
            messaging_service_sid=form.get("MessagingServiceSid", ""), body=form["Body"],
        )
        with self._lock:
            self._messages.append(message)
        return reply_json(request, 201, _resource(message))

    def _serve_media(self, request: BaseHTTPRequestHandler, account: str) -> None:
        """An MMS picture, as Twilio serves it to an account that enforces HTTP basic auth on media."""
        if self.outage_answered(request):
            return None
        if not self._authorised(request, account):
            return reply_json(request, 401, _error(20003, "Authenticate", 401))
        with self._lock:
            found = self._media.get(request.path)
        if found is None:
            return reply_json(request, 404, _error(20404, "The requested resource was not found", 404))
        return reply_bytes(request, *found)

    def error_body(self, outage: Outage) -> dict[str, Any]:
        return _error(outage.code or 20000 + outage.status, "Simulated failure", outage.status)

    def _authorised(self, request: BaseHTTPRequestHandler, account: str) -> bool:
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        return account == self.account_sid and request.headers.get("Authorization") == f"Basic {expected}"


def _refusal(form: dict[str, str]) -> tuple[int, str] | None:
    """Twilio's error code and message for a request it would refuse, or None."""
    if not form.get("To"):
        return 21604, "A 'To' phone number is required."
    if not form.get("From") and not form.get("MessagingServiceSid"):
        return 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message."
    if not form.get("Body"):
        return 21602, "Message body is required."
    if len(form["Body"]) > BODY_LIMIT:
        return 21617, "The concatenated message body exceeds the 1600 character limit."
    return None


def _error(code: int, message: str, status: int) -> dict[str, Any]:
    return {"code": code, "message": message, "more_info": f"https://www.twilio.com/docs/errors/{code}", "status": status}


def _resource(message: SentMessage) -> dict[str, Any]:
    """A message resource as Twilio's API returns it on creation."""
    now = formatdate(usegmt=False)
    uri = f"/2010-04-01/Accounts/{message.account_sid}/Messages/{message.sid}"
    return {
        "account_sid": message.account_sid, "api_version": "2010-04-01", "body": message.body,
        "date_created": now, "date_sent": None, "date_updated": now, "direction": "outbound-api",
        "error_code": None, "error_message": None, "from": message.from_ or None,
        "messaging_service_sid": message.messaging_service_sid or None, "num_media": "0",
        "num_segments": str(-(-len(message.body) // 153)), "price": None, "price_unit": "USD",
        "sid": message.sid, "status": "queued", "subresource_uris": {"media": f"{uri}/Media.json"},
        "to": message.to, "uri": f"{uri}.json",
    }

