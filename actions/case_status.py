"""Tell a resident where their case stands, whichever channel they ask on."""

from __future__ import annotations

import asyncio
import functools
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import case_store, latest_text, rate_limits, resident_catalog
from bot import answers
from bot.case_status import StatusAnswer, look_up
from bot.cases import CaseStatus
from bot.rate_limits import Limit

_STATUS_RESPONSES = {
    CaseStatus.OPEN: "utter_case_open",
    CaseStatus.IN_PROGRESS: "utter_case_in_progress",
    CaseStatus.RESOLVED: "utter_case_resolved",
    CaseStatus.CLOSED: "utter_case_closed",
}
_RESPONSES = {
    StatusAnswer.ASK_FOR_REFERENCE: "utter_ask_case_reference",
    StatusAnswer.INVALID_REFERENCE: "utter_case_reference_invalid",
    StatusAnswer.NOT_FOUND: "utter_case_not_found",
    StatusAnswer.TOO_MANY: "utter_case_status_rate_limited",
}


class ActionCheckCaseStatus(Action):
    """Answer a status question from the case store."""

    def name(self) -> str:
        return "action_check_case_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        channel = tracker.get_latest_input_channel() or "unknown"
        within_limit = functools.partial(rate_limits().check, Limit.CASE_STATUS, channel, tracker.sender_id)
        lookup = await asyncio.to_thread(look_up, case_store(), latest_text(tracker), within_limit)
        if lookup.case is not None:
            fields = answers.case_fields(lookup.case, resident_catalog(tracker))
            dispatcher.utter_message(response=_STATUS_RESPONSES[lookup.case.status], **fields)
        else:
            dispatcher.utter_message(response=_RESPONSES[lookup.answer], reference=lookup.written or "")
        return []
