"""How many messages residents sent on each channel, read from Rasa's SQL tracker store and never written.

One Door's own database holds only the messages that went unresolved; the total a fallback rate needs is in
Rasa's `events` table, where every message a resident sends is a `user` event whose JSON names its channel.
"""

from __future__ import annotations

import json
import os
from collections import Counter

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, create_engine, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.reports.window import Window
from bot.settings import PROJECT_ROOT

# The columns of Rasa 3.6's `SQLTrackerStore.SQLEvent` (rasa/core/tracker_store.py), declared here because
# `bot/` does not import Rasa.
EVENTS = Table(
    "events",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)
UNKNOWN_CHANNEL = "unknown"


class TrackerStoreUnavailable(Exception):
    """The tracker store could not be read; the message says why without repeating its address."""


def configured_tracker_store() -> str | None:
    """The tracker store `endpoints.yml` points Rasa at, as a URL; None when the environment does not say.

    Note:
        These two variables belong to Rasa's endpoints file rather than to One Door's settings; a relative
        SQLite path is taken from the project root, where `make run` starts Rasa.
    """
    dialect, db = os.environ.get("ONE_DOOR_TRACKER_DIALECT"), os.environ.get("ONE_DOOR_TRACKER_DB")
    if not dialect or not db:
        return None
    if dialect == "sqlite" and not os.path.isabs(db):
        db = str(PROJECT_ROOT / db)
    return str(URL.create(dialect, database=db))


def resident_messages(url: str, window: Window) -> Counter[str]:
    """Messages residents sent in the window, per channel (`unknown` when Rasa did not record one).

    Raises:
        TrackerStoreUnavailable: when the store is missing, unreachable or has no `events` table.
    """
    query = select(EVENTS.c.data).where(
        EVENTS.c.type_name == "user",
        EVENTS.c.timestamp >= window.start.timestamp(),
        EVENTS.c.timestamp < window.end.timestamp(),
    )
    engine = create_engine(_read_only(url), future=True)
    counts: Counter[str] = Counter()
    try:
        with engine.connect() as connection:
            for (data,) in connection.execution_options(stream_results=True).execute(query):
                counts[_channel(data)] += 1
    except SQLAlchemyError as error:
        raise TrackerStoreUnavailable(f"the tracker store could not be read ({type(error).__name__})") from error
    finally:
        engine.dispose()
    return counts


def _read_only(url: str) -> str:
    """For SQLite, a URL that opens the file read-only, so that a wrong path fails instead of creating it."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return url
    return f"sqlite:///file:{parsed.database}?mode=ro&uri=true"


def _channel(data: str | None) -> str:
    try:
        event = json.loads(data or "{}")
    except json.JSONDecodeError:
        return UNKNOWN_CHANNEL
    return str(event.get("input_channel") or UNKNOWN_CHANNEL)
