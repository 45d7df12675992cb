"""Benchmark: reply latency over the REST channel, with the real model and action server.

Sends every held-out example once from one client, then again from several clients at once, each message in a
new conversation, and prints percentiles and throughput.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.assistant import Assistant, running_assistant  # noqa: E402
from scripts.eval_holdout import read_examples  # noqa: E402

CONCURRENT_CLIENTS = 8


def timed_reply(assistant: Assistant, text: str) -> float:
    started = time.perf_counter()
    assistant.say(uuid.uuid4().hex, text)
    return time.perf_counter() - started


def report(label: str, latencies: list[float], wall: float) -> None:
    cuts = statistics.quantiles(latencies, n=100)
    print(
        f"{label}: {len(latencies)} messages, p50 {cuts[49] * 1000:.0f} ms, p95 {cuts[94] * 1000:.0f} ms, "
        f"p99 {cuts[98] * 1000:.0f} ms, {len(latencies) / wall:.1f} msg/s"
    )


def main() -> None:
    texts = [text for text, _ in read_examples(ROOT / "tests" / "nlu" / "holdout.yml")]
    with tempfile.TemporaryDirectory() as work, running_assistant(Path(work)) as assistant:
        timed_reply(assistant, "warm up")
        started = time.perf_counter()
        report("1 client", [timed_reply(assistant, t) for t in texts], time.perf_counter() - started)
        started = time.perf_counter()
        with ThreadPoolExecutor(CONCURRENT_CLIENTS) as pool:
            latencies = list(pool.map(lambda t: timed_reply(assistant, t), texts))
        report(f"{CONCURRENT_CLIENTS} clients", latencies, time.perf_counter() - started)


if __name__ == "__main__":
    main()
