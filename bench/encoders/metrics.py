"""What the product needs to know of a classifier, scored as config.yml's FallbackClassifier would decide.

A message falls back when its top confidence is under the threshold or the top two are closer than the
ambiguity threshold. "Unresolved" is fallback or out_of_scope, as scripts/eval_holdout.py counts it. An
evaluation label that training has never seen (emergency_preparedness, for now) counts as in scope and can
never be right; it is also reported on its own.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

FALLBACK = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"
UNRESOLVED = {FALLBACK, OUT_OF_SCOPE}
CURVE_THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def top_intents(probabilities: np.ndarray, classes: list[str]) -> list[str]:
    """The most probable intent of each message, with no fallback."""
    return [classes[i] for i in probabilities.argmax(axis=1)]


def decide(probabilities: np.ndarray, classes: list[str], threshold: float, ambiguity: float) -> list[str]:
    """Each message's intent after the fallback rule."""
    ranked = np.sort(probabilities, axis=1)
    top, second = ranked[:, -1], ranked[:, -2]
    falls_back = (top < threshold) | (top - second < ambiguity)
    return [FALLBACK if fb else intent for fb, intent in zip(falls_back, top_intents(probabilities, classes))]


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def score(expected: list[str], decided: list[str], top: list[str], known: set[str]) -> dict[str, float | None]:
    """The headline rates for one threshold."""
    in_scope = [i for i, e in enumerate(expected) if e != OUT_OF_SCOPE]
    return {
        "in_scope_accuracy": _share([decided[i] == expected[i] for i in in_scope]),
        "in_scope_accuracy_known_labels": _share([decided[i] == expected[i] for i in in_scope if expected[i] in known]),
        "in_scope_fallback": _share([decided[i] == FALLBACK for i in in_scope]),
        "in_scope_unresolved": _share([decided[i] in UNRESOLVED for i in in_scope]),
        "out_of_scope_caught": _share([d in UNRESOLVED for e, d in zip(expected, decided) if e == OUT_OF_SCOPE]),
        "in_scope_accuracy_no_fallback": _share([top[i] == expected[i] for i in in_scope]),
    }


def threshold_curve(
    expected: list[str], probabilities: np.ndarray, classes: list[str], ambiguity: float
) -> dict[str, dict[str, float | None]]:
    """The headline rates at each threshold of CURVE_THRESHOLDS."""
    top, known = top_intents(probabilities, classes), set(classes)
    return {
        f"{t:.1f}": score(expected, decide(probabilities, classes, t, ambiguity), top, known)
        for t in CURVE_THRESHOLDS
    }


def unseen_labels(expected: list[str], decided: list[str], known: set[str]) -> dict[str, dict[str, object]]:
    """For each evaluation label training lacks: how often it fell back or went out of scope, and where else."""
    report: dict[str, dict[str, object]] = {}
    for label in sorted(set(expected) - known):
        outcomes = [d for e, d in zip(expected, decided) if e == label]
        report[label] = {
            "examples": len(outcomes),
            "fallback": outcomes.count(FALLBACK) / len(outcomes),
            "out_of_scope": outcomes.count(OUT_OF_SCOPE) / len(outcomes),
            "most_often": Counter(outcomes).most_common(3),
        }
    return report


def latency(latencies_ms: list[float]) -> dict[str, float]:
    """Median and 95th percentile of per-message times."""
    return {"p50_ms": float(np.percentile(latencies_ms, 50)), "p95_ms": float(np.percentile(latencies_ms, 95))}
