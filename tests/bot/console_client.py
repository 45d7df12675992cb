"""Helpers for the console tests: an app on a real database with a clock the test moves, and signing in."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any

from starlette.testclient import TestClient

from bot.catalog import Catalog
from bot.console.app import Console, create_app
from bot.db import Database
from bot.integrations.rasa import RasaClient
from bot.sign_in import SignInThrottle
from scripts.assistant import free_port

PASSWORD = "a long test password"
T0 = datetime(2026, 11, 23, 18, 0, tzinfo=timezone.utc)


@dataclass
class Clock:
    """A clock that stands still until the test moves it."""

    at: datetime = T0

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


class RecordingRasa(RasaClient):
    """Rasa's API as a dictionary of trackers: what the console posts is kept, and read back as the transcript."""

    def __init__(self) -> None:
        super().__init__("http://127.0.0.1:1", "")
        self.events: dict[str, list[dict[str, Any]]] = {}

    async def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        conversation = path.split("/")[2]
        events = self.events.setdefault(conversation, [])
        if method == "POST":
            events.extend(kwargs["json"])
        return {"events": events, "slots": {}}


def make_console(catalog: Catalog, database: Database, clock: Clock, **overrides: Any) -> Console:
    unreachable = RasaClient(f"http://127.0.0.1:{free_port()}", "token")
    console = Console(catalog, database, unreachable, "test secret", clock=clock, throttle=SignInThrottle())
    return replace(console, **overrides)


def browser(console: Console, address: str = "203.0.113.5", **options: Any) -> TestClient:
    """A client of a fresh app on `console`, seen as coming from `address`."""
    return TestClient(create_app(console), client=(address, 50000), **options)


def csrf_of(client: TestClient, path: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert match is not None, f"no CSRF token on {path}"
    return match.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD, **options: Any) -> Any:
    return client.post("/login", data={"csrf": csrf_of(client, "/login"), "username": username,
                                       "password": password}, **options)


def copy_of(client: TestClient, other: TestClient) -> TestClient:
    """`other`, given a copy of `client`'s cookie, as a thief would hold it."""
    for name, value in client.cookies.items():
        other.cookies.set(name, value)
    return other
