from __future__ import annotations

from datetime import datetime, time

import pytest

from bot.catalog import Day, OpeningHours
from bot.hours import describe, is_open

WEEKDAYS = OpeningHours(days=[Day.MON, Day.TUE, Day.WED, Day.THU, Day.FRI], opens=time(8), closes=time(17))
SATURDAY = OpeningHours(days=[Day.SAT], opens=time(9), closes=time(13))


def test_describe_writes_ranges_and_lists() -> None:
    odd_days = OpeningHours(days=[Day.WED, Day.MON], opens=time(9, 30), closes=time(12))
    assert describe([WEEKDAYS, SATURDAY, odd_days]) == "Mon-Fri 08:00-17:00; Sat 09:00-13:00; Mon, Wed 09:30-12:00"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 11, 23, 8, 0), True),  # Monday at opening
        (datetime(2026, 11, 23, 16, 59), True),
        (datetime(2026, 11, 23, 17, 0), False),  # closing time is closed
        (datetime(2026, 11, 28, 10, 0), True),  # Saturday
        (datetime(2026, 11, 29, 10, 0), False),  # Sunday
    ],
)
def test_is_open(moment: datetime, expected: bool) -> None:
    assert is_open([WEEKDAYS, SATURDAY], moment) is expected
