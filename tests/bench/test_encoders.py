"""The encoder harness reads both set formats and scores the fallback rule as config.yml's FallbackClassifier."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bench.encoders.data import Example, read_eval, strip_annotations
from bench.encoders.metrics import FALLBACK, decide, score, unseen_labels

CLASSES = ["greet", "out_of_scope", "pothole_report"]


@pytest.mark.parametrize(
    ("annotated", "plain"),
    [
        ("pothole on [Elm St](street)", "pothole on Elm St"),
        ('pothole on [Elm St]{"entity": "street"} now', "pothole on Elm St now"),
        ("no markup [here]", "no markup [here]"),
    ],
)
def test_strip_annotations_keeps_only_the_words(annotated: str, plain: str) -> None:
    assert strip_annotations(annotated) == plain


def test_read_eval_reads_jsonl_and_rasa_yaml_alike(tmp_path: Path) -> None:
    jsonl = tmp_path / "set.jsonl"
    jsonl.write_text(json.dumps({"text": "hi", "intent": "greet"}) + "\n\n")
    yml = tmp_path / "set.yml"
    yml.write_text('version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - [hi](word)\n')
    assert read_eval(jsonl) == read_eval(yml) == [Example("hi", "greet")]


def test_decide_falls_back_below_threshold_or_when_the_top_two_are_close() -> None:
    probabilities = np.array([[0.8, 0.1, 0.1], [0.25, 0.2, 0.55], [0.29, 0.42, 0.29], [0.05, 0.48, 0.47]])
    assert decide(probabilities, CLASSES, threshold=0.3, ambiguity=0.05) == [
        "greet",
        "pothole_report",
        "out_of_scope",
        FALLBACK,
    ]
    assert decide(probabilities, CLASSES, threshold=0.5, ambiguity=0.05)[1:] == ["pothole_report", FALLBACK, FALLBACK]


def test_score_counts_an_unseen_label_in_scope_but_never_right() -> None:
    expected = ["greet", "emergency_preparedness", "out_of_scope", "out_of_scope"]
    decided = ["greet", FALLBACK, FALLBACK, "greet"]
    result = score(expected, decided, top=["greet", "greet", "greet", "greet"], known=set(CLASSES))
    assert result == {
        "in_scope_accuracy": 0.5,
        "in_scope_accuracy_known_labels": 1.0,
        "in_scope_fallback": 0.5,
        "in_scope_unresolved": 0.5,
        "out_of_scope_caught": 0.5,
        "in_scope_accuracy_no_fallback": 0.5,
    }
    assert unseen_labels(expected, decided, set(CLASSES))["emergency_preparedness"]["fallback"] == 1.0
