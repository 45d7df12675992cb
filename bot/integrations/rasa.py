"""Rasa's HTTP API, as the staff console uses it: read a transcript, deliver a reply, pause and resume the bot.

Replies are posted as `bot` events with `output_channel=latest`, so Rasa delivers them through whichever channel
the resident last wrote on; the console never needs to run in the process that holds the resident's connection.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import httpx
import jwt

from bot import feedback
from bot.settings import now

TIMEOUT_SECONDS = 10.0
# A token lives for one request; Rasa (sanic-jwt) allows three minutes of clock skew on top.
TOKEN_SECONDS = 60
# Rasa lets the `admin` role read and change every conversation; the console acts for staff on all of them.
CONSOLE_USER = {"username": "one-door-console", "role": "admin"}
# The key of a staff reply's event metadata naming its writer, so the transcript tells staff from the assistant.
STAFF_KEY = "one_door_staff"


@dataclass(frozen=True)
class Line:
    """One message of a transcript: who said it and what."""

    speaker: str  # "resident", "assistant" or "staff"
    text: str
    name: str = ""  # for staff, who wrote it: "Pat Example, Public Works"
    at: datetime | None = None  # when, if Rasa said (every tracker event carries its time stamp)


class RasaUnavailable(RuntimeError):
    """Rasa did not answer, or answered with an error."""


def console_token(secret: str, issued_at: float) -> str:
    """Mint the short-lived JWT that Rasa's `--jwt-secret` checks (HS256), for the console's admin role."""
    claims = {"user": CONSOLE_USER, "iat": int(issued_at), "exp": int(issued_at) + TOKEN_SECONDS}
    return jwt.encode(claims, secret, algorithm="HS256")


class RasaClient:
    """Rasa's HTTP API with a fresh JWT in the Authorization header of each request, never in the URL.

    `clock` is the wall clock (seconds since the epoch) Rasa checks expiry against, never the fixed
    demonstration clock; tests pass their own.
    """

    def __init__(self, base_url: str, jwt_secret: str, clock: Callable[[], float] = time.time) -> None:
        self._base = base_url.rstrip("/")
        self._secret = jwt_secret
        self._clock = clock

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {console_token(self._secret, self._clock())}"} if self._secret else {}

    async def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS, headers=self._headers()) as client:
                response = await client.request(method, f"{self._base}{path}", **kwargs)
                response.raise_for_status()
                return response.json()
        except httpx.HTTPError as error:
            raise RasaUnavailable(f"{method} {path}: {type(error).__name__}") from error

    async def transcript(self, conversation_id: str) -> list[Line]:
        tracker = await self._request("GET", f"/conversations/{conversation_id}/tracker")
        return [_line(event) for event in tracker.get("events", [])
                if event.get("event") in ("user", "bot") and event.get("text")]

    async def _append(self, conversation_id: str, *events: dict[str, Any]) -> None:
        await self._request(
            "POST",
            f"/conversations/{conversation_id}/tracker/events",
            params={"output_channel": "latest", "execute_side_effects": "true"},
            json=list(events),
        )

    async def say(self, conversation_id: str, text: str, staff: str = "") -> None:
        """Deliver a message to the resident on their channel; it also lands in the transcript.

        Args:
            staff: who of the staff wrote it, kept in the event's metadata for the transcript; empty for the
                assistant's own words (a transfer or resolution notice).
        """
        event: dict[str, Any] = {"event": "bot", "text": text}
        if staff:
            event["metadata"] = {STAFF_KEY: staff}
        await self._append(conversation_id, event)

    async def ask_feedback(self, conversation_id: str, question: str, service_id: str) -> bool:
        """Ask whether staff solved it, with Yes and No, unless the conversation was asked recently.

        The question is marked as the assistant's own feedback question, and the service is remembered, so that
        the resident's yes or no is stored as feedback exactly as after an answer the assistant gave itself.
        """
        tracker = await self._request("GET", f"/conversations/{conversation_id}/tracker")
        moment = now()
        if not feedback.should_ask((tracker.get("slots") or {}).get(feedback.ASKED_AT_SLOT), moment):
            return False
        buttons = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
        await self._append(
            conversation_id,
            {"event": "bot", "text": question, "data": {"buttons": buttons},
             "metadata": {"utter_action": feedback.QUESTION}},
            {"event": "slot", "name": feedback.SERVICE_SLOT, "value": service_id},
            {"event": "slot", "name": feedback.ASKED_AT_SLOT, "value": moment.timestamp()},
        )
        return True

    async def resume(self, conversation_id: str) -> None:
        """Hand the conversation back to the bot.

        Note:
            A paused conversation stopped before Rasa logged `action_listen`; without it the dialogue rules
            would not recognise the resident's next message as a new turn.
        """
        await self._append(conversation_id, {"event": "resume"}, {"event": "action", "name": "action_listen"})


def _line(event: dict[str, Any]) -> Line:
    """One transcript line from a `user` or `bot` tracker event."""
    text, stamp = str(event["text"]), event.get("timestamp")
    at = datetime.fromtimestamp(float(stamp), timezone.utc) if isinstance(stamp, (int, float)) else None
    if event["event"] == "user":
        return Line("resident", text, at=at)
    staff = (event.get("metadata") or {}).get(STAFF_KEY)
    return Line("staff", text, str(staff), at) if staff else Line("assistant", text, at=at)
