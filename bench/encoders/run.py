"""Train one design and classify an evaluation set one message at a time, as Rasa parses a message.

`run_isolated` does it in a freshly spawned interpreter: the peak RSS it reports then belongs to that design
alone, and the encoder's load and first-call costs are paid inside the measurement as in a new server process.
"""

from __future__ import annotations

import resource
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import numpy as np
from sklearn.exceptions import ConvergenceWarning

from bench.encoders.data import Example
from bench.encoders.designs import Design, make_classifier
from bench.encoders.encoders import ENCODERS, EncoderUnavailable
from bench.encoders.features import Featurizer, Lemmatizer

WARM_UP_MESSAGES = 5


@dataclass
class Settings:
    """What every design shares: the spaCy pipeline, config.yml's embedding scale and LR iterations."""

    spacy_model: Path
    scale: float = 5.0
    max_iter: int = 100


@dataclass
class DesignRun:
    """What one design produced: class probabilities per evaluation message and its costs."""

    design: str
    skipped: str | None = None
    classes: list[str] = field(default_factory=list)
    probabilities: np.ndarray | None = None
    load_s: float = 0.0
    train_s: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    peak_rss_mb: float = 0.0


def run_design(design: Design, train: list[Example], evaluation: list[Example], settings: Settings) -> DesignRun:
    """Load, train, then classify each evaluation message alone and time it."""
    started = time.perf_counter()
    try:
        encoders = [ENCODERS[name]() for name in design.encoders]
    except EncoderUnavailable as reason:
        return DesignRun(design.name, skipped=str(reason))
    lemmatizer = Lemmatizer(settings.spacy_model) if design.counts else None
    loaded = time.perf_counter()
    featurizer = Featurizer(lemmatizer, encoders, settings.scale)
    classifier = make_classifier(design, settings.max_iter)
    with warnings.catch_warnings():
        # Rasa's LR stops at config.yml's max_iter whether or not lbfgs has converged; so does the mirror.
        warnings.simplefilter("ignore", ConvergenceWarning)
        # An array, not a list: sklearn 1.1's CalibratedClassifierCV counts each class with `y == label`.
        labels = np.array([e.intent for e in train])
        classifier.fit(featurizer.fit_transform([e.text for e in train]), labels)
    trained = time.perf_counter()
    for example in evaluation[:WARM_UP_MESSAGES]:
        classifier.predict_proba(featurizer.transform([example.text]))
    rows, latencies = [], []
    for example in evaluation:
        start = time.perf_counter()
        rows.append(classifier.predict_proba(featurizer.transform([example.text]))[0])
        latencies.append((time.perf_counter() - start) * 1000)
    return DesignRun(
        design.name,
        classes=[str(c) for c in classifier.classes_],
        probabilities=np.vstack(rows),
        load_s=loaded - started,
        train_s=trained - loaded,
        latencies_ms=latencies,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )


def run_isolated(design: Design, train: list[Example], evaluation: list[Example], settings: Settings) -> DesignRun:
    """`run_design` in a new interpreter, which inherits this one's environment and CPU affinity."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(run_design, design, train, evaluation, settings).result()
