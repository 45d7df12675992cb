"""A running One Door: the real Rasa server and action server, on free ports, with a fresh SQLite store."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT

MODEL = ROOT / "models" / "one-door.tar.gz"
STARTUP_SECONDS = 180


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up in {STARTUP_SECONDS} s:\n{log.read_text()[-3000:]}")


@dataclass(frozen=True)
class Assistant:
    base_url: str
    tracker_db: Path

    def say(self, sender: str, message: object) -> list[dict[str, object]]:
        reply = requests.post(
            f"{self.base_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=60
        )
        reply.raise_for_status()
        return list(reply.json())


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does) first")
    work = tmp_path_factory.mktemp("assistant")
    rasa_port, actions_port = free_port(), free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ONE_DOOR_ACTION_URL": f"http://127.0.0.1:{actions_port}/webhook",
        "ONE_DOOR_TRACKER_DIALECT": "sqlite",
        "ONE_DOOR_TRACKER_DB": str(work / "trackers.db"),
    }
    rasa = [sys.executable, "-m", "rasa"]
    commands = {
        "actions": (rasa + ["run", "actions", "--port", str(actions_port), "--actions", "actions"],
                    f"http://127.0.0.1:{actions_port}/health"),
        "rasa": (rasa + ["run", "--port", str(rasa_port), "--model", str(MODEL), "--credentials", "credentials.yml",
                         "--endpoints", "endpoints.yml"],
                 f"http://127.0.0.1:{rasa_port}/webhooks/webchat/"),
    }
    processes = []
    try:
        for name, (command, health) in commands.items():
            log = work / f"{name}.log"
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
            processes.append(process)
            wait_for(health, process, log)
        yield Assistant(base_url=f"http://127.0.0.1:{rasa_port}", tracker_db=work / "trackers.db")
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
