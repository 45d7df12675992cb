"""Rasa's SQL tracker store, with SQLite written ahead-of-log on one kept connection (docs/adr/0017-throughput.md).

Rasa 3.6 opens SQLite through SQLAlchemy 1.4's default for files, a new connection for every read and write, in
rollback-journal mode with a full fsync per commit; saving the tracker was a third of its busy time under load.
Here SQLite connections are pooled (SQLAlchemy 2's default for files) and put in WAL mode with
`synchronous=NORMAL` (`bot.db.write_ahead`). Other dialects (PostgreSQL) are left exactly as Rasa makes them.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy.pool import QueuePool

from bot.db import write_ahead


class WriteAheadSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore`; on SQLite, pooled connections in WAL mode. endpoints.yml names it as the store's type."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            self.engine.dispose()
            self.engine = sa.create_engine(self.engine.url, poolclass=QueuePool, pool_size=1, max_overflow=4,
                                         connect_args={"check_same_thread": False})
            sa.event.listen(self.engine, "connect", write_ahead)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
