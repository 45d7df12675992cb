"""Rasa's HTTP API, as the staff console uses it: read a transcript, deliver a reply, pause and resume the bot.

Replies are posted as `bot` events with `output_channel=latest`, so Rasa delivers them through whichever channel
the resident last wrote on; the console never needs to run in the process that holds the resident's connection.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from bot import feedback
from bot.settings import now

TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class Line:
    """One message of a transcript: who said it and what."""

    speaker: str  # "resident" or "assistant"
    text: str


class RasaUnavailable(RuntimeError):
    """Rasa did not answer, or answered with an error."""


class RasaClient:
    def __init__(self, base_url: str, token: str) -> None:
        self._base = base_url.rstrip("/")
        self._params = {"token": token} if token else {}

    async def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        params = {**self._params, **kwargs.pop("params", {})}
        try:
            async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS) as client:
                response = await client.request(method, f"{self._base}{path}", params=params, **kwargs)
                response.raise_for_status()
                return response.json()
        except httpx.HTTPError as error:
            raise RasaUnavailable(f"{method} {path}: {type(error).__name__}") from error

    async def transcript(self, conversation_id: str) -> list[Line]:
        tracker = await self._request("GET", f"/conversations/{conversation_id}/tracker")
        speakers = {"user": "resident", "bot": "assistant"}
        return [
            Line(speakers[event["event"]], str(event.get("text") or ""))
            for event in tracker.get("events", [])
            if event.get("event") in speakers and event.get("text")
        ]

    async def _append(self, conversation_id: str, *events: dict[str, Any]) -> None:
        await self._request(
            "POST",
            f"/conversations/{conversation_id}/tracker/events",
            params={"output_channel": "latest", "execute_side_effects": "true"},
            json=list(events),
        )

    async def say(self, conversation_id: str, text: str) -> None:
        """Deliver a message to the resident on their channel; it also lands in the transcript."""
        await self._append(conversation_id, {"event": "bot", "text": text})

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
