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
    "ADDRESS": 0.90, "CARD": 0.80, "DOB": 0.93, "EMAIL": 1.0, "ID": 0.88,
    "NAME": 0.86, "PHONE": 0.97, "PLATE": 0.79, "SSN": 0.94,
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
    assert realistic.recall >= 0.89


@pytest.mark.parametrize("corpus", [REALISTIC, CLEAN_CIVIC], ids=["realistic", "clean-civic"])
def test_words_that_are_not_personal_data_survive(corpus: Path) -> None:
    assert score(corpus).over_redaction <= MAX_OVER_REDACTION
