"""Benchmark: `python -m bot report` on a generated month of 5,000 unresolved messages, timed as operators run it.

The data goes into a fresh SQLite database (with a Rasa-shaped tracker store, so fallback rates are computed
too); the report then runs in its own process, so the wall time includes start-up and the peak resident memory
is the report's alone. The target is under 60 s on 2 cores.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.generate_unresolved import generate  # noqa: E402

MESSAGES = 5000
TARGET_SECONDS = 60


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        url, trackers = f"sqlite:///{work}/onedoor.db", f"sqlite:///{work}/trackers.db"
        started = time.perf_counter()
        generate(url, trackers, MESSAGES, datetime.now(timezone.utc))
        print(f"generated {MESSAGES} unresolved messages and their month in {time.perf_counter() - started:.1f} s")
        command = [sys.executable, "-m", "bot", "report", "--since", "30d", "--out", f"{work}/reports",
                   "--url", url, "--trackers", trackers]
        started = time.perf_counter()
        subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
        wall = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        verdict = "within" if wall < TARGET_SECONDS else "OVER"
        print(f"report on {MESSAGES} unresolved messages: {wall:.1f} s wall, peak RSS {peak:.0f} MB, "
              f"{verdict} the {TARGET_SECONDS} s target, on {os.cpu_count()} cores")
        print((Path(work) / "reports" / "report.md").read_text(encoding="utf-8").split("## Did answers help?")[0])


if __name__ == "__main__":
    main()
