from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from typing import Callable

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import ActionAnswerService
from actions.fallback import ActionHandleFallback
from actions.unresolved import ActionRecordOutOfScope
from bot.db import Database
from bot.unresolved import Outcome, UnresolvedKind, UnresolvedLog

EPOCH = datetime(2000, 1, 1, tzinfo=timezone.utc)


async def test_a_misunderstood_message_is_logged_redacted_with_its_best_guesses(
    make_tracker: Callable[..., Tracker], action_database: Database
) -> None:
    tracker = make_tracker(
        "the thingy at 1234 Elm Street, call me on 555-123-4567",
        "nlu_fallback",
        ranking=[("nlu_fallback", 0.7), ("pothole_report", 0.2), ("sidewalk_repair", 0.06), ("greet", 0.04)],
    )
    await ActionHandleFallback().run(CollectingDispatcher(), tracker, {})
    [record] = UnresolvedLog(action_database).since(EPOCH)
    assert record.text == "the thingy at [ADDRESS], call me on [PHONE]"
    assert record.top_intents == [("nlu_fallback", 0.7), ("pothole_report", 0.2), ("sidewalk_repair", 0.06)]
    assert (record.kind, record.outcome, record.channel) == (UnresolvedKind.FALLBACK, Outcome.PENDING, "webchat")


async def test_an_answer_after_a_rephrase_settles_the_miss_as_resolved(
    make_tracker: Callable[..., Tracker], action_database: Database
) -> None:
    await ActionHandleFallback().run(CollectingDispatcher(), make_tracker("blorp", "nlu_fallback"), {})
    await ActionAnswerService().run(CollectingDispatcher(), make_tracker("pothole", "pothole_report"), {})
    [record] = UnresolvedLog(action_database).since(EPOCH)
    assert record.outcome is Outcome.REPHRASED_AND_RESOLVED


async def test_out_of_scope_is_logged(make_tracker: Callable[..., Tracker], action_database: Database) -> None:
    await ActionRecordOutOfScope().run(CollectingDispatcher(), make_tracker("best pizza in town", "out_of_scope"), {})
    [record] = UnresolvedLog(action_database).since(EPOCH)
    assert (record.kind, record.text) == (UnresolvedKind.OUT_OF_SCOPE, "best pizza in town")


async def test_a_broken_log_never_stops_the_reply(
    make_tracker: Callable[..., Tracker], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import actions.unresolved
    from bot.db import make_engine

    unmigrated = Database(make_engine(f"sqlite:///{tmp_path / 'empty.db'}"))
    monkeypatch.setattr(actions.unresolved, "database", lambda: unmigrated)
    dispatcher = CollectingDispatcher()
    await ActionHandleFallback().run(dispatcher, make_tracker("blorp", "nlu_fallback"), {})
    assert dispatcher.messages[0]["response"] == "utter_ask_rephrase_no_options"
