"""How many messages residents sent on each channel, read from Rasa's SQL tracker store and never written.

One Door's own database holds only the messages that went unresolved; the total a fallback rate needs is in
Rasa's `events` table, where every message a resident sends is a `user` event whose JSON names its channel.
"""

from __future__ import annotations

import json
from collections import Counter

from sqlalchemy import create_engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.reports.window import Window
from bot.tracker_store import EVENTS

UNKNOWN_CHANNEL = "unknown"


class TrackerStoreUnavailable(Exception):
    """The tracker store could not be read; the message says why without repeating its address."""


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
