from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.catalog import Day, OpeningHours
from bot.hours import describe, is_open, next_opening, when_staff_return
from bot.i18n.phrases import load_phrases

CATALOG_DIR = Path(__file__).resolve().parents[2] / "data" / "catalog"
ENGLISH = load_phrases(CATALOG_DIR)
SPANISH = load_phrases(CATALOG_DIR / "es")

WEEKDAYS = OpeningHours(days=[Day.MON, Day.TUE, Day.WED, Day.THU, Day.FRI], opens=time(8), closes=time(17))
SATURDAY = OpeningHours(days=[Day.SAT], opens=time(9), closes=time(13))


def test_describe_writes_ranges_and_lists() -> None:
    odd_days = OpeningHours(days=[Day.WED, Day.MON], opens=time(9, 30), closes=time(12))
    assert describe([WEEKDAYS, SATURDAY, odd_days], ENGLISH) == "Mon-Fri 08:00-17:00; Sat 09:00-13:00; Mon, Wed 09:30-12:00"


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


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 11, 23, 7, 0), datetime(2026, 11, 23, 8, 0)),  # Monday before opening
        (datetime(2026, 11, 23, 18, 0), datetime(2026, 11, 24, 8, 0)),  # Monday evening
        (datetime(2026, 11, 27, 17, 30), datetime(2026, 11, 28, 9, 0)),  # Friday evening -> Saturday
        (datetime(2026, 11, 28, 14, 0), datetime(2026, 11, 30, 8, 0)),  # Saturday afternoon -> Monday
    ],
)
def test_next_opening(moment: datetime, expected: datetime) -> None:
    assert next_opening([WEEKDAYS, SATURDAY], moment) == expected


def test_an_agency_that_never_opens_has_no_next_opening() -> None:
    assert next_opening([], datetime(2026, 11, 23, 7, 0)) is None


@pytest.mark.parametrize(
    ("moment", "opening", "expected"),
    [
        ("2026-11-24T05:10", "2026-11-24T07:00", "later today, after 7 a.m. CST"),
        ("2026-11-24T22:40", "2026-11-25T07:30", "tomorrow, Wednesday, after 7:30 a.m. CST"),
        ("2026-11-27T20:00", "2026-11-30T13:00", "on Monday after 1 p.m. CST"),
    ],
)
def test_when_staff_return_is_said_in_the_residents_terms(moment: str, opening: str, expected: str) -> None:
    zone = ZoneInfo("America/Chicago")
    at = datetime.fromisoformat(moment).replace(tzinfo=zone)
    assert when_staff_return(datetime.fromisoformat(opening).replace(tzinfo=zone), at, ENGLISH) == expected


def test_spanish_residents_read_hours_and_returns_in_spanish() -> None:
    assert describe([WEEKDAYS, SATURDAY], SPANISH) == "lun-vie 08:00-17:00; sáb 09:00-13:00"
    zone = ZoneInfo("America/Chicago")
    at = datetime(2026, 11, 24, 22, 40, tzinfo=zone)
    opening = datetime(2026, 11, 25, 7, 30, tzinfo=zone)
    assert when_staff_return(opening, at, SPANISH) == "mañana miércoles, después de las 7:30 a. m. CST"
