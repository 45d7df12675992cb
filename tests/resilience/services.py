"""Private Redis and PostgreSQL servers that a test may stop and start again, which the machine's shared servers
must never be: each on a free port, its data in a temporary folder, gone when the test module ends."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import redis

from scripts.assistant import free_port

POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
# initdb and postgres refuse to run as root; when the tests do, they run them as this account.
POSTGRES_ACCOUNT = "postgres"
START_SECONDS = 30


def wait_until(check: object, what: str, seconds: float = START_SECONDS) -> None:
    """Poll `check()` until it is true; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not come up in {seconds} s")


class PrivateRedis:
    """`redis-server` on a port of its own, without persistence: a restart empties it, as a lost node would."""

    def __init__(self, log: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._log = log
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [shutil.which("redis-server") or "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                   "--save", "", "--appendonly", "no"]
        self._process = subprocess.Popen(command, stdout=self._log.open("ab"), stderr=subprocess.STDOUT)
        wait_until(self._answers, f"redis-server on {self.port}")

    def kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None

    def _answers(self) -> bool:
        try:
            return bool(redis.Redis(port=self.port, socket_timeout=1).ping())
        except redis.ConnectionError:
            return False


class PrivatePostgres:
    """A PostgreSQL cluster of its own (initdb, trust authentication) on a free port, stopped and started with
    pg_ctl; as root its files belong to the `postgres` account, which runs it."""

    def __init__(self) -> None:
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="onedoor-res-pg-"))
        self._data = self.folder / "data"

    @staticmethod
    def available() -> str | None:
        """Why a private cluster cannot be made here, or None when it can."""
        if not (POSTGRES_BIN / "initdb").exists():
            return f"no {POSTGRES_BIN}/initdb"
        if _is_root() and shutil.which("runuser") is None:
            return "running as root without runuser"
        return None

    def create(self) -> None:
        if _is_root():
            shutil.chown(self.folder, POSTGRES_ACCOUNT)
        self._run("initdb", "-D", str(self._data), "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self._data), "-o", options, "-l", str(self.folder / "server.log"), "-w", "start")

    def stop(self) -> None:
        """A fast shutdown: open connections are cut, as when a database fails over."""
        self._run("pg_ctl", "-D", str(self._data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *arguments: str) -> None:
        command = [str(POSTGRES_BIN / program), *arguments]
        if _is_root():
            command = ["runuser", "-u", POSTGRES_ACCOUNT, "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)


def _is_root() -> bool:
    return os.geteuid() == 0
