"""Settings read once from the environment (prefix `ONE_DOOR_`), with defaults that run on one machine."""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from pydantic import BaseSettings, SecretStr
from sqlalchemy.engine import URL

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
    # First names and surnames with their popularity rank (built by `make install` from names-dataset), so that
    # redaction finds names with no cue ("thanks, Jamal Brown").
    name_list_path: Path = PROJECT_ROOT / "build" / "names.tsv"
    # Days unresolved messages and finished conversations are kept before `python -m bot purge` deletes them.
    retention_days: int = 90
    # Rasa's conversation store, as endpoints.yml configures it, so that `purge` can delete old conversations.
    # ONE_DOOR_TRACKER_URL (an SQLAlchemy URL) wins; otherwise a SQLite dialect with a file path is used.
    tracker_url: str = ""
    tracker_dialect: str = "sqlite"
    tracker_db: str = ""
    # Keys the hash that turns phone numbers and Telegram chat ids into sender ids (`var/secrets.env` under
    # `make run`). Changing it starts new conversations for everyone, so set it once.
    pseudonym_key: SecretStr = SecretStr("")
    # SMS through Twilio: the account, the number (or Messaging Service) replies come from, and the public
    # URL Twilio posts to, which its signatures cover. Empty: the `sms` webhook answers 503.
    twilio_account_sid: str = ""
    twilio_auth_token: SecretStr = SecretStr("")
    twilio_from_number: str = ""
    twilio_messaging_service_sid: str = ""
    sms_webhook_url: str = ""
    # Where Twilio's REST API is; only tests point it elsewhere.
    twilio_api_url: str = "https://api.twilio.com"
    # Telegram: the BotFather token, the secret Telegram echoes on each webhook call, and the public webhook URL
    # `python -m bot telegram set-webhook` registers. Empty token: the `telegram` webhook answers 503.
    telegram_bot_token: SecretStr = SecretStr("")
    telegram_secret_token: SecretStr = SecretStr("")
    telegram_webhook_url: str = ""
    # Telegram's Bot API; only tests point it elsewhere.
    telegram_api_url: str = "https://api.telegram.org"
    # Redis that Rasa replicas share for web chat, so that a reply or staff message written on one replica reaches
    # a browser connected to another (socket.io's message queue). Empty: one Rasa process, no Redis needed.
    webchat_redis_url: str = ""
    # The outbox: first retry after this many seconds, doubling up to the ceiling, and how long to wait for a
    # provider before counting the attempt as failed.
    outbox_retry_seconds: float = 2.0
    outbox_retry_ceiling_seconds: float = 300.0
    outbox_poll_seconds: float = 1.0
    provider_timeout_seconds: float = 10.0
    # A fixed "now" (ISO 8601) for demonstrations and tests of office-hours behaviour; unset in production.
    clock: datetime | None = None

    class Config:
        env_prefix = "ONE_DOOR_"


    def trackers(self) -> str | None:
        """The tracker store's SQLAlchemy URL, from the variables endpoints.yml gives Rasa; None when unset.

        A relative SQLite path is taken from the project root, where `make run` starts Rasa.
        """
        if self.tracker_url:
            return self.tracker_url
        if not self.tracker_dialect or not self.tracker_db:
            return None
        database = self.tracker_db
        if self.tracker_dialect == "sqlite" and not Path(database).is_absolute():
            database = str(PROJECT_ROOT / database)
        return str(URL.create(self.tracker_dialect, database=database))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def now() -> datetime:
    """The current time, in UTC, unless a fixed clock is set."""
    fixed = get_settings().clock
    if fixed is None:
        return datetime.now(timezone.utc)
    return fixed if fixed.tzinfo else fixed.replace(tzinfo=timezone.utc)
