"""Rasa's SQL tracker store, where One Door's settings say, with SQLite written ahead-of-log on pooled connections.

Where: endpoints.yml names only this class; the store is `Settings.trackers()`, the URL `purge`, `forget` and the
reports read too. With ONE_DOOR_DB_HOST that is One Door's own PostgreSQL database, so Rasa's conversations and
One Door's records cannot end up in different stores. Arguments given to the class (tests) win.

How (docs/adr/0017-throughput.md): Rasa 3.6 opens SQLite through SQLAlchemy 1.4's default for files, a new
connection for every read and write, in rollback-journal mode with a full fsync per commit; saving the tracker was a
third of its busy time under load. Here SQLite connections are pooled (SQLAlchemy 2's default for files) and put in
WAL mode with `synchronous=NORMAL` (`bot.db.write_ahead`). Other dialects (PostgreSQL) are left as Rasa makes them.

It is also where `onedoor_messages_total{channel,intent}` is counted: Rasa saves the tracker once a message is
handled, and the store picks out the events not stored yet, so each resident's message passes here exactly
once, with its intent and channel, at no extra query (docs/adr/0019-observability.md).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from bot.db import write_ahead
from bot.observability.metrics import count_message
from bot.settings import PROJECT_ROOT, get_settings

logger = logging.getLogger(__name__)

# The embedded default, as `make run` sets it, when nothing names a store.
DEFAULT_TRACKERS = f"sqlite:///{PROJECT_ROOT / 'var' / 'trackers.db'}"
_CONNECTION = ("dialect", "host", "port", "db", "username", "password", "login_db", "query")


def configured_connection() -> dict[str, Any]:
    """SQLTrackerStore's connection arguments for `Settings.trackers()` (the embedded SQLite file when unset)."""
    url = make_url(get_settings().trackers() or DEFAULT_TRACKERS)
    return {
        "dialect": url.drivername, "host": url.host, "port": url.port, "db": url.database,
        "username": url.username, "password": url.password, "query": dict(url.query) or None,
    }


class WriteAheadSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` on the configured store; on SQLite, pooled connections in WAL mode."""

    def __init__(self, domain: Domain | None = None, **kwargs: Any) -> None:
        if not any(kwargs.get(name) for name in _CONNECTION):
            kwargs = {**kwargs, **configured_connection()}
        super().__init__(domain, **kwargs)
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


def _unavailable(_store: FailSafeTrackerStore, error: Exception) -> None:
    logger.error("tracker_store.unavailable error=%s", type(error).__name__)
    raise error


def no_fallback_to_memory() -> None:
    """Make a failing tracker store fail the message instead of Rasa's fallback to the process's memory.

    Rasa wraps every tracker store in `FailSafeTrackerStore`, which, when the database cannot be reached, handles
    the message on an empty conversation and keeps it in memory only: the resident is answered out of context and
    the turn is lost for good, and with several replicas never seen by the others (tests/resilience). Raising lets
    the channel say the message was not handled (REST: 503), so it is sent again.
    """
    FailSafeTrackerStore.on_tracker_store_error = _unavailable  # type: ignore[method-assign]
    FailSafeTrackerStore.on_tracker_store_retrieve_error = _unavailable  # type: ignore[method-assign]
