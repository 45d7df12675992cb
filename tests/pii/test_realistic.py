"""Redaction on the retired yardsticks in tests/pii/tuning/ (tests/pii/PROVENANCE.md): regression floors.

Each of these sets was written by an author who had not seen the redactor, was scored once while frozen, and was
then tuned on, so its figures are upper bounds, not measurements. The floors are the figures after the last
round that tuned on them, rounded down: a change that loses recall on residents' phrasing, or starts redacting
street names and holidays, fails here. The issue's target (every kind >= 99 % on an unseen set) is measured on
the current yardstick, whose floors the lead adds when it arrives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.eval_pii import MAX_OVER_REDACTION, TUNING, PiiScore, score

# Overall recall per retired realistic set, and per kind where a kind is at least 30 items.
FLOORS: dict[str, dict[str, float]] = {
    "realistic-dev.jsonl": {"ALL": 0.99},
    "realistic-set1.jsonl": {"ALL": 0.99},
    "realistic-set2.jsonl": {"ALL": 0.99, "ADDRESS": 0.99, "NAME": 0.98, "PLATE": 0.98},
    "realistic-set3.jsonl": {
        "ALL": 0.99, "ADDRESS": 0.99, "CARD": 0.99, "DOB": 0.99, "EMAIL": 1.0, "ID": 0.99,
        "NAME": 0.99, "PHONE": 0.99, "PLATE": 0.99, "SSN": 0.99,
    },
    # Author D's, the yardstick until round 6 tuned on it.
    "realistic-set4.jsonl": {
        "ALL": 0.99, "ADDRESS": 0.99, "CARD": 0.99, "DOB": 0.99, "EMAIL": 0.99, "ID": 0.99,
        "NAME": 0.99, "PHONE": 0.99, "PLATE": 0.99, "SSN": 0.99,
    },
    # Author E's, the yardstick until round 7 tuned on it.
    "realistic-set5.jsonl": {
        "ALL": 0.99, "ADDRESS": 0.99, "CARD": 0.99, "DOB": 0.99, "EMAIL": 0.99, "ID": 0.99,
        "NAME": 0.99, "PHONE": 0.99, "PLATE": 0.99, "SSN": 0.99,
    },
    # Author F's, the yardstick until round 8 tuned on it.
    "realistic-set6.jsonl": {
        "ALL": 0.99, "ADDRESS": 0.99, "CARD": 0.99, "DOB": 0.99, "EMAIL": 0.99, "ID": 0.99,
        "NAME": 0.99, "PHONE": 0.99, "PLATE": 0.99, "SSN": 0.99,
    },
    # Author G's, the yardstick until round 9 tuned on it.
    "realistic-set7.jsonl": {
        "ALL": 0.99, "ADDRESS": 0.99, "CARD": 0.99, "DOB": 0.99, "EMAIL": 0.99, "ID": 0.99,
        "NAME": 0.98, "PHONE": 0.99, "PLATE": 0.99, "SSN": 0.99,
    },
}
CASES = [(name, kind, floor) for name, kinds in sorted(FLOORS.items()) for kind, floor in sorted(kinds.items())]


@pytest.fixture(scope="module")
def scores() -> dict[str, PiiScore]:
    return {name: score(TUNING / name) for name in FLOORS}


@pytest.mark.parametrize(("corpus", "kind", "floor"), CASES, ids=[f"{c}-{k}" for c, k, _ in CASES])
def test_recall_holds_its_floor(scores: dict[str, PiiScore], corpus: str, kind: str, floor: float) -> None:
    result = scores[corpus]
    if kind == "ALL":
        assert result.recall >= floor, result.missed
        return
    found, total = result.by_kind[kind]
    assert total >= 30
    assert found / total >= floor, [value for missed, value in result.missed if missed == kind]


@pytest.mark.parametrize("corpus", sorted(TUNING.glob("*.jsonl")), ids=lambda path: path.stem)
def test_words_that_are_not_personal_data_survive(corpus: Path) -> None:
    result = score(corpus)
    assert result.over_redaction <= MAX_OVER_REDACTION, result.over
