"""The action server as `make run` starts it (`python -m actions.server`), in a real process: it answers only
calls that carry the shared secret, and a forged tracker without it files nothing."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from bot import migrate
from bot.db import Database, make_engine
from bot.queues import Queues
from scripts.assistant import OFFICE_HOURS_CLOCK, ROOT, free_port, wait_for

SECRET = secrets.token_urlsafe(32)
FORGED_SENDER = "forged-conversation"


def forged_handoff_call() -> dict[str, Any]:
    """What Rasa would post to run `action_hand_off` for a resident who asked for a person."""
    latest = {"text": "let me talk to a person", "intent": {"name": "human_handoff", "confidence": 1.0}, "entities": []}
    return {
        "next_action": "action_hand_off",
        "sender_id": FORGED_SENDER,
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": FORGED_SENDER,
            "slots": {},
            "latest_message": latest,
            "events": [{"event": "user", "text": latest["text"], "parse_data": latest, "input_channel": "rest"}],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }


@dataclass(frozen=True)
class ActionServer:
    url: str
    database: Database

    def post(self, path: str, authorization: str | None) -> requests.Response:
        headers = {"Authorization": authorization} if authorization else {}
        return requests.post(f"{self.url}{path}", json=forged_handoff_call(), headers=headers, timeout=30)


@pytest.fixture(scope="module")
def action_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ActionServer]:
    work = tmp_path_factory.mktemp("actions")
    database_url = f"sqlite:///{work / 'onedoor.db'}"
    migrate.upgrade(database_url)
    port = free_port()
    env = {
        **os.environ, "PYTHONPATH": str(ROOT), "ONE_DOOR_DATABASE_URL": database_url,
        "ONE_DOOR_ACTION_SECRET": SECRET, "ONE_DOOR_CLOCK": OFFICE_HOURS_CLOCK,
    }
    log = work / "actions.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "actions.server", "--port", str(port)], cwd=ROOT, env=env,
        stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/health", process, log)
        yield ActionServer(f"http://127.0.0.1:{port}", Database(make_engine(database_url)))
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Bearer not-the-secret", SECRET, f"Basic {SECRET}", f"Bearer {SECRET}x"],
    ids=["none", "empty", "wrong", "no scheme", "basic", "longer"],
)
def test_a_forged_tracker_without_the_secret_gets_401_and_files_nothing(
    action_server: ActionServer, authorization: str | None
) -> None:
    answer = action_server.post("/webhook", authorization)
    assert answer.status_code == 401
    assert answer.json() == {"error": "not authenticated"}
    assert Queues(action_server.database).waiting() == []


def test_the_action_list_needs_the_secret_and_health_does_not(action_server: ActionServer) -> None:
    assert requests.get(f"{action_server.url}/actions", timeout=10).status_code == 401
    listed = requests.get(f"{action_server.url}/actions", headers={"Authorization": f"Bearer {SECRET}"}, timeout=10)
    assert {"name": "action_hand_off"} in listed.json()
    assert requests.get(f"{action_server.url}/health", timeout=10).json() == {"status": "ok"}


def test_the_same_call_with_the_secret_runs_the_action(action_server: ActionServer) -> None:
    """What the refused calls would have done: the secret is the only difference."""
    answer = action_server.post("/webhook", f"Bearer {SECRET}")
    assert answer.status_code == 200
    assert [h.conversation_id for h in Queues(action_server.database).waiting()] == [FORGED_SENDER]


def test_the_action_server_listens_on_localhost_only(action_server: ActionServer) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outward interface
        outward = probe.getsockname()[0]
    if outward.startswith("127."):
        pytest.skip("this machine has no interface but loopback")
    port = int(action_server.url.rsplit(":", 1)[1])
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://{outward}:{port}/health", timeout=5)


def test_the_action_server_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ONE_DOOR_ACTION_SECRET": ""}
    finished = subprocess.run(
        [sys.executable, "-m", "actions.server", "--port", str(free_port())], cwd=ROOT, env=env,
        capture_output=True, timeout=120,
    )
    assert finished.returncode == 2
    assert b"ONE_DOOR_ACTION_SECRET must be set" in finished.stderr
