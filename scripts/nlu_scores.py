"""What an intent evaluation reports, computed from (expected, heard) pairs: no Rasa here, so it is testable alone.

The figures are the ones a resident feels: how often a real question is answered as the right service, how
often it ends in "please rephrase", how often a message the city cannot serve is caught rather than guessed,
whether every emergency and crisis is heard as one, and whether anything ordinary is ever heard as a crisis.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sklearn.metrics import f1_score

UNRESOLVED = frozenset({"out_of_scope", "nlu_fallback"})
SAFETY = frozenset({"emergency", "crisis"})
# Thresholds the calibration curve is drawn at.
CURVE = (0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7)


@dataclass(frozen=True)
class Heard:
    """What the model made of one message: the intent it answered with, and its classifier's own ranking
    (before the fallback and the rule components), for the calibration curve."""

    intent: str
    ranking: tuple[tuple[str, float], ...]
    seconds: float


def score(expected: list[str], heard: list[Heard]) -> dict[str, object]:
    """The report: accuracy counts a caught out-of-scope message as right and a fallback on a real question as
    wrong."""
    predicted = [h.intent for h in heard]
    credited = [e if e == "out_of_scope" and p in UNRESOLVED else p for e, p in zip(expected, predicted)]
    in_scope = [(e, p) for e, p in zip(expected, predicted) if e != "out_of_scope"]
    out_scope = [p for e, p in zip(expected, predicted) if e == "out_of_scope"]
    safety = [(e, p) for e, p in zip(expected, predicted) if e in SAFETY]
    ordinary = [(e, p) for e, p in zip(expected, predicted) if e not in SAFETY]
    labels = sorted(set(expected))
    per_intent = f1_score(expected, credited, labels=labels, average=None, zero_division=0)
    confusions = Counter((e, p) for e, p in zip(expected, credited) if e != p)
    return {
        "examples": len(expected),
        "in_scope_examples": len(in_scope),
        "out_of_scope_examples": len(out_scope),
        "accuracy": _share(e == p for e, p in zip(expected, credited)),
        "f1_macro": float(f1_score(expected, credited, labels=labels, average="macro", zero_division=0)),
        "in_scope_accuracy": _share(e == p for e, p in in_scope),
        "in_scope_to_fallback": _share(p in UNRESOLVED for _, p in in_scope),
        "out_of_scope_caught": _share(p in UNRESOLVED for p in out_scope),
        "safety_examples": len(safety),
        "safety_recall": _share(p in SAFETY for _, p in safety),
        "safety_missed": [f"{e} -> {p}" for e, p in safety if p not in SAFETY],
        "false_crises": sum(p == "crisis" for _, p in ordinary),
        "false_emergencies": sum(p == "emergency" for _, p in ordinary),
        "parse_ms_p50": _percentile([h.seconds * 1000 for h in heard], 50),
        "parse_ms_p95": _percentile([h.seconds * 1000 for h in heard], 95),
        "worst_intents": sorted(zip(labels, map(float, per_intent)), key=lambda pair: pair[1])[:10],
        "per_intent_f1": dict(zip(labels, map(float, per_intent))),
        "top_confusions": [f"{e} -> {p}: {n}" for (e, p), n in confusions.most_common(20)],
        "calibration": calibration(expected, heard),
    }


def calibration(expected: list[str], heard: list[Heard]) -> list[dict[str, float]]:
    """In-scope accuracy, false fallback and out-of-scope caught had the fallback threshold been each of CURVE,
    from the classifier's own ranking (the rule components after it are left out)."""
    curve = []
    for threshold in CURVE:
        top = [h.ranking[0] if h.ranking else ("nlu_fallback", 1.0) for h in heard]
        at = [name if confidence >= threshold else "nlu_fallback" for name, confidence in top]
        in_scope = [(e, p) for e, p in zip(expected, at) if e != "out_of_scope"]
        curve.append({
            "threshold": threshold,
            "in_scope_accuracy": _share(e == p for e, p in in_scope),
            "in_scope_to_fallback": _share(p in UNRESOLVED for _, p in in_scope),
            "out_of_scope_caught": _share(p in UNRESOLVED for e, p in zip(expected, at) if e == "out_of_scope"),
        })
    return curve


def _share(flags: object) -> float:
    values = list(flags)  # type: ignore[call-overload]
    return sum(values) / len(values) if values else 1.0


def _percentile(values: list[float], percent: int) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]
