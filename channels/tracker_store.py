"""Rasa's SQL tracker store, with SQLite written ahead-of-log on one kept connection (docs/adr/0017-throughput.md).

Rasa 3.6 opens SQLite through SQLAlchemy 1.4's default for files, a new connection for every read and write, in
rollback-journal mode with a full fsync per commit; saving the tracker was a third of its busy time under load.
Here SQLite connections are pooled (SQLAlchemy 2's default for files) and put in WAL mode with
`synchronous=NORMAL` (`bot.db.write_ahead`). Other dialects (PostgreSQL) are left exactly as Rasa makes them.

It is also where `onedoor_messages_total{channel,intent}` is counted: Rasa saves the tracker once a message is
handled, and the store picks out the events not stored yet, so each resident's message passes here exactly
once, with its intent and channel, at no extra query (docs/adr/0019-observability.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from bot.db import write_ahead
from bot.observability.metrics import count_message


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

    def _additional_events(self, session: Session, tracker: DialogueStateTracker) -> Iterator[Event]:
        """The events `save` is about to store; each resident's message among them is counted."""
        events = list(super()._additional_events(session, tracker))
        known = self.domain.intents if self.domain else ()
        for event in events:
            if isinstance(event, UserUttered):
                count_message(event.input_channel or "unknown", event.intent_name, known)
        return iter(events)
