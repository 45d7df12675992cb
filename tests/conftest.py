"""Fixtures shared by every test: the project's paths and its real sample catalogue.

`--clock-shift-days=N` runs the whole session with the wall clock moved N days ahead (time-machine, ticking),
so that a test which compares a fixed instant with today's date fails today rather than on some future day.
`make test` runs the unit suites once more that way.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import time_machine
from hypothesis import settings as hypothesis_settings

from bot.catalog import Catalog, load_catalog

ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIR = ROOT / "data" / "catalog"
TAXONOMY = ROOT.parent / "shared" / "service-taxonomy.yml"
_TRAVELLER = pytest.StashKey[time_machine.travel]()

# Property tests draw the same examples on every run and keep no example database, so CI is repeatable and a
# failure seen once is seen again.
hypothesis_settings.register_profile("one-door", derandomize=True, database=None)
hypothesis_settings.load_profile("one-door")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock-shift-days", type=int, default=0,
        help="move the wall clock this many days ahead for the whole session (processes started by tests excepted)",
    )


def pytest_configure(config: pytest.Config) -> None:
    days = config.getoption("--clock-shift-days")
    if days:
        traveller = time_machine.travel(datetime.now(timezone.utc) + timedelta(days=days), tick=True)
        traveller.start()
        config.stash[_TRAVELLER] = traveller


def pytest_unconfigure(config: pytest.Config) -> None:
    traveller = config.stash.get(_TRAVELLER, None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config: pytest.Config) -> str | None:
    days = config.getoption("--clock-shift-days")
    return f"wall clock moved {days} days ahead: {datetime.now(timezone.utc):%Y-%m-%d}" if days else None


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(CATALOG_DIR)
