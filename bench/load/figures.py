"""The figures of a load run: one row per system, the ratio, and whether One Door met the issue's target."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from bench.load.driver import Tally

# Issue 13: at least 5x the stock starter bot's throughput, at p95 <= 250 ms, with every reply right.
TARGET_RATIO = 5.0
TARGET_P95_SECONDS = 0.250


@dataclass(frozen=True)
class Row:
    """What one system sustained under the same number of simulated residents."""

    system: str
    messages: int
    throughput: float
    p50: float
    p95: float
    p99: float
    errors: int
    rss: dict[str, int]

    @classmethod
    def of(cls, system: str, tally: Tally, rss: dict[str, int]) -> Row:
        cuts = statistics.quantiles(tally.latencies, n=100) if len(tally.latencies) > 1 else [float("nan")] * 99
        return cls(
            system=system,
            messages=len(tally.latencies),
            throughput=len(tally.latencies) / tally.wall_seconds if tally.wall_seconds else 0.0,
            p50=cuts[49],
            p95=cuts[94],
            p99=cuts[98],
            errors=sum(tally.errors.values()),
            rss=rss,
        )

    def line(self) -> str:
        memory = ", ".join(f"{name} {size / 2**20:.0f} MB" for name, size in sorted(self.rss.items()))
        return (f"{self.system:<10} {self.throughput:6.1f} msg/s  p50 {self.p50 * 1000:5.0f} ms  "
                f"p95 {self.p95 * 1000:5.0f} ms  p99 {self.p99 * 1000:5.0f} ms  {self.messages:5d} ok  "
                f"{self.errors:3d} errors  RSS peak: {memory}")


def verdict(one_door: Row, stock: Row) -> tuple[bool, str]:
    """Whether One Door met the target beside this stock row, and a line saying so and why not."""
    ratio = one_door.throughput / stock.throughput if stock.throughput else 0.0
    misses = []
    if ratio < TARGET_RATIO:
        misses.append(f"throughput {ratio:.2f}x stock < {TARGET_RATIO:.0f}x")
    if not one_door.p95 <= TARGET_P95_SECONDS:
        misses.append(f"p95 {one_door.p95 * 1000:.0f} ms > {TARGET_P95_SECONDS * 1000:.0f} ms")
    if one_door.errors:
        misses.append(f"{one_door.errors} wrong or failed replies")
    if stock.errors:
        misses.append(f"the stock bot gave {stock.errors} wrong or failed replies, so its row is not a fair yardstick")
    summary = f"ratio: One Door / stock = {ratio:.2f}x throughput, p95 {one_door.p95 / stock.p95:.2f}x stock's"
    if misses:
        return False, f"{summary}\nTARGET MISSED: " + "; ".join(misses)
    return True, f"{summary}\ntarget met: >= {TARGET_RATIO:.0f}x stock at p95 <= {TARGET_P95_SECONDS * 1000:.0f} ms"
