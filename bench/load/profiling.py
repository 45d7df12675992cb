"""Sample a server process with py-spy while it is under load, and summarise where its time went.

py-spy is not a project dependency: pass its path (`--py-spy`), for example after
`pip install --target /tmp/pyspy py-spy`. The raw collapsed stacks are kept beside the summary, for a flame graph.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

# A thread-pool worker waiting for work: blocked in C, but py-spy cannot tell that it is idle.
_IDLE_LEAF = "_worker (concurrent/futures/thread.py)"
_FRAME = re.compile(r"^(?P<function>.*?) \((?P<file>[^():]*)(?::\d+)?\)$")


def start(py_spy: Path, pid: int, seconds: float, out: Path) -> subprocess.Popen[bytes]:
    """Start sampling `pid` (every thread, idle ones left out) for `seconds`; raw stacks go to `out`."""
    return subprocess.Popen(
        [str(py_spy), "record", "--pid", str(pid), "--duration", str(int(seconds)), "--rate", "100",
         "--format", "raw", "--output", str(out), "--nonblocking"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _frame_name(frame: str) -> str:
    match = _FRAME.match(frame.strip())
    if not match:
        return frame.strip()
    file = match["file"].split("site-packages/")[-1]
    return f"{match['function']} ({file})"


def summarise(raws: list[Path], top: int = 40) -> str:
    """The functions holding the most busy samples: inclusive share (anywhere on the stack) and self share (on top).

    Note: a stack deeper than py-spy keeps is cut at its root, so an inclusive share is a lower bound.
    """
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    lines_in = [line for raw in raws for line in raw.read_text().splitlines()]
    for line in lines_in:
        stack, _, count_text = line.rpartition(" ")
        if not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [_frame_name(frame) for frame in stack.split(";")]
        if not frames or frames[-1] == _IDLE_LEAF:
            continue
        total += count
        for name in set(frames):
            inclusive[name] += count
        own[frames[-1]] += count
    if not total:
        return "no samples"
    lines = [f"{total} samples", "inclusive:"]
    lines += [f"  {count / total:6.1%}  {name}" for name, count in inclusive.most_common(top)]
    lines.append("self:")
    lines += [f"  {count / total:6.1%}  {name}" for name, count in own.most_common(top)]
    return "\n".join(lines)
