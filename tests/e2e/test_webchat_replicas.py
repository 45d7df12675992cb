"""Two Rasa replicas behind one city site: with socket.io's Redis queue (`ONE_DOOR_WEBCHAT_REDIS_URL`), a reply
produced on one replica reaches the browser connected to the other.

Both replicas share the conversation store and One Door's database, as a deployment with several replicas
does; the resident's browser is connected to the first, and a second connection to the second replica sends
the message, as when a load balancer routes a reconnect elsewhere.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
import redis

from scripts.assistant import MODEL, Assistant, running_assistant
from tests.e2e.test_widget_protocol import RasaWebchatClient

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture(scope="module")
def replicas(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Assistant, Assistant]]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does) first")
    redis.Redis.from_url(REDIS_URL).ping()  # `make redis` (make test does) starts it
    shared = tmp_path_factory.mktemp("shared")
    env = {
        "ONE_DOOR_WEBCHAT_REDIS_URL": REDIS_URL,
        "ONE_DOOR_DATABASE_URL": f"sqlite:///{shared / 'onedoor.db'}",
        "ONE_DOOR_TRACKER_DB": str(shared / "trackers.db"),
        # Replicas sign web chat sessions with one key, so a session issued by one is accepted by the other.
        "ONE_DOOR_WEBCHAT_SESSION_KEY": secrets.token_urlsafe(32),
    }
    first_work, second_work = tmp_path_factory.mktemp("replica-a"), tmp_path_factory.mktemp("replica-b")
    with running_assistant(first_work, env=env) as first, running_assistant(second_work, env=env) as second:
        yield first, second


def test_a_reply_made_on_one_replica_reaches_a_browser_on_the_other(replicas: tuple[Assistant, Assistant]) -> None:
    first, second = replicas
    browser, elsewhere = RasaWebchatClient(first.base_url), RasaWebchatClient(second.base_url)
    try:
        session = browser.request_session(None)
        assert elsewhere.request_session(session) == session
        elsewhere.utter(session, "when is my trash picked up")
        assert "picked up" in browser.next_reply()["text"]
    finally:
        browser.close()
        elsewhere.close()
