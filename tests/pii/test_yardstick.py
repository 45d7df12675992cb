"""Redaction on the frozen, independent yardstick (author G, tests/pii/PROVENANCE.md): a regression floor, not
the target.

The floors are the figures measured on it (after round 7, which never saw it; only the totals per kind were
read), rounded down. The issue's target (every kind >= 99 %) is not met, and `make eval-pii` says so; a change that loses
recall on this set, or starts redacting street names and holidays, fails here. Do not tune on this set: once
its misses are read, it must retire to tests/pii/tuning/ and a new author must write the next yardstick.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.eval_pii import CLEAN_CIVIC, MAX_OVER_REDACTION, REALISTIC, PiiScore, score

# Author G's set (990 messages, 1,540 items; clean civic 311), measured on 2026-12-01 and never tuned on. Round 7
# (with the birth-date policies) scored 97.2 % on it; round 8 (tuned on author F, never on G) 97.3 % (1,499 of
# 1,540), over-redaction 0.69 % (clean civic 0.24 %). Five kinds meet the 99 %: ADDRESS, DOB, EMAIL,
# PLATE, SSN; ID is lowest (85.6 %: G labels account, card and benefit numbers as IDs).
FLOORS = {
    "ADDRESS": 0.99, "CARD": 0.98, "DOB": 1.0, "EMAIL": 0.99, "ID": 0.85,
    "NAME": 0.96, "PHONE": 0.98, "PLATE": 1.0, "SSN": 1.0,
}


@pytest.fixture(scope="module")
def yardstick() -> PiiScore:
    return score(REALISTIC)


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_recall_per_kind_holds_its_floor(yardstick: PiiScore, kind: str) -> None:
    found, total = yardstick.by_kind[kind]
    assert total >= 40
    assert found / total >= FLOORS[kind]


def test_overall_recall_holds_its_floor(yardstick: PiiScore) -> None:
    recall = yardstick.recall  # a plain number, so that a failure never prints the set's misses
    assert recall >= 0.97


@pytest.mark.parametrize("corpus", [REALISTIC, CLEAN_CIVIC], ids=["realistic", "clean-civic"])
def test_words_that_are_not_personal_data_survive(corpus: Path) -> None:
    over_redaction = score(corpus).over_redaction  # a plain number: a failure never prints the words redacted
    assert over_redaction <= MAX_OVER_REDACTION
