"""One Door's own SQLite database: foreign keys enforced, written ahead-of-log without an fsync per commit."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from bot.db import make_engine


def test_sqlite_connections_enforce_foreign_keys_and_write_ahead_of_log(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'onedoor.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL: no fsync per commit
