"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import bot.audit  # noqa: F401  (each import registers its tables)
import bot.breach_log  # noqa: F401
import bot.cases  # noqa: F401
import bot.handoff_records  # noqa: F401
import bot.live_events  # noqa: F401
import bot.staff  # noqa: F401
import bot.unresolved  # noqa: F401
from bot.db import Base, Database
from bot.migrate import SchemaNotCurrent, require_current, upgrade


def test_migrations_match_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_a_process_refuses_a_database_it_cannot_open_or_that_is_behind_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-file.db"
    folder.mkdir()
    with pytest.raises(SchemaNotCurrent, match="cannot be opened"):
        require_current(f"sqlite:///{folder}")
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    with pytest.raises(SchemaNotCurrent, match="at schema none"):
        require_current(empty)
    upgrade(empty)
    require_current(empty)
