"""Start the real Rasa server, action server and staff console on free ports, with fresh SQLite stores.

The end-to-end tests and the benchmarks both need a running assistant that nothing else shares.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from bot import migrate
from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "one-door.tar.gz"
STARTUP_SECONDS = 180
# A Monday at noon in the sample city, so that office-hours behaviour does not depend on when tests run.
OFFICE_HOURS_CLOCK = "2026-11-23T18:00:00+00:00"
# The Sunday night before it, when every agency of the sample city is closed.
AFTER_HOURS_CLOCK = "2026-11-23T04:00:00+00:00"
STOP_SECONDS = 20


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until `url` answers; fail with the end of the process's log if it exits or takes too long."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up in {STARTUP_SECONDS} s:\n{log.read_text()[-3000:]}")


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """Ask every process to end, then kill any still running after `STOP_SECONDS`."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass(frozen=True)
class Assistant:
    """A running assistant, where it keeps its conversations, and the secrets it was started with."""

    base_url: str
    tracker_db: Path
    database_url: str
    console_url: str
    rest_token: str
    jwt_secret: str
    actions_url: str

    def say(self, sender: str, message: object) -> list[dict[str, object]]:
        reply = requests.post(
            f"{self.base_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            headers={"Authorization": f"Bearer {self.rest_token}"},
            timeout=60,
        )
        reply.raise_for_status()
        return list(reply.json())


def _fresh_stores(work: Path, env: dict[str, str]) -> dict[str, str]:
    """SQLite files of its own in `work`, unless `env` names a PostgreSQL server (ONE_DOOR_DB_HOST)."""
    if env.get("ONE_DOOR_DB_HOST"):
        return {}
    return {
        "ONE_DOOR_TRACKER_DIALECT": "sqlite",
        "ONE_DOOR_TRACKER_DB": str(work / "trackers.db"),
        "ONE_DOOR_DATABASE_URL": f"sqlite:///{work / 'onedoor.db'}",
    }


def assistant_environment(
    rasa_port: int, actions_port: int, work: Path, clock: str = OFFICE_HOURS_CLOCK, env: dict[str, str] | None = None,
) -> dict[str, str]:
    """The environment of every process of one assistant: fresh secrets, its ports, its stores, and `env` on top
    (which also sets SANIC_WORKERS from ONE_DOOR_RASA_WORKERS unless it names it)."""
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ONE_DOOR_ACTION_URL": f"http://127.0.0.1:{actions_port}/webhook",
        **_fresh_stores(work, env or {}),
        "ONE_DOOR_CLOCK": clock,
        "ONE_DOOR_RASA_URL": f"http://127.0.0.1:{rasa_port}",
        "ONE_DOOR_RASA_JWT_SECRET": secrets.token_urlsafe(32),
        "ONE_DOOR_ACTION_SECRET": secrets.token_urlsafe(32),
        "ONE_DOOR_REST_TOKEN": secrets.token_urlsafe(32),
        "ONE_DOOR_WEBCHAT_SESSION_KEY": secrets.token_urlsafe(32),
        "ONE_DOOR_CONSOLE_SECRET": secrets.token_urlsafe(32),
        "ONE_DOOR_PSEUDONYM_KEY": secrets.token_urlsafe(32),
        # Every test's and benchmark's residents come from 127.0.0.1: one address, far above its usual limit.
        "ONE_DOOR_RATE_LIMIT_PER_ADDRESS": "100000/minute",
        "RASA_TELEMETRY_ENABLED": "false",
        **(env or {}),
    }
    environment.setdefault("SANIC_WORKERS", str(Settings.of(environment).sanic_workers()))
    return environment


def actions_command(port: int) -> list[str]:
    return [sys.executable, "-m", "actions.server", "--port", str(port)]


def rasa_command(port: int, environment: dict[str, str], model: Path = MODEL,
                 endpoints: Path = ROOT / "endpoints.yml") -> list[str]:
    """`rasa run` on `port` with the REST and HTTP APIs, checking JWTs signed with the environment's secret."""
    return [sys.executable, "-m", "rasa", "run", "--port", str(port), "--model", str(model), "--credentials",
            "credentials.yml", "--endpoints", str(endpoints), "--enable-api", "--jwt-method", "HS256",
            # `=`: a random token may start with "-", which argparse would take for an option.
            f"--jwt-secret={environment['ONE_DOOR_RASA_JWT_SECRET']}"]


def launched(
    name: str, command: list[str], health: str, work: Path, environment: dict[str, str],
) -> subprocess.Popen[bytes]:
    """Start `command` with its output in `work/<name>.log` and wait until `health` answers."""
    log = work / f"{name}.log"
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    try:
        wait_for(health, process, log)
    except RuntimeError:
        stop([process])
        raise
    return process


@contextmanager
def running_assistant(
    work: Path, model: Path = MODEL, clock: str = OFFICE_HOURS_CLOCK, env: dict[str, str] | None = None,
    endpoints: Path = ROOT / "endpoints.yml",
) -> Iterator[Assistant]:
    """Run the action server, the Rasa server and the console until the block ends; logs go to `work`.

    `env` adds or overrides settings, for example to point a channel at a fake provider or the stores at PostgreSQL
    (ONE_DOOR_DB_*) and Redis (ONE_DOOR_REDIS_URL, which brings two Sanic workers); `endpoints` replaces endpoints.yml.
    """
    rasa_port, actions_port, console_port = free_port(), free_port(), free_port()
    environment = assistant_environment(rasa_port, actions_port, work, clock, env)
    database_url = Settings.of(environment).database_url
    migrate.upgrade(database_url)
    commands = {
        "actions": (actions_command(actions_port), f"http://127.0.0.1:{actions_port}/health"),
        "rasa": (rasa_command(rasa_port, environment, model, endpoints),
                 f"http://127.0.0.1:{rasa_port}/webhooks/webchat/"),
        "console": (
            [sys.executable, "-m", "bot", "console", "--port", str(console_port)],
            f"http://127.0.0.1:{console_port}/login",
        ),
    }
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for name, (command, health) in commands.items():
            processes.append(launched(name, command, health, work, environment))
        yield Assistant(
            base_url=f"http://127.0.0.1:{rasa_port}",
            tracker_db=work / "trackers.db",
            database_url=database_url,
            console_url=f"http://127.0.0.1:{console_port}",
            rest_token=environment["ONE_DOOR_REST_TOKEN"],
            jwt_secret=environment["ONE_DOOR_RASA_JWT_SECRET"],
            actions_url=f"http://127.0.0.1:{actions_port}",
        )
    finally:
        stop(processes)
