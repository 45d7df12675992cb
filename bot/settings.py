"""Settings read once from the environment (prefix `ONE_DOOR_`), with defaults that run on one machine."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseSettings, SecretStr, root_validator
from sqlalchemy.engine import URL

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Everything an operator can change without touching code; `.env.example` documents each value."""

    catalog_dir: Path = PROJECT_ROOT / "data" / "catalog"
    # Cases and everything else One Door stores itself; PostgreSQL for several replicas. With ONE_DOOR_DB_HOST set
    # it is built from the ONE_DOOR_DB_* values below, and setting it too is refused (`_one_database`).
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'onedoor.db'}"
    # The PostgreSQL server that holds both One Door's records and Rasa's conversations (its tracker store), so
    # that the two can never point at different stores. Empty host: the SQLite files of one machine.
    db_host: str = ""
    db_port: int = 5432
    db_user: str = ""
    db_password: SecretStr = SecretStr("")
    db_name: str = "onedoor"
    # The one Redis every shared piece uses unless its own URL is set: Rasa's lock store, web chat's message queue,
    # rate-limit counts and the console's live updates (each specific ONE_DOOR_*_REDIS_URL below wins for its own
    # use). Empty: each process keeps these in memory.
    redis_url: str = ""
    # Seconds between a waiting message's looks at its conversation's lock (Rasa polls every second).
    lock_poll_seconds: float = 0.05
    # Sanic workers of each Rasa process (SANIC_WORKERS); default 2 with Redis, 1 without (docs/adr/0017).
    rasa_workers: int | None = None
    # RabbitMQ that receives every conversation event (Rasa's pika event broker), such as
    # amqp://user:password@rabbitmq:5672/vhost, into this queue. Empty: no event broker.
    event_broker_url: SecretStr = SecretStr("")
    event_broker_queue: str = "one_door_events"
    # Rasa's HTTP API, which the console uses to read transcripts and deliver staff replies. Rasa checks a JWT
    # signed with this secret (`--jwt-secret`) in the Authorization header; the console mints short-lived ones.
    rasa_url: str = "http://localhost:5005"
    rasa_jwt_secret: SecretStr = SecretStr("")
    # The action server answers only calls that carry this secret (endpoints.yml sends it as a bearer token), and
    # binds this interface: 0.0.0.0 only when Rasa replicas on other machines call it.
    action_secret: SecretStr = SecretStr("")
    actions_host: str = "127.0.0.1"
    # The REST channel (`/webhooks/rest/webhook`) is off unless set; callers send it as a bearer token.
    rest_token: SecretStr = SecretStr("")
    # Signs the web chat session ids the server issues, so that no link or script can choose one.
    webchat_session_key: SecretStr = SecretStr("")
    # Origins of other sites whose pages may open a web chat socket directly (rasa-webchat on the city's site),
    # comma-separated, such as `https://www.city.example`. The chat page and the widget's frame need none.
    webchat_allowed_origins: str = ""
    # Signs the console's session cookies.
    console_secret: SecretStr = SecretStr("")
    # Console sessions end after this many minutes without a request, and in any case this many hours after
    # sign-in.
    console_idle_minutes: int = 30
    console_session_hours: int = 8
    # Send the console's cookie only over HTTPS (`Secure`). Set true whenever staff reach the console over HTTPS;
    # false only for one machine on http://localhost.
    console_secure_cookies: bool = False
    # Failed console sign-ins allowed per username and per client address in a moving window, before lockout.
    console_sign_in_failures_per_username: int = 5
    console_sign_in_failures_per_address: int = 20
    console_sign_in_window_minutes: int = 15
    # Minutes a staff member takes per conversation, for the wait a resident in a queue is told.
    minutes_per_handoff: int = 5
    # Seconds between the handoff watcher's looks at the queues (`python -m bot watch-handoffs`): residents past
    # their agency's standard are told of the wait, escalated, and in the end given a case (docs/adr/0013).
    handoff_watch_seconds: float = 30.0
    # Pages on-call staff when a resident in crisis writes while no staff are in: a webhook (a chat tool's
    # incoming webhook or a paging service) that receives a JSON POST with a link to the conversation and none of
    # the resident's words. Empty: no page is sent. It is a secret, since anyone holding it can page.
    crisis_page_url: SecretStr = SecretStr("")
    # Pages staff when a waiting conversation passes its handoff standard (a crisis too, in office hours or not):
    # a JSON POST like the crisis page's, once per breach, with a console link and none of the resident's words.
    # Empty: the alert shows only in open console pages.
    breach_page_url: SecretStr = SecretStr("")
    # Also e-mails those breaches, once each, to ONE_DOOR_BREACH_EMAIL_TO (comma-separated) through this SMTP relay:
    # the same words and link as the page. STARTTLS unless ONE_DOOR_ALERT_SMTP_STARTTLS is false (a relay on the
    # same host); a login when a user is set. Empty host or sender: no e-mail.
    alert_smtp_host: str = ""
    alert_smtp_port: int = 587
    alert_smtp_user: str = ""
    alert_smtp_password: SecretStr = SecretStr("")
    alert_smtp_from: str = ""
    alert_smtp_starttls: bool = True
    breach_email_to: str = ""
    # Redis whose pub/sub carries queue changes and new messages to every console replica's open pages. Empty:
    # ONE_DOOR_RATE_LIMIT_REDIS_URL or ONE_DOOR_WEBCHAT_REDIS_URL if set, else the database's change log, which
    # each console polls every ONE_DOOR_LIVE_POLL_SECONDS.
    live_redis_url: str = ""
    live_poll_seconds: float = 0.5
    # Seconds between a console's looks for waits that just passed their standard, while pages are open.
    breach_check_seconds: float = 2.0
    # Where staff reach the console, for links in pages ("https://console.harborview.example"). Empty: the link
    # is the console path alone.
    console_public_url: str = ""
    # Common English words (built by `make install`), so that redaction can tell "this is ridiculous" from
    # "this is delphine sorensen".
    common_words_path: Path = PROJECT_ROOT / "build" / "common-english-words.txt"
    # First names and surnames with their popularity rank (built by `make install` from names-dataset), so that
    # redaction finds names with no cue ("thanks, Jamal Brown").
    name_list_path: Path = PROJECT_ROOT / "build" / "names.tsv"
    # A CRF tagger trained on the retired PII sets (built by `make install`), read beside the redaction rules.
    pii_tagger_path: Path = PROJECT_ROOT / "build" / "pii-tagger.crfsuite"
    # Days unresolved messages, finished conversations, delivered outbox messages, and the personal details of
    # closed cases and handoffs are kept before `python -m bot purge` removes them (docs/retention.md).
    retention_days: int = 90
    # Hours after a resident's last message that their phone number or chat id is kept when nothing open (a
    # case, a handoff, an unsent reply) needs it; photos and numbers kept for a case that never came go too.
    contact_window_hours: int = 24
    # Days "did this help?" answers are kept for the reports, and days the staff audit log is kept.
    feedback_retention_days: int = 365
    audit_retention_days: int = 730
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
    # When set, `/metrics` (Rasa's /webhooks/ops/metrics, the action server's and the console's) answers only
    # requests carrying it as a bearer token. Unset, the endpoints answer anyone: a proxy must not expose them.
    metrics_token: SecretStr = SecretStr("")
    # Redis that Rasa replicas share for web chat, so that a reply or staff message written on one replica reaches
    # a browser connected to another (socket.io's message queue). Empty: one Rasa process, no Redis needed.
    webchat_redis_url: str = ""
    # The longest message (in characters, after control characters are removed) any channel passes to the
    # assistant; a longer one is answered "too long" and nothing of it is kept. SMS (1,600) and Telegram (4,096)
    # stay near or under it anyway.
    max_message_chars: int = 4000
    # Transport caps: the largest HTTP request body the Rasa server reads (Sanic's REQUEST_MAX_SIZE, 100 MB by
    # default) and the largest socket.io packet the web chat accepts (python-socketio's default is 1 MB).
    max_request_bytes: int = 1024 * 1024
    webchat_max_packet_bytes: int = 64 * 1024
    # Rate limits (the `limits` library's notation, several joined by ","; empty turns one off). Per sender on
    # every channel, per client address on web chat and REST, and tighter ones for case-status look-ups and
    # hand-offs to staff, which the action server checks.
    rate_limit_per_sender: str = "20/minute,200/hour"
    rate_limit_per_address: str = "60/minute"
    rate_limit_case_status: str = "5/10minutes"
    rate_limit_handoff: str = "3/hour"
    # Where the counts (these and the console's sign-in failures) live: this Redis when set, else
    # ONE_DOOR_WEBCHAT_REDIS_URL when set, else each process's memory (fine for one Rasa process, one action server
    # and one console; replicas need Redis to share them).
    rate_limit_redis_url: str = ""
    # Reverse proxies (addresses or networks, separated by commas or spaces) whose X-Forwarded-For is believed when
    # finding a client's address for the per-address limits, sign-in throttling and the audit log. Empty: the
    # connecting address is the client's.
    trusted_proxies: str = ""
    # The outbox: first retry after this many seconds, doubling up to the ceiling, and how long to wait for a
    # provider before counting the attempt as failed.
    outbox_retry_seconds: float = 2.0
    outbox_retry_ceiling_seconds: float = 300.0
    outbox_poll_seconds: float = 1.0
    provider_timeout_seconds: float = 10.0
    # The outbox gives up on a message (marks it failed, counts it in onedoor_outbox_given_up_total) after this
    # many attempts, or when its next try would come this many hours after it was queued, whichever is first.
    outbox_max_attempts: int = 300
    outbox_max_age_hours: float = 24.0
    # A fixed "now" (ISO 8601) for demonstrations and tests of office-hours behaviour; unset in production.
    clock: datetime | None = None

    class Config:
        env_prefix = "ONE_DOOR_"

    @classmethod
    def of(cls, environment: Mapping[str, str]) -> Settings:
        """The settings a process started with `environment` will read (this process's environment plays no part)."""
        prefix = cls.Config.env_prefix
        names = {f"{prefix}{name}".upper(): name for name in cls.__fields__}
        return _Given(**{names[key]: value for key, value in environment.items() if key in names})

    @root_validator(pre=True)
    def _one_database(cls, values: dict[str, object]) -> dict[str, object]:  # noqa: N805 (pydantic's signature)
        """With ONE_DOOR_DB_HOST, One Door's records and Rasa's conversations live in that PostgreSQL database.

        A URL set beside it could send one of them elsewhere, so the two together are refused by name.
        """
        if not values.get("db_host"):
            return values
        clashing = [f"ONE_DOOR_{name.upper()}" for name in ("database_url", "tracker_url") if values.get(name)]
        if clashing:
            raise ValueError(
                f"ONE_DOOR_DB_HOST is set: unset {' and '.join(clashing)} (the DB_* values name both stores)"
            )
        return {**values, "database_url": _postgres_url(values)}

    def trackers(self) -> str | None:
        """Rasa's tracker store as an SQLAlchemy URL: One Door's PostgreSQL database when ONE_DOOR_DB_HOST is set,
        else ONE_DOOR_TRACKER_URL, else ONE_DOOR_TRACKER_DIALECT with ONE_DOOR_TRACKER_DB; None when unset.

        A relative SQLite path is taken from the project root, where `make run` starts Rasa.
        """
        if self.db_host:
            return self.database_url
        if self.tracker_url:
            return self.tracker_url
        if not self.tracker_dialect or not self.tracker_db:
            return None
        database = self.tracker_db
        if self.tracker_dialect == "sqlite" and not Path(database).is_absolute():
            database = str(PROJECT_ROOT / database)
        return str(URL.create(self.tracker_dialect, database=database))

    def rate_limit_storage(self) -> str:
        """Where rate-limit counts live, as a `limits` storage URL: Redis when one is configured, else memory."""
        return self.rate_limit_redis_url or self.webchat_redis() or "memory://"

    def live_redis(self) -> str:
        """The Redis the console's live updates go through; empty: the database's change log."""
        return self.live_redis_url or self.rate_limit_redis_url or self.webchat_redis()

    def webchat_redis(self) -> str:
        """The Redis web chat replicas share; empty: one Rasa process, no Redis."""
        return self.webchat_redis_url or self.redis_url

    def redis_urls(self) -> list[str]:
        """Every distinct Redis this deployment is configured with, for readiness checks."""
        urls = (self.redis_url, self.webchat_redis(), self.rate_limit_storage(), self.live_redis())
        return list(dict.fromkeys(url for url in urls if url.startswith(("redis://", "rediss://", "unix://"))))

    def sanic_workers(self) -> int:
        """Rasa's Sanic workers: ONE_DOOR_RASA_WORKERS, else 2 with Redis to share their locks, else 1.

        Several workers without Redis would each lock conversations in their own memory, so two messages of one
        conversation could be handled at once on different workers: that is refused.
        """
        workers = self.rasa_workers or (2 if self.redis_url else 1)
        if workers < 1:
            raise ValueError(f"ONE_DOOR_RASA_WORKERS must be at least 1, not {workers}")
        if workers > 1 and not self.redis_url:
            raise ValueError(f"ONE_DOOR_RASA_WORKERS={workers} needs ONE_DOOR_REDIS_URL: workers share their "
                             "conversation locks there")
        return workers

    def console_link(self, handoff_id: int) -> str:
        """A conversation's address in the console, for pages sent outside it."""
        return f"{self.console_public_url}/handoffs/{handoff_id}"

    def webchat_origins(self) -> frozenset[str]:
        """The configured web chat origins, without spaces or a trailing slash."""
        return frozenset(o.strip().rstrip("/") for o in self.webchat_allowed_origins.split(",") if o.strip())


class _Given(Settings):
    """Settings from the values given alone (`Settings.of`)."""

    class Config:
        @classmethod
        def customise_sources(cls, init_settings: Any, env_settings: Any, file_secret_settings: Any) -> tuple[Any, ...]:
            return (init_settings,)


def _postgres_url(values: dict[str, object]) -> str:
    """The PostgreSQL URL of ONE_DOOR_DB_*, password included (SQLAlchemy's repr of it hides the password)."""
    password = values.get("db_password")
    url = URL.create(
        "postgresql",
        username=str(values.get("db_user") or "") or None,
        password=(password.get_secret_value() if isinstance(password, SecretStr) else str(password or "")) or None,
        host=str(values["db_host"]),
        port=int(str(values.get("db_port") or 5432)),
        database=str(values.get("db_name") or "onedoor"),
    )
    return url.render_as_string(hide_password=False)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def now() -> datetime:
    """The current time, in UTC, unless a fixed clock is set."""
    fixed = get_settings().clock
    if fixed is None:
        return datetime.now(timezone.utc)
    return fixed if fixed.tzinfo else fixed.replace(tzinfo=timezone.utc)
