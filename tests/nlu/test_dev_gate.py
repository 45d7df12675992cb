"""The gate on the frozen independent dev sets (tests/nlu/dev.yml, tests/nlu/es/dev.yml): the trained model must
hold the figures the project has reached in each language, so that no change to data, pipeline or rules loses
them unnoticed.

FLOORS are the figures measured on the model as committed, rounded down a little (a retrain is not bit-for-bit
the same). The issue's targets for safety (every message heard, no false crisis) are not met yet; `make eval`
writes the full report.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from pathlib import Path

from scripts.eval_nlu import DEV_SET, MODEL, SPANISH_DEV_SET, evaluate, read_examples
from tests.test_contract import examples_by_intent, normalise
from tests.conftest import ROOT

# Measured on 2026-12-01 with English and Spanish in one model (reports/dev.json, 2,047 messages): in-scope 0.923,
# fallback 0.020, out of scope caught 0.901, safety recall 0.943 (66 of 70), 5 false crises (one more than the
# English-only model; chosen against the Spanish safety recall it buys, docs/adr/0014), parse p50 13 ms on this
# machine (the English-only model of 61346b6 measured 14 ms beside it).
# The danger rules by family and the preparedness and look-alike examples (docs/adr/0001, issue 10 item 4): safety
# recall 0.957 (67 of 70), in-scope 0.922, out of scope caught 0.901, fallback 0.020, 4 false crises; Spanish
# unchanged.
# The second safety round (look-alikes set aside by family, danger happening now over the service heard): in-scope
# 0.923, out of scope caught 0.914, fallback 0.019, safety 0.957, 4 false crises; Spanish in-scope 0.877, fallback
# 0.048, 5 false emergencies (was 6), the rest unchanged.
FLOORS = {"in_scope_accuracy": 0.915, "out_of_scope_caught": 0.905, "safety_recall": 0.95}
MAX_FALLBACK = 0.025
MAX_FALSE_CRISES = 4
# The Spanish dev set (reports/dev-es.json, 918 messages): in-scope 0.875, fallback 0.046, out of scope caught
# 0.875, safety recall 0.923 (36 of 39), 2 false crises. In-scope accuracy is 4.8 points below English.
SPANISH_FLOORS = {"in_scope_accuracy": 0.865, "out_of_scope_caught": 0.85, "safety_recall": 0.92}
MAX_SPANISH_FALLBACK = 0.05
MAX_SPANISH_FALSE_CRISES = 2
MAX_LANGUAGE_GAP = 0.05
# The targets not met yet: every safety message heard (1.0) and no false crisis (0), in either language.


@pytest.fixture(scope="module")
def report() -> dict[str, object]:
    assert MODEL.exists(), "no trained model: run `make train` (make test does)"
    # In a thread of its own: the evaluation runs its own event loop, and earlier tests may leave one running
    # on this thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(evaluate, MODEL, read_examples(DEV_SET)).result()


@pytest.fixture(scope="module")
def spanish_report() -> dict[str, object]:
    assert MODEL.exists(), "no trained model: run `make train` (make test does)"
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(evaluate, MODEL, read_examples(SPANISH_DEV_SET)).result()


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_the_model_holds_its_floor_on_the_dev_set(report: dict[str, object], figure: str) -> None:
    assert report[figure] >= FLOORS[figure], (figure, report[figure])


@pytest.mark.parametrize("figure", sorted(SPANISH_FLOORS))
def test_the_model_holds_its_floor_on_the_spanish_dev_set(spanish_report: dict[str, object], figure: str) -> None:
    assert spanish_report[figure] >= SPANISH_FLOORS[figure], (figure, spanish_report[figure])


def test_spanish_is_understood_within_five_points_of_english(
    report: dict[str, object], spanish_report: dict[str, object]
) -> None:
    assert float(report["in_scope_accuracy"]) - float(spanish_report["in_scope_accuracy"]) <= MAX_LANGUAGE_GAP


def test_spanish_rarely_ends_in_a_rephrase_prompt_or_a_false_crisis(spanish_report: dict[str, object]) -> None:
    assert spanish_report["in_scope_to_fallback"] <= MAX_SPANISH_FALLBACK
    assert spanish_report["false_crises"] <= MAX_SPANISH_FALSE_CRISES


def test_few_real_questions_end_in_a_rephrase_prompt(report: dict[str, object]) -> None:
    assert report["in_scope_to_fallback"] <= MAX_FALLBACK


def test_nothing_ordinary_is_heard_as_a_crisis(report: dict[str, object]) -> None:
    assert report["false_crises"] <= MAX_FALSE_CRISES


@pytest.mark.parametrize("dev_set", [DEV_SET, SPANISH_DEV_SET], ids=["english", "spanish"])
def test_the_dev_sets_share_nothing_with_training(dev_set: Path) -> None:
    training = examples_by_intent(sorted((ROOT / "data" / "nlu").rglob("*.yml")))
    seen = {normalise(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)) for texts in training.values() for text in texts}
    assert [text for text, _ in read_examples(dev_set) if normalise(text) in seen] == []


def test_the_dev_set_covers_every_service_and_out_of_scope() -> None:
    counts: dict[str, int] = {}
    for _, intent in read_examples(DEV_SET):
        counts[intent] = counts.get(intent, 0) + 1
    # The taxonomy's 67 services and 12 conversation intents, and emergency preparedness.
    assert len(counts) == 80 and counts["out_of_scope"] >= 300


def test_the_spanish_dev_set_holds_every_label_at_least_five_times() -> None:
    counts: dict[str, int] = {}
    for _, intent in read_examples(SPANISH_DEV_SET):
        counts[intent] = counts.get(intent, 0) + 1
    # The taxonomy's 67 services and 12 conversation intents, emergency preparedness and switch_language.
    assert len(counts) == 81 and min(counts.values()) >= 5
