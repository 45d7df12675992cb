"""Twilio's REST API as the SMS outbox uses it: send one message, and sort Twilio's refusals into those that
retrying may get past and those it will not.

The twilio library is synchronous; callers run `TwilioSender.send` in a thread. Errors raised from here
are stored and logged, so they carry Twilio's status and error code only: Twilio's own messages quote the
recipient's number.
"""

from __future__ import annotations

from typing import Any

import requests
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

from bot.messaging.delivery import PermanentFailure, TemporaryFailure

TWILIO_ORIGIN = "https://api.twilio.com"
# Twilio error 21610: the recipient replied STOP to this sender, and Twilio blocks messages to them.
UNSUBSCRIBED = 21610
TOO_MANY_REQUESTS = 429
# A rejected account SID or token is the operator's to fix; the messages wait for it rather than being dropped.
UNAUTHORISED = 401


class Unsubscribed(PermanentFailure):
    """Twilio refuses to send: the recipient opted out with Twilio itself."""


class OriginClient(TwilioHttpClient):
    """Twilio's HTTP client, sending to another origin than api.twilio.com (a fake API in tests)."""

    def __init__(self, origin: str, timeout: float) -> None:
        # One requests session per call: the outbox sends to several recipients from several threads at once.
        super().__init__(pool_connections=False, timeout=timeout)
        self._origin = origin.rstrip("/")

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Response:
        if url.startswith(TWILIO_ORIGIN):
            url = self._origin + url[len(TWILIO_ORIGIN):]
        return super().request(method, url, *args, **kwargs)


def classify(error: TwilioRestException) -> PermanentFailure | TemporaryFailure:
    """The outbox's reading of a Twilio error: a 5xx, rate limiting or bad credentials pass; other 4xx do not."""
    described = f"twilio status={error.status} code={error.code}"
    if error.code == UNSUBSCRIBED:
        return Unsubscribed(described)
    if error.status >= 500 or error.status in (TOO_MANY_REQUESTS, UNAUTHORISED):
        return TemporaryFailure(described)
    return PermanentFailure(described)


class TwilioSender:
    """Sends SMS from one Twilio number or Messaging Service."""

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        from_number: str,
        messaging_service_sid: str,
        api_url: str = TWILIO_ORIGIN,
        timeout: float = 10.0,
    ) -> None:
        self._client = Client(account_sid, auth_token, http_client=OriginClient(api_url, timeout))
        # A Messaging Service picks the number itself (and handles a pool of numbers); it wins when both are set.
        self._sender = {"messaging_service_sid": messaging_service_sid} if messaging_service_sid else {"from_": from_number}

    def send(self, to: str, body: str) -> str:
        """Send one SMS; returns the sid Twilio gave it.

        Raises:
            TemporaryFailure: Twilio is down, slow, unreachable or rate limiting.
            PermanentFailure: Twilio refused this message for good (`Unsubscribed` for an opted-out number).
        """
        try:
            return str(self._client.messages.create(to=to, body=body, **self._sender).sid)
        except TwilioRestException as error:
            raise classify(error) from error
        except requests.RequestException as error:
            raise TemporaryFailure(f"twilio unreachable: {type(error).__name__}") from error
