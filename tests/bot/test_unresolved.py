from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from bot.db import Database
from bot.unresolved import Outcome, UnresolvedKind, UnresolvedLog

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)


def test_only_redacted_text_reaches_the_table(database: Database) -> None:
    UnresolvedLog(database).record(
        "I'm Maria Gonzalez, my card 4111 1111 1111 1111 got charged twice", "sms", "p-1", [("water_bill", 0.2)],
        UnresolvedKind.FALLBACK,
    )
    with database.transaction() as session:
        stored = " ".join(str(v) for row in session.execute(text("select * from unresolved_messages")) for v in row)
    assert "Maria" not in stored and "4111" not in stored
    assert "[NAME]" in stored and "[CARD]" in stored


def test_settle_marks_only_pending_records_of_that_conversation(database: Database) -> None:
    log = UnresolvedLog(database)
    log.record("blorp", "webchat", "a", [], UnresolvedKind.FALLBACK)
    log.record("zork", "webchat", "b", [], UnresolvedKind.FALLBACK)
    log.settle("a", Outcome.HANDED_OFF)
    assert {r.conversation_id: r.outcome for r in log.since(NOW - timedelta(days=3650))} == {
        "a": Outcome.HANDED_OFF,
        "b": Outcome.PENDING,
    }


