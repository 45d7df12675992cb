"""Benchmark: a cold `rasa train` of the full assistant (empty training cache), wall time and peak memory.

Target (issue 2): at most 3 minutes on 2 cores.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 180


def main() -> int:
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_CACHE_DIRECTORY": str(Path(work) / "cache")}
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "rasa", "train", "--quiet", "--out", work, "--fixed-model-name", "bench"],
            cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        seconds = time.monotonic() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    verdict = "ok" if seconds <= TARGET_SECONDS else "OVER TARGET"
    print(f"cold train: {seconds:.0f} s (target {TARGET_SECONDS} s, {verdict}), peak RSS {peak_mb:.0f} MB")
    return 0 if seconds <= TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
