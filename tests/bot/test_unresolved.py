from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text

from bot import migrate
from bot.cli import main
from bot.db import Database, make_engine
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


def test_purge_deletes_only_records_past_retention(database: Database) -> None:
    log = UnresolvedLog(database)
    log.record("old", "sms", "a", [], UnresolvedKind.OUT_OF_SCOPE, at=NOW - timedelta(days=100))
    log.record("new", "sms", "b", [], UnresolvedKind.OUT_OF_SCOPE, at=NOW - timedelta(days=10))
    assert log.purge(timedelta(days=90), NOW) == 1
    assert [r.text for r in log.since(NOW - timedelta(days=3650))] == ["new"]


def test_purge_command_is_safe_to_run_repeatedly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'onedoor.db'}"
    migrate.upgrade(url)
    UnresolvedLog(Database(make_engine(url))).record("x", "sms", "a", [], UnresolvedKind.FALLBACK,
                                                     at=datetime(2000, 1, 1, tzinfo=timezone.utc))
    # No tracker store: the default would be the project's own var/trackers.db.
    command = ["purge", "--days", "30", "--url", url, "--trackers", ""]
    assert main(command) == 0
    assert main(command) == 0
    assert capsys.readouterr().out.splitlines() == [
        "purged 1 unresolved messages older than 30 days",
        "purged 0 delivered outbox messages and 0 duplicate-delivery marks",
        "purged 0 unresolved messages older than 30 days",
        "purged 0 delivered outbox messages and 0 duplicate-delivery marks",
    ]
