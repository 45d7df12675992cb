"""Redaction on the frozen, independent yardstick (author F, tests/pii/PROVENANCE.md): a regression floor, not
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

# Author F's set, measured on 2026-12-01. The redactor of round 6 scored 98.3 % on it before round 7 was merged;
# round 7 (tuned on author E, never on F) scored 98.5 %; the lead's two birth-date policies, chosen after F's
# per-kind totals showed DOB lowest (no item read), give 98.8 % (1,752 of 1,774), over-redaction 0.48 % (clean
# civic 0.51 %). Four kinds meet the 99 %: EMAIL, ID, PHONE, SSN.
FLOORS = {
    "ADDRESS": 0.98, "CARD": 0.97, "DOB": 0.97, "EMAIL": 1.0, "ID": 1.0,
    "NAME": 0.98, "PHONE": 1.0, "PLATE": 0.96, "SSN": 0.99,
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
