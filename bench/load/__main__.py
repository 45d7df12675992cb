"""Load benchmark: One Door and Rasa's stock starter bot under the same number of residents, side by side.

`python -m bench.load` (make bench) starts One Door as the end-to-end tests do (fresh SQLite stores, the real
model and action server) and the starter bot beside it, drives each with its own mix of simulated residents,
prints both rows and the ratio, and exits 1 when One Door misses the issue's target (docs/adr/0017-throughput.md).
The two take turns (`--rounds` slices each, one system driven at a time), so that a change in a shared machine's
load touches both rows alike and the ratio holds up better than either absolute figure.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.load import figures, profiling  # noqa: E402
from bench.load.driver import Endpoint, Tally, drive, warm_up  # noqa: E402
from bench.load.scenarios import Conversation, one_door_mix, stock_mix  # noqa: E402
from bench.load.systems import PeakMemory, running_stock_bot, servers, stock_project  # noqa: E402
from bot.cases import CaseStore, NewCase  # noqa: E402
from bot.db import Database, make_engine  # noqa: E402
from scripts.assistant import running_assistant  # noqa: E402

STATUS_CASES = 3
REDIS_URL = "redis://127.0.0.1:6379/0"
# The One Door processes py-spy samples, and the names their profiles are written under.
PROFILES = {"rasa run": "one-door-rasa", "actions.server": "one-door-actions"}


@dataclass
class System:
    """A running system under test: where it listens, what its residents say, and what they saw so far."""

    name: str
    endpoint: Endpoint
    mix: list[Conversation]
    processes: dict[int, str]
    tally: Tally = field(default_factory=Tally)
    rss: dict[str, int] = field(default_factory=dict)

    def row(self) -> figures.Row:
        return figures.Row.of(self.name, self.tally, self.rss)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=20, help="simulated residents, each in its own conversation")
    parser.add_argument("--seconds", type=float, default=40.0, help="how long each system is driven in all")
    parser.add_argument("--rounds", type=int, default=2, help="slices the systems take turns in, against drift")
    parser.add_argument("--rasa-workers", type=int, default=1,
                        help="Sanic workers for One Door's Rasa server; more than 1 adds Redis (ONE_DOOR_REDIS_URL)")
    parser.add_argument("--only", choices=("one-door", "stock"), help="drive one system only (no ratio, exit 0)")
    parser.add_argument("--rebuild-stock", action="store_true", help="run `rasa init` again instead of the cached bot")
    parser.add_argument("--py-spy", type=Path, help="py-spy executable: profile One Door's servers under load")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "load", help="where profiles are written")
    return parser.parse_args(argv)


def _load() -> str:
    return "load average " + " ".join(f"{value:.2f}" for value in os.getloadavg())


@contextmanager
def _one_door(work: Path, workers: int) -> Iterator[System]:
    # Several workers share their conversation locks (and rate-limit counts, web chat's queue) in Redis.
    shared = {"ONE_DOOR_REDIS_URL": REDIS_URL} if workers > 1 else {}
    with running_assistant(work, env={**shared, "ONE_DOOR_RASA_WORKERS": str(workers)}) as assistant:
        store = CaseStore(Database(make_engine(assistant.database_url)))
        references = [store.create(NewCase("pothole_report", "public_works", "rest", "bench-resident")).reference
                      for _ in range(STATUS_CASES)]
        endpoint = Endpoint(f"{assistant.base_url}/webhooks/rest/webhook",
                            {"Authorization": f"Bearer {assistant.rest_token}"})
        yield System("one door", endpoint, one_door_mix(references), servers())


@contextmanager
def _stock(work: Path, rebuild: bool, others: dict[int, str]) -> Iterator[System]:
    with running_stock_bot(stock_project(rebuild), work) as endpoint:
        mine = {pid: name for pid, name in servers().items() if pid not in others}
        yield System("stock", endpoint, stock_mix(), mine)


def _drive_slice(system: System, args: argparse.Namespace, seconds: float, index: int) -> None:
    profilers = {}
    if args.py_spy and system.name == "one door":
        args.out.mkdir(parents=True, exist_ok=True)
        profilers = {pid: profiling.start(args.py_spy, pid, seconds, args.out / f"{PROFILES[name]}.{index}.{pid}.raw")
                     for pid, name in system.processes.items() if name in PROFILES}
    with PeakMemory(system.processes) as memory:
        system.tally.add(drive(system.endpoint, system.mix, args.residents, seconds))
    for label, peak in memory.peaks.items():
        system.rss[label] = max(system.rss.get(label, 0), peak)
    for profiler in profilers.values():
        profiler.wait()


def _summarise_profiles(out: Path) -> None:
    for name in PROFILES.values():
        summary = profiling.summarise(sorted(out.glob(f"{name}.*.raw")))
        (out / f"{name}-summary.txt").write_text(summary + "\n")
        print(f"{name}: {summary}")


def _report_errors(label: str, tally: Tally) -> None:
    if tally.errors:
        print(f"{label}: errors {tally.errors}", file=sys.stderr)
        for example in tally.wrong_examples:
            print(f"  {example}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    print(f"{args.residents} residents, {args.seconds:.0f} s per system in {args.rounds} turns, "
          f"{os.cpu_count()} cores, {_load()}")
    if args.py_spy:
        for stale in args.out.glob("*.raw"):
            stale.unlink()
    with tempfile.TemporaryDirectory() as work, ExitStack() as stack:
        systems: list[System] = []
        if args.only != "stock":
            systems.append(stack.enter_context(_one_door(Path(work), args.rasa_workers)))
        if args.only != "one-door":
            others = systems[0].processes if systems else {}
            systems.append(stack.enter_context(_stock(Path(work), args.rebuild_stock, others)))
        for system in systems:
            _report_errors(f"{system.name} warm-up", warm_up(system.endpoint, system.mix))
        for index in range(args.rounds):
            for system in systems:
                _drive_slice(system, args, args.seconds / args.rounds, index)
    print(f"after the runs: {_load()}")
    if args.py_spy and args.only != "stock":
        _summarise_profiles(args.out)
    for system in systems:
        _report_errors(system.name, system.tally)
        print(system.row().line())
    if args.only:
        return 0
    met, verdict = figures.verdict(*(system.row() for system in systems))
    print(verdict)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
