"""The clock every time stamp comes from (the wall clock in production, a fixed or moving instant in tests), and
how a stamp reads in the city's zone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone, tzinfo

# Anything that stamps or compares time takes one of these, so that a test passes its own instants.
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """Now, as stored in every timestamp column: aware, in UTC."""
    return datetime.now(timezone.utc)


def local_time(moment: datetime, zone: tzinfo) -> str:
    """A stored instant as staff read it, in the city's zone with its abbreviation: `2026-11-23 12:00 CST`.

    SQLite gives back naive datetimes; every stored one is UTC.
    """
    aware = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return aware.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")
