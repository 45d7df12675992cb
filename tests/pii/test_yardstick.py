"""Redaction on the frozen, independent yardstick (author E, tests/pii/PROVENANCE.md): a regression floor, not
the target.

The floors are the figures measured on it (after round 6, which never saw it; only the totals per kind were
read), rounded down. The issue's target (every kind >= 99 %) is not met, and `make eval-pii` says so; a change that loses
recall on this set, or starts redacting street names and holidays, fails here. Do not tune on this set: once
its misses are read, it must retire to tests/pii/tuning/ and a new author must write the next yardstick.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.eval_pii import CLEAN_CIVIC, MAX_OVER_REDACTION, REALISTIC, PiiScore, score

# Author E's set, measured on 2026-12-01 once round 6 (which never saw it) was merged: overall 98.5 % (1,720 of
# 1,746), over-redaction 0.49 % (clean civic 1.77 %). The redactor of round 5 scored 97.8 % on it (clean civic
# 2.03 %). Only totals per kind were read. Three kinds meet the 99 %: ADDRESS, ID, PHONE.
FLOORS = {
    "ADDRESS": 0.99, "CARD": 0.96, "DOB": 0.97, "EMAIL": 0.98, "ID": 1.0,
    "NAME": 0.97, "PHONE": 0.99, "PLATE": 0.95, "SSN": 0.98,
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
    assert recall >= 0.98


@pytest.mark.parametrize("corpus", [REALISTIC, CLEAN_CIVIC], ids=["realistic", "clean-civic"])
def test_words_that_are_not_personal_data_survive(corpus: Path) -> None:
    over_redaction = score(corpus).over_redaction  # a plain number: a failure never prints the words redacted
    assert over_redaction <= MAX_OVER_REDACTION
