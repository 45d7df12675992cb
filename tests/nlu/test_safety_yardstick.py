"""Danger recognition on the frozen look-alike safety set of writer H (tests/nlu/safety/PROVENANCE.md): floors.

Writer H saw no project file; the set has never been read item by item (only `scripts/eval_safety.py`'s totals),
so its figures are measurements, unlike writer G's tuning set beside it. The floors are the figures of the model
as committed, rounded down a little; the issue's targets (every danger heard, no false alarm) are far from met.
A failure prints only counts, never the set's messages.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from scripts.eval_nlu import MODEL, hear
from scripts.eval_safety import DANGER, read_set

SET = Path(__file__).resolve().parent / "safety" / "safety-h.jsonl"
# Measured on 2026-12-01 after the safety round by family (docs/adr/0001): danger caught 351 of 388 (EN emergency
# 137/155, EN crisis 124/132, ES emergency 50/55, ES crisis 40/46); false alarms 41 of 490 ordinary and
# preparedness messages (EN 25/319 + 1/50, ES 14/106 + 1/15). Before that round: 348 of 388, 46 false alarms.
MIN_DANGER_CAUGHT = 0.90
MAX_FALSE_ALARMS = 44


@pytest.fixture(scope="module")
def outcomes() -> list[tuple[bool, bool]]:
    """(labelled danger, answered as danger) per message."""
    assert MODEL.exists(), "no trained model: run `make train` (make test does)"
    rows = read_set(SET)
    with ThreadPoolExecutor(max_workers=1) as pool:
        heard = pool.submit(asyncio.run, hear(MODEL, [row["text"] for row in rows])).result()
    return [(row["label"] in DANGER, answer.intent in DANGER) for row, answer in zip(rows, heard)]


def test_danger_is_heard_at_least_as_often_as_measured(outcomes: list[tuple[bool, bool]]) -> None:
    danger = [answered for labelled, answered in outcomes if labelled]
    caught = sum(danger) / len(danger)  # a plain number, so that a failure shows no message
    assert caught >= MIN_DANGER_CAUGHT


def test_ordinary_requests_raise_no_more_false_alarms_than_measured(outcomes: list[tuple[bool, bool]]) -> None:
    false_alarms = sum(answered for labelled, answered in outcomes if not labelled)
    assert false_alarms <= MAX_FALSE_ALARMS
