"""Readiness: whether a process's real dependencies answer now, each within a short timeout.

Liveness asks only that the process's loop runs; readiness is what a load balancer or an orchestrator asks
before sending traffic, so it names what failed ("database", "redis", "action_server", "model") and why, in
words an operator can act on and with no secret or address in them.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable, Callable, Mapping
from functools import lru_cache
from typing import Any

import redis
import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

from bot.settings import Settings

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2.0
# A check is a coroutine function that returns when the dependency answered and raises otherwise.
Check = Callable[[], Awaitable[None]]


class NotReady(Exception):
    """A dependency answered, but not as it should (a refused secret, an unloaded model)."""


async def failures(checks: Mapping[str, Check], timeout: float = TIMEOUT_SECONDS) -> dict[str, str]:
    """Run every check at once; the ones that failed or took longer than `timeout`, with a short reason."""
    names = list(checks)
    outcomes = await asyncio.gather(
        *(asyncio.wait_for(checks[name](), timeout) for name in names), return_exceptions=True
    )
    failed = {name: _reason(outcome) for name, outcome in zip(names, outcomes) if isinstance(outcome, BaseException)}
    for name, reason in failed.items():
        logger.warning("readiness.failed dependency=%s reason=%s", name, reason)
    return failed


def report(failed: Mapping[str, str]) -> tuple[int, dict[str, Any]]:
    """The status code and JSON body of a readiness answer."""
    if failed:
        return 503, {"status": "not ready", "failed": dict(failed)}
    return 200, {"status": "ready"}


def _reason(error: BaseException) -> str:
    if isinstance(error, asyncio.TimeoutError):
        return "timed out"
    if isinstance(error, NotReady):
        return str(error)
    return type(error).__name__


@lru_cache(maxsize=8)
def database_check(url: str) -> Check:
    """`SELECT 1` on a new connection each time (a pooled one would hide a database that went away); on SQLite
    the schema version is read instead, since `SELECT 1` never opens the file."""
    engine = _probe_engine(url)
    query = text("PRAGMA schema_version" if engine.dialect.name == "sqlite" else "SELECT 1")

    def run() -> None:
        with engine.connect() as connection:
            connection.execute(query).scalar()

    async def check() -> None:
        await asyncio.to_thread(run)

    return check


def _probe_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        # uri mode with mode=rw: a missing file is an error, not a new empty database.
        path = url.split(":///", 1)[1]
        return create_engine("sqlite://", poolclass=NullPool, creator=lambda: _sqlite_rw(path))
    return create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": int(TIMEOUT_SECONDS)})


def _sqlite_rw(path: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=TIMEOUT_SECONDS, check_same_thread=False)


@lru_cache(maxsize=8)
def redis_check(url: str) -> Check:
    """PING, on a client that gives up connecting and reading after the timeout."""
    client = redis.Redis.from_url(url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS)

    async def check() -> None:
        await asyncio.to_thread(client.ping)

    return check


def http_check(url: str, headers: Mapping[str, str]) -> Check:
    """A GET that must answer 2xx; a 401 or 403 is reported as a refused secret."""

    def run() -> None:
        answer = requests.get(url, headers=dict(headers), timeout=TIMEOUT_SECONDS)
        if answer.status_code in (401, 403):
            raise NotReady(f"secret refused ({answer.status_code})")
        if not answer.ok:
            raise NotReady(f"answered {answer.status_code}")

    async def check() -> None:
        await asyncio.to_thread(run)

    return check


def store_checks(settings: Settings, database_url: str | None = None) -> dict[str, Check]:
    """The checks every process shares: One Door's database (`database_url` when the process was given another
    than the settings'), and each Redis it is configured with."""
    checks: dict[str, Check] = {"database": database_check(database_url or settings.database_url)}
    for index, url in enumerate(settings.redis_urls()):
        checks["redis" if index == 0 else f"redis_{index + 1}"] = redis_check(url)
    return checks
