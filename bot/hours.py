"""Office hours: written compactly for residents, and checked against a moment in time."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.catalog import Day, OpeningHours
from bot.i18n.phrases import Phrases

_ORDER = list(Day)


def _day_span(days: list[Day], phrases: Phrases) -> str:
    """Write consecutive days as a range (Mon-Fri) and others as a list (Mon, Wed)."""
    indexes = sorted(_ORDER.index(day) for day in days)
    consecutive = indexes == list(range(indexes[0], indexes[-1] + 1))
    names = [phrases.days[_ORDER[i].value] for i in indexes]
    if consecutive and len(names) > 2:
        return f"{names[0]}-{names[-1]}"
    return ", ".join(names)


def describe(hours: list[OpeningHours], phrases: Phrases) -> str:
    """Write opening hours on one line, for example `Mon-Fri 08:00-17:00; Sat 09:00-13:00`."""
    return "; ".join(
        f"{_day_span(block.days, phrases)} {block.opens:%H:%M}-{block.closes:%H:%M}" for block in hours if block.days
    )


def is_open(hours: list[OpeningHours], moment: datetime) -> bool:
    """Tell whether `moment`, in the agency's local time, falls inside its opening hours."""
    day = _ORDER[moment.weekday()]
    return any(day in block.days and block.opens <= moment.time() < block.closes for block in hours)


def next_opening(hours: list[OpeningHours], moment: datetime) -> datetime | None:
    """The first opening time after `moment` (same time zone as `moment`), or None for an agency never open.

    Note:
        Looks at most eight days ahead: a weekly timetable repeats within that.
    """
    midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    for days_ahead in range(8):
        day = midnight + timedelta(days=days_ahead)
        weekday = _ORDER[day.weekday()]
        openings = sorted(block.opens for block in hours if weekday in block.days)
        for opens in openings:
            candidate = day.replace(hour=opens.hour, minute=opens.minute)
            if candidate > moment:
                return candidate
    return None


def when_staff_return(opening: datetime, moment: datetime, phrases: Phrases) -> str:
    """When staff are back, in the resident's terms: "later today, after 7 a.m. CST", "tomorrow, Wednesday,
    after 7:30 a.m. CST", "on Monday after 9 a.m. CST".

    Both times are in the city's zone; the zone is named because a resident may write from elsewhere, and the
    12-hour clock is the one US residents read.
    """
    days_ahead = (opening.date() - moment.date()).days
    at = f"{_twelve_hour(opening, phrases)} {opening:%Z}".rstrip()
    weekday = phrases.weekdays[_ORDER[opening.weekday()].value]
    if days_ahead == 0:
        return phrases.later_today.format(time=at)
    if days_ahead == 1:
        return phrases.tomorrow.format(weekday=weekday, time=at)
    return phrases.on_day.format(weekday=weekday, time=at)


def _twelve_hour(moment: datetime, phrases: Phrases) -> str:
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes} {phrases.morning if moment.hour < 12 else phrases.afternoon}"
