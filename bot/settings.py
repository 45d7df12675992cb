"""Settings read once from the environment (prefix `ONE_DOOR_`), with defaults that run on one machine."""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from pydantic import BaseSettings, SecretStr

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Everything an operator can change without touching code; `.env.example` documents each value."""

    catalog_dir: Path = PROJECT_ROOT / "data" / "catalog"
    # Cases and everything else One Door stores itself; PostgreSQL for several replicas.
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'onedoor.db'}"
    # Rasa's HTTP API, which the console uses to read transcripts and deliver staff replies.
    rasa_url: str = "http://localhost:5005"
    rasa_token: SecretStr = SecretStr("")
    # Signs the console's session cookies.
    console_secret: SecretStr = SecretStr("")
    # Minutes a staff member takes per conversation, for the wait a resident in a queue is told.
    minutes_per_handoff: int = 5
    # Common English words (built by `make install`), so that redaction can tell "this is ridiculous" from
    # "this is delphine sorensen".
    common_words_path: Path = PROJECT_ROOT / "build" / "common-english-words.txt"
    # Days unresolved messages are kept before `python -m bot purge` deletes them.
    retention_days: int = 90
    # A fixed "now" (ISO 8601) for demonstrations and tests of office-hours behaviour; unset in production.
    clock: datetime | None = None

    class Config:
        env_prefix = "ONE_DOOR_"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def now() -> datetime:
    """The current time, in UTC, unless a fixed clock is set."""
    fixed = get_settings().clock
    if fixed is None:
        return datetime.now(timezone.utc)
    return fixed if fixed.tzinfo else fixed.replace(tzinfo=timezone.utc)
