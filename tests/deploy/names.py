"""The environment variables One Door knows, and those the deploy files use, so that a misspelt or invented
variable in deploy/ fails a test instead of being silently ignored by pydantic."""

from __future__ import annotations

import re
from pathlib import Path

from bot.settings import Settings
from tests.conftest import ROOT

VARIABLE = re.compile(r"\bONE_DOOR_[A-Z0-9_]+\b")

# Read outside bot/settings.py: the Procfile's ports and Rasa's endpoints.yml.
_READ_ELSEWHERE = ("Procfile", "endpoints.yml", "credentials.yml")

# Issue 13's settings, built by other branches at the same time as deploy/ (the contract they share). Once
# bot/settings.py or endpoints.yml reads each of them this set is redundant; until then it names them.
ISSUE_13_CONTRACT = frozenset({
    "ONE_DOOR_DB_HOST", "ONE_DOOR_DB_PORT", "ONE_DOOR_DB_USER", "ONE_DOOR_DB_PASSWORD", "ONE_DOOR_DB_NAME",
    "ONE_DOOR_REDIS_URL", "ONE_DOOR_EVENT_BROKER_URL", "ONE_DOOR_RASA_WORKERS",
})


def known() -> frozenset[str]:
    """Every ONE_DOOR_ variable some part of One Door reads."""
    settings = {f"ONE_DOOR_{name.upper()}" for name in Settings.__fields__}
    elsewhere = {name for file in _READ_ELSEWHERE for name in VARIABLE.findall((ROOT / file).read_text())}
    return frozenset(settings | elsewhere | ISSUE_13_CONTRACT)


def used_in(path: Path) -> set[str]:
    """The ONE_DOOR_ variables a file names."""
    return set(VARIABLE.findall(path.read_text(encoding="utf-8")))
