"""The report's small parts: periods, durations, Markdown escaping, the tracker store's address, local days."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from bot.reports.render import duration, markdown_text, percent
from bot.reports.window import Window, parse_period
from bot.settings import PROJECT_ROOT, Settings


@pytest.mark.parametrize("text, period", [
    ("30d", timedelta(days=30)), ("12h", timedelta(hours=12)), ("4w", timedelta(weeks=4)), (" 7D ", timedelta(days=7)),
])
def test_parse_period_reads_a_number_and_a_unit(text: str, period: timedelta) -> None:
    assert parse_period(text) == period


@pytest.mark.parametrize("text", ["30", "d", "0d", "30 days", "-3d", "1.5d", ""])
def test_parse_period_rejects_anything_else(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period(text)


@pytest.mark.parametrize("span, shown", [
    (None, "—"),
    (timedelta(0), "0 min"),
    (timedelta(minutes=35, seconds=50), "35 min"),
    (timedelta(hours=4), "4 h"),
    (timedelta(hours=2, minutes=30), "2 h 30 min"),
    (timedelta(days=2, hours=3, minutes=59), "2 d 3 h"),
    (timedelta(days=5), "5 d"),
])
def test_duration_shows_the_two_largest_units(span: timedelta | None, shown: str) -> None:
    assert duration(span) == shown


def test_percent_shows_one_decimal_or_a_dash() -> None:
    assert (percent(0.075), percent(1.0), percent(None)) == ("7.5%", "100.0%", "—")


@pytest.mark.parametrize("text, escaped", [
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("**bold** _it_ `code`", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\`"),
    ("[click](http://example.org)", "\\[click\\](http://example.org)"),
    ("a | b", "a \\| b"),
    ("two\nlines\r\n# heading", "two lines \\# heading"),
    ("fish & chips", "fish &amp; chips"),
    ("call me on [PHONE]", "call me on \\[PHONE\\]"),
])
def test_markdown_text_shows_residents_text_literally_on_one_line(text: str, escaped: str) -> None:
    assert markdown_text(text) == escaped


def test_tracker_store_address_comes_from_the_same_variables_as_rasas_endpoints(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ONE_DOOR_TRACKER_DIALECT", "sqlite")
    monkeypatch.setenv("ONE_DOOR_TRACKER_DB", "var/trackers.db")
    assert Settings().trackers() == f"sqlite:///{PROJECT_ROOT / 'var' / 'trackers.db'}"
    monkeypatch.setenv("ONE_DOOR_TRACKER_DIALECT", "postgresql")
    monkeypatch.setenv("ONE_DOOR_TRACKER_DB", "rasa")
    assert Settings().trackers() == "postgresql:///rasa"
    monkeypatch.setenv("ONE_DOOR_TRACKER_URL", "postgresql://rasa@db/rasa")
    assert Settings().trackers() == "postgresql://rasa@db/rasa"
    monkeypatch.delenv("ONE_DOOR_TRACKER_URL")
    monkeypatch.delenv("ONE_DOOR_TRACKER_DB")
    assert Settings().trackers() is None


def test_window_days_are_the_citys_dates_including_quiet_ones() -> None:
    end = datetime(2026, 11, 3, 4, 0, tzinfo=timezone.utc)  # 22:00 on 2 November in Chicago
    window = Window(end - timedelta(days=3), end, "America/Chicago")
    assert window.days() == [date(2026, 10, 30), date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 2)]
    assert window.day_of(datetime(2026, 11, 3, 1, 0)) == date(2026, 11, 2)  # naive, as SQLite returns it
    assert window.holds(end) and not window.holds(end + timedelta(seconds=1))
