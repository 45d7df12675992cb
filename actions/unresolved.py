"""Log unresolved messages (redacted) without ever delaying or failing the resident's reply."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.common import database, intent_ranking, latest_text, resident_language
from bot.unresolved import Outcome, UnresolvedKind, UnresolvedLog

logger = logging.getLogger(__name__)


async def note_unresolved(
    tracker: Tracker,
    kind: UnresolvedKind,
    text: str | None = None,
    ranking: list[tuple[str, float]] | None = None,
) -> None:
    """Record the latest message as unresolved; a database problem is logged, never raised.

    An answer rated unhelpful is recorded as the question it answered (`text`) and the service that answered
    it (`ranking`), not as the resident's "no".
    """
    try:
        await asyncio.to_thread(
            UnresolvedLog(database()).record,
            latest_text(tracker) if text is None else text,
            tracker.get_latest_input_channel() or "unknown",
            tracker.sender_id,
            intent_ranking(tracker) if ranking is None else ranking,
            kind,
            language=resident_language(tracker),
        )
    except SQLAlchemyError as error:
        logger.warning("unresolved.record.failed error=%s", type(error).__name__)


async def settle_unresolved(tracker: Tracker, outcome: Outcome) -> None:
    """Give this conversation's pending unresolved messages their outcome; failures are logged only."""
    try:
        await asyncio.to_thread(UnresolvedLog(database()).settle, tracker.sender_id, outcome)
    except SQLAlchemyError as error:
        logger.warning("unresolved.settle.failed error=%s", type(error).__name__)


class ActionRecordOutOfScope(Action):
    """After saying a request is not a city service, log it for the service owners."""

    def name(self) -> str:
        return "action_record_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        await note_unresolved(tracker, UnresolvedKind.OUT_OF_SCOPE)
        return []
