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
    # One Redis for everything One Door keeps in Redis (web chat fan-out, rate limits, the console's live updates);
    # each of the specific ONE_DOOR_*_REDIS_URL settings below wins over it for its own use.
    redis_url: str = ""
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

    def console_link(self, handoff_id: int) -> str:
        """A conversation's address in the console, for pages sent outside it."""
        return f"{self.console_public_url}/handoffs/{handoff_id}"

    def webchat_origins(self) -> frozenset[str]:
        """The configured web chat origins, without spaces or a trailing slash."""
        return frozenset(o.strip().rstrip("/") for o in self.webchat_allowed_origins.split(",") if o.strip())


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def now() -> datetime:
    """The current time, in UTC, unless a fixed clock is set."""
    fixed = get_settings().clock
    if fixed is None:
        return datetime.now(timezone.utc)
    return fixed if fixed.tzinfo else fixed.replace(tzinfo=timezone.utc)
