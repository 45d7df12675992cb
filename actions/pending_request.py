"""Tell a resident whose request for a person is still waiting that staff have it, before answering what they
asked (`bot.pending_requests` decides when)."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.common import case_store, resident_catalog, resident_language
from bot import pending_requests, resident_notices
from bot.integrations.rasa import STAFF_KEY

logger = logging.getLogger(__name__)


def _session(tracker: Tracker) -> list[dict[str, Any]]:
    """The events of the current session: those after its last `session_started`."""
    starts = [index for index, event in enumerate(tracker.events) if event.get("event") == "session_started"]
    return tracker.events[starts[-1] + 1:] if starts else list(tracker.events)


def _told(event: dict[str, Any]) -> bool:
    """Whether an assistant message told the resident their request's reference."""
    metadata = event.get("metadata") or {}
    return event.get("event") == "bot" and (
        metadata.get(pending_requests.NOTICE_KEY) == pending_requests.STAFF_HAVE_REQUEST
        or metadata.get("utter_action") in pending_requests.FILING_RESPONSES
    )


def _staff_last_wrote(tracker: Tracker) -> datetime | None:
    stamps = [float(event["timestamp"]) for event in tracker.events
              if event.get("event") == "bot" and (event.get("metadata") or {}).get(STAFF_KEY) and event.get("timestamp")]
    return datetime.fromtimestamp(max(stamps), timezone.utc) if stamps else None


async def tell_if_staff_have_request(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Say, once per session, that staff have the resident's waiting request, with its reference; with the
    database down, say nothing and let the action answer."""
    try:
        cases = await asyncio.to_thread(case_store().for_conversation, tracker.sender_id)
    except SQLAlchemyError as error:
        logger.warning("pending_request.database_unavailable error=%s", type(error).__name__)
        return
    told = any(_told(event) for event in _session(tracker))
    case = pending_requests.to_mention(pending_requests.waiting_request(cases), _staff_last_wrote(tracker), told)
    if case is None:
        return
    agency = resident_catalog(tracker).agencies[case.agency_id].name
    notice = resident_notices.render("staff_have_request.txt", resident_language(tracker), agency=agency,
                                     reference=case.reference)
    dispatcher.utter_message(text=notice, **{pending_requests.NOTICE_KEY: pending_requests.STAFF_HAVE_REQUEST})
