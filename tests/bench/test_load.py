"""The load benchmark's judgement: what counts as a right reply, and when One Door meets the issue's target."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.load.driver import Tally
from bench.load.figures import Row, verdict
from bench.load.profiling import summarise
from bench.load.scenarios import Step, one_door_mix, reply_is_right


def row(throughput: float, p95: float, errors: int = 0) -> Row:
    return Row("x", 100, throughput, p95 / 2, p95, p95, errors, {})


@pytest.mark.parametrize(
    ("reply", "right"),
    [("Case RVT-7K3-Q9P (Report a pothole) was received", True), ("", False), ("   ", False),
     ("Sorry, I'm not sure I understood.", False)],
)
def test_a_reply_is_right_only_when_it_holds_the_expected_answer(reply: str, right: bool) -> None:
    assert reply_is_right(Step("status RVT-7K3-Q9P", "case rvt-7k3-q9p ("), reply) is right


def test_five_times_stock_at_a_p95_of_250_ms_with_no_errors_meets_the_target() -> None:
    assert verdict(row(150.0, 0.200), row(30.0, 1.0))[0] is True


@pytest.mark.parametrize(
    ("one_door", "stock"),
    [(row(149.0, 0.200), row(30.0, 1.0)), (row(150.0, 0.251), row(30.0, 1.0)),
     (row(150.0, 0.200, errors=1), row(30.0, 1.0)), (row(150.0, 0.200), row(30.0, 1.0, errors=2))],
)
def test_slower_later_or_wrong_replies_miss_the_target(one_door: Row, stock: Row) -> None:
    met, line = verdict(one_door, stock)
    assert met is False and "TARGET MISSED" in line


def test_a_row_counts_only_right_replies() -> None:
    tally = Tally(latencies=[0.1] * 10, wall_seconds=2.0)
    tally.error("wrong or empty reply", "'hello' -> ''")
    assert (Row.of("one door", tally, {}).throughput, Row.of("one door", tally, {}).errors) == (5.0, 1)


def test_every_status_check_asks_about_a_filed_case() -> None:
    statuses = [c for c in one_door_mix(["AAA-AAA-AAA", "CCC-CCC-CCC"]) if c.name == "status"]
    assert [c.steps[0].expected for c in statuses] == ["Case AAA-AAA-AAA (", "Case CCC-CCC-CCC ("]


def test_idle_pool_threads_are_left_out_of_a_profile(tmp_path: Path) -> None:
    raw = tmp_path / "rasa.raw"
    raw.write_text(
        "run (threading.py:953);_worker (concurrent/futures/thread.py:81) 900\n"
        "handle_message (rasa/core/processor.py:10);save (rasa/core/tracker_store.py:20) 75\n"
        "handle_message (rasa/core/processor.py:10) 25\n"
    )
    summary = summarise([raw])
    assert summary.startswith("100 samples")
    assert "   75.0%  save (rasa/core/tracker_store.py)" in summary
