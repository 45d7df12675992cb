"""Redaction on the frozen, independent yardstick (author H, tests/pii/PROVENANCE.md): a regression floor, not
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

# Author H's set (828 messages, 1,280 items; clean civic 290), measured on 2026-12-01 and never tuned on. Round 8
# scored 98.4 % on it; round 9 (tuned on author G, never on H) 98.4 % too; round 10, the same rules with a CRF
# tagger trained on the retired sets (its design chosen by leave-one-author-out on them, never on H), 99.1 %
# (1,268 of 1,280), over-redaction 0.76 % (clean civic 0.33 %). Five kinds meet the 99 %: DOB, EMAIL,
# NAME, PHONE, SSN.
FLOORS = {
    "ADDRESS": 0.97, "CARD": 0.98, "DOB": 1.0, "EMAIL": 1.0, "ID": 0.97,
    "NAME": 0.99, "PHONE": 1.0, "PLATE": 0.98, "SSN": 1.0,
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
    assert recall >= 0.99


@pytest.mark.parametrize("corpus", [REALISTIC, CLEAN_CIVIC], ids=["realistic", "clean-civic"])
def test_words_that_are_not_personal_data_survive(corpus: Path) -> None:
    over_redaction = score(corpus).over_redaction  # a plain number: a failure never prints the words redacted
    assert over_redaction <= MAX_OVER_REDACTION
