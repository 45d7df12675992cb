"""The words the assistant composes replies from (opening hours, dates, when staff return, what it noticed),
read from data/catalog/phrases.yml and, per language, data/catalog/<code>/phrases.yml."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, Extra, validator

PHRASES_FILE = "phrases.yml"
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONTHS_IN_A_YEAR = 12


class Phrases(BaseModel):
    """One language's composing words; every field is required so a translation cannot silently lack one."""

    class Config:
        extra = Extra.forbid
        allow_mutation = False

    days: dict[str, str]
    weekdays: dict[str, str]
    months: list[str]
    date: str
    morning: str
    afternoon: str
    later_today: str
    tomorrow: str
    on_day: str
    next_in: str
    reply_with_number: str
    noticed: dict[str, str]

    @validator("days", "weekdays")
    def _every_day(cls, names: dict[str, str]) -> dict[str, str]:
        if set(names) != set(DAY_KEYS):
            raise ValueError(f"must name each of {', '.join(DAY_KEYS)}")
        return names

    @validator("months")
    def _every_month(cls, months: list[str]) -> list[str]:
        if len(months) != MONTHS_IN_A_YEAR:
            raise ValueError("must name the twelve months in order")
        return months


def load_phrases(directory: Path) -> Phrases:
    """The phrases file in `directory` (the catalogue's, or a language's beside it)."""
    return Phrases.parse_obj(yaml.safe_load((directory / PHRASES_FILE).read_text(encoding="utf-8")))
