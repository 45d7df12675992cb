"""Redaction on the frozen, independent corpus (tests/pii/PROVENANCE.md): a regression floor, not the target.

The floors are the figures measured when the corpus was first scored, rounded down; the issue's target (every
kind >= 99 %) is not met yet, and `make eval-pii` says so. A change that loses recall on residents' real
phrasing, or starts redacting street names and holidays, fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.eval_pii import CLEAN_CIVIC, MAX_OVER_REDACTION, REALISTIC, PiiScore, score

FLOORS = {
    "ADDRESS": 0.91, "CARD": 0.93, "DOB": 0.93, "EMAIL": 1.0, "ID": 0.98,
    "NAME": 0.92, "PHONE": 0.98, "PLATE": 0.84, "SSN": 0.95,
}


@pytest.fixture(scope="module")
def realistic() -> PiiScore:
    return score(REALISTIC)


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_recall_per_kind_holds_its_floor(realistic: PiiScore, kind: str) -> None:
    found, total = realistic.by_kind[kind]
    assert total >= 30
    assert found / total >= FLOORS[kind], [value for missed, value in realistic.missed if missed == kind]


def test_overall_recall_holds_its_floor(realistic: PiiScore) -> None:
    assert realistic.recall >= 0.93


@pytest.mark.parametrize("corpus", [REALISTIC, CLEAN_CIVIC], ids=["realistic", "clean-civic"])
def test_words_that_are_not_personal_data_survive(corpus: Path) -> None:
    assert score(corpus).over_redaction <= MAX_OVER_REDACTION
