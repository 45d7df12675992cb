"""The two systems under load: One Door as `make run` starts it, and Rasa's stock starter bot beside it.

The starter bot is what `rasa init --no-prompt` makes with the project's own Rasa: built and trained in a temporary
folder, then kept in build/bench/ (keyed by the Rasa version) so that later runs do not pay its training again.
It runs as installed: its own config, its in-memory tracker store, its default thread pools.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from importlib.metadata import version

from bench.load.driver import Endpoint
from scripts.assistant import free_port, stop, wait_for

ROOT = Path(__file__).resolve().parents[2]
STOCK_CACHE = ROOT / "build" / "bench" / f"stock-rasa-{version('rasa')}"
# The processes whose memory is reported, by the name `child_processes` gives them.
SERVERS = frozenset({"rasa run", "rasa run actions", "actions.server", "bot console"})
# Native thread-pool settings that One Door's run targets may set; the stock bot runs with the libraries' defaults.
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def stock_project(rebuild: bool = False) -> Path:
    """The starter bot's folder with its trained model: `rasa init --no-prompt` once per Rasa version."""
    if rebuild:
        shutil.rmtree(STOCK_CACHE, ignore_errors=True)
    if not any(STOCK_CACHE.glob("models/*.tar.gz")):
        with tempfile.TemporaryDirectory() as work:
            project = Path(work) / "stock"
            project.mkdir()  # `rasa init` refuses a folder that does not exist
            log = Path(work) / "rasa-init.log"
            with log.open("wb") as output:
                done = subprocess.run([sys.executable, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(project)],
                                      cwd=work, env=_stock_environment(), stdout=output, stderr=subprocess.STDOUT)
            if done.returncode != 0:
                raise RuntimeError(f"rasa init failed:\n{log.read_text(errors='replace')[-3000:]}")
            shutil.rmtree(STOCK_CACHE, ignore_errors=True)
            shutil.copytree(project, STOCK_CACHE, ignore=shutil.ignore_patterns(".rasa"))
    return STOCK_CACHE


def _stock_environment() -> dict[str, str]:
    environment = {name: value for name, value in os.environ.items() if name not in THREAD_VARIABLES}
    return {**environment, "RASA_TELEMETRY_ENABLED": "false"}


def _has_action_server(project: Path) -> bool:
    """Whether the project's endpoints.yml names an action server (the starter bot's leaves it commented out)."""
    endpoints = project / "endpoints.yml"
    return any(line.startswith("action_endpoint:") for line in endpoints.read_text().splitlines())


@contextmanager
def running_stock_bot(project: Path, logs: Path) -> Iterator[Endpoint]:
    """Run the starter bot (and its action server, if it has one) until the block ends."""
    environment = _stock_environment()
    port = free_port()
    commands: list[tuple[list[str], str]] = []
    if _has_action_server(project):
        commands.append(([sys.executable, "-m", "rasa", "run", "actions", "--port", "5055"],
                         "http://127.0.0.1:5055/health"))
    commands.append(([sys.executable, "-m", "rasa", "run", "--port", str(port), "--model", "models",
                      "--credentials", "credentials.yml", "--endpoints", "endpoints.yml"],
                     f"http://127.0.0.1:{port}/"))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for index, (command, health) in enumerate(commands):
            log = logs / f"stock-{index}.log"
            processes.append(subprocess.Popen(command, cwd=project, env=environment, stdout=log.open("wb"),
                                              stderr=subprocess.STDOUT))
            wait_for(health, processes[-1], log)
        yield Endpoint(f"http://127.0.0.1:{port}/webhooks/rest/webhook")
    finally:
        stop(processes)


def child_processes() -> dict[int, str]:
    """This process's descendants, by pid, with a short name from their command line ("rasa run", "actions")."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        names[int(entry.name)] = _short_name([part.decode(errors="replace") for part in command if part])
    mine = {os.getpid()}
    changed = True
    while changed:
        found = {pid for pid, parent in parents.items() if parent in mine and pid not in mine}
        mine |= found
        changed = bool(found)
    return {pid: names[pid] for pid in mine - {os.getpid()} if pid in names}


def _short_name(command: list[str]) -> str:
    """"rasa run", "actions.server", "bot console": the module run with `-m` and its first argument."""
    if "-m" not in command:
        return " ".join(Path(word).name for word in command[:2]) or "?"
    after = command[command.index("-m") + 1:]
    return " ".join(after[:2] if len(after) > 1 and not after[1].startswith("-") else after[:1])


def rss_bytes(pid: int) -> int:
    """Resident memory of one process (0 once it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def servers() -> dict[int, str]:
    """The server processes among this process's descendants (py-spy and the like left out)."""
    return {pid: name for pid, name in child_processes().items() if name in SERVERS}


class PeakMemory:
    """Samples the resident memory of some processes twice a second and keeps each one's peak."""

    def __init__(self, processes: dict[int, str]) -> None:
        self.processes = processes
        self.peaks: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            for pid, name in self.processes.items():
                label = f"{name} [{pid}]"
                self.peaks[label] = max(self.peaks.get(label, 0), rss_bytes(pid))
            self._stop.wait(0.5)
