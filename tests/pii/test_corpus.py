"""The redaction targets, measured on the seeded corpus (`make eval-pii` prints the details)."""

from __future__ import annotations

from scripts.eval_pii import MAX_OVER_REDACTION, MIN_RECALL, score


def test_redaction_removes_seeded_personal_data_and_little_else() -> None:
    result = score()
    assert result.items >= 300
    assert result.recall >= MIN_RECALL, result.missed
    assert result.over_redaction <= MAX_OVER_REDACTION
