"""When the action server cannot be reached, the resident is told so instead of getting no answer at all.

Rasa 3.6's `RemoteAction` raises when the action server refuses the connection, times out or answers with a
server error; Rasa's processor logs it, drops the action and goes on, and since the action never said anything the
resident's message gets no reply (REST: 200 with `[]`; tests/resilience). Here such a failure becomes the
`actions_unavailable` notice in the conversation's language and ends the turn. When the failing action is a
form's validation (`validate_<form>`), the slots the message filled are emptied again instead, since nothing
checked them: the form asks for them once more and goes on when the action server is back. A validation that
refuses a value (HTTP 400, `ActionExecutionRejection`) is not an outage and is left to Rasa.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, Event, FollowupAction, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException

from bot.catalog import load_catalog
from bot.language import LANGUAGE_GUESS_SLOT, LANGUAGE_SLOT, reply_language
from bot.messaging.notices import Notice, render
from bot.settings import get_settings

logger = logging.getLogger(__name__)


@cache
def _city() -> str:
    return load_catalog(get_settings().catalog_dir).city.name


def outage_notice(tracker: DialogueStateTracker) -> str:
    """The notice in the conversation's language."""
    language = reply_language(tracker.get_slot(LANGUAGE_SLOT), tracker.get_slot(LANGUAGE_GUESS_SLOT))
    return render(Notice.ACTIONS_UNAVAILABLE, _city(), language)


def unchecked_slots(action: str, tracker: DialogueStateTracker, domain: Domain) -> list[Event] | None:
    """For a form's validation action, its slots that the latest message filled, emptied; None for other actions."""
    form = action.removeprefix("validate_")
    if action == form or form not in domain.form_names:
        return None
    required, filled = set(domain.required_slots_for_form(form)), set()
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, SlotSet) and event.key in required:
            filled.add(event.key)
    return [SlotSet(name, None) for name in sorted(filled)]


def apologise_when_actions_are_unreachable() -> None:
    """Wrap `RemoteAction.run` in this process so that an unreachable action server is answered by the notice."""
    run = RemoteAction.run

    async def run_or_apologise(self: RemoteAction, output_channel: Any, nlg: Any, tracker: DialogueStateTracker,
                               domain: Domain) -> list[Event]:
        try:
            return await run(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except RasaException as error:
            logger.error("actions.unavailable action=%s error=%s", self.name(), type(error.__cause__ or error).__name__)
            emptied = unchecked_slots(self.name(), tracker, domain)
            then = [FollowupAction(ACTION_LISTEN_NAME)] if emptied is None else emptied
            return [BotUttered(outage_notice(tracker)), *then]

    RemoteAction.run = run_or_apologise  # type: ignore[method-assign]
