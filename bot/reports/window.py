"""The period a report covers, from a start moment to now, and its days as the city counts them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

_PERIOD = re.compile(r"(\d+)([hdw])")
_UNIT = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}


def parse_period(text: str) -> timedelta:
    """A period written as a number and a unit, `12h`, `30d` or `4w`.

    Raises:
        ValueError: for anything else, or for a period of zero.
    """
    match = _PERIOD.fullmatch(text.strip().lower())
    if match is None or int(match.group(1)) == 0:
        raise ValueError(f"not a period like 30d, 12h or 4w: {text!r}")
    return int(match.group(1)) * _UNIT[match.group(2)]


def as_utc(moment: datetime) -> datetime:
    """An aware UTC time; SQLite hands back the stored UTC times without their zone."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


@dataclass(frozen=True)
class Window:
    """From `start` to `end`, both aware; days are dates in the city's time zone."""

    start: datetime
    end: datetime
    city_timezone: str

    def holds(self, moment: datetime) -> bool:
        return self.start <= as_utc(moment) <= self.end

    def day_of(self, moment: datetime) -> date:
        return as_utc(moment).astimezone(ZoneInfo(self.city_timezone)).date()

    def days(self) -> list[date]:
        """Every local date from the start's to the end's, so that quiet days show as zero."""
        first, last = self.day_of(self.start), self.day_of(self.end)
        return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
