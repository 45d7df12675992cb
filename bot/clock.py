"""The clock every time stamp comes from: the wall clock in production, a fixed or moving instant in tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

# Anything that stamps or compares time takes one of these, so that a test passes its own instants.
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """Now, as stored in every timestamp column: aware, in UTC."""
    return datetime.now(timezone.utc)
