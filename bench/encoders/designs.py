"""The designs compared: which encoders, whether word and character counts sit beside them, which classifier.

Each design is trained and timed in a fresh process (see `run.py`), so its peak memory is its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from sklearn.base import ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression


@dataclass(frozen=True)
class Design:
    """One way to classify a message's intent."""

    name: str
    about: str
    encoders: tuple[str, ...]
    counts: bool = True
    calibrated: bool = False


DESIGNS = (
    Design(
        "today",
        "config.yml today: MiniLM int8 ONNX (onnxruntime) x5 + word + char_wb 2-4 counts + LR",
        ("minilm-onnx-int8",),
    ),
    Design("counts-only", "word + char_wb counts + LR, no encoder (floor)", ()),
    Design("minilm-only", "MiniLM int8 ONNX x5 + LR, no counts", ("minilm-onnx-int8",), counts=False),
    Design("minilm-numpy", "MiniLM float32 (numpy reference) x5 + counts + LR", ("minilm-numpy",)),
    Design("bge-small", "bge-small-en-v1.5 (CLS) x5 + counts + LR", ("bge-small",)),
    Design("minilm+bge", "MiniLM and bge-small concatenated + counts + LR", ("minilm-onnx-int8", "bge-small")),
    Design(
        "today-calibrated",
        "today's features, LR wrapped in CalibratedClassifierCV (sigmoid, 3 folds)",
        ("minilm-onnx-int8",),
        calibrated=True,
    ),
)


def rasa_logistic_regression(max_iter: int) -> LogisticRegression:
    """The estimator Rasa 3.6's LogisticRegressionClassifier builds (its defaults, config.yml's max_iter)."""
    return LogisticRegression(
        solver="lbfgs",
        max_iter=max_iter,
        class_weight="balanced",
        tol=1e-4,
        random_state=42,
        dual=False,
        fit_intercept=True,
        intercept_scaling=1,
        multi_class="auto",
        warm_start=False,
        n_jobs=None,
        l1_ratio=None,
    )


def make_classifier(design: Design, max_iter: int) -> ClassifierMixin:
    """The design's classifier, untrained."""
    base = rasa_logistic_regression(max_iter)
    if design.calibrated:
        # sklearn 1.1 names the wrapped estimator `base_estimator`; passed by position it works on both sides.
        return CalibratedClassifierCV(base, method="sigmoid", cv=3)
    return base
