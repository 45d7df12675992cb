"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

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


def test_migrations_match_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
