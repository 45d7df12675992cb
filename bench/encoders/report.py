"""Turn design runs into the comparison: a JSON record and a markdown table, side by side."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bench.encoders.data import Example
from bench.encoders.designs import Design
from bench.encoders.metrics import decide, latency, score, threshold_curve, top_intents, unseen_labels
from bench.encoders.run import DesignRun

P50_BUDGET_MS = 15.0


@dataclass(frozen=True)
class Rule:
    """The fallback rule scored, as config.yml's FallbackClassifier has it."""

    threshold: float = 0.3
    ambiguity: float = 0.05


def summarise(design: Design, run: DesignRun, evaluation: list[Example], rule: Rule) -> dict[str, Any]:
    """Everything measured of one design, as plain data."""
    if run.skipped or run.probabilities is None:
        return {"design": design.name, "about": design.about, "skipped": run.skipped}
    expected, known = [e.intent for e in evaluation], set(run.classes)
    decided = decide(run.probabilities, run.classes, rule.threshold, rule.ambiguity)
    return {
        "design": design.name,
        "about": design.about,
        "skipped": None,
        "at_threshold": score(expected, decided, top_intents(run.probabilities, run.classes), known),
        **latency(run.latencies_ms),
        "load_s": run.load_s,
        "train_s": run.train_s,
        "peak_rss_mb": run.peak_rss_mb,
        "curve": threshold_curve(expected, run.probabilities, run.classes, rule.ambiguity),
        "unseen_labels": unseen_labels(expected, decided, known),
    }


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}"


def _main_table(rows: list[dict[str, Any]], rule: Rule) -> list[str]:
    lines = [
        f"| design | in-scope acc @{rule.threshold} | in-scope fallback | in-scope unresolved | out-of-scope caught "
        f"| acc @{rule.threshold}, training's labels | acc, no fallback | p50 ms | p95 ms | train s | load s | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        if row["skipped"]:
            continue
        s = row["at_threshold"]
        over = "" if row["p50_ms"] <= P50_BUDGET_MS else " (over budget)"
        lines.append(
            f"| {row['design']} | {_pct(s['in_scope_accuracy'])} | {_pct(s['in_scope_fallback'])} "
            f"| {_pct(s['in_scope_unresolved'])} | {_pct(s['out_of_scope_caught'])} "
            f"| {_pct(s['in_scope_accuracy_known_labels'])} | {_pct(s['in_scope_accuracy_no_fallback'])} | {row['p50_ms']:.1f}{over} | {row['p95_ms']:.1f} "
            f"| {row['train_s']:.1f} | {row['load_s']:.1f} | {row['peak_rss_mb']:.0f} |"
        )
    return lines


def _curve_table(row: dict[str, Any]) -> list[str]:
    lines = [
        f"#### {row['design']}",
        "",
        "| threshold | in-scope acc | in-scope fallback | in-scope unresolved | out-of-scope caught |",
        "|---|---|---|---|---|",
    ]
    for threshold, s in row["curve"].items():
        lines.append(
            f"| {threshold} | {_pct(s['in_scope_accuracy'])} | {_pct(s['in_scope_fallback'])} "
            f"| {_pct(s['in_scope_unresolved'])} | {_pct(s['out_of_scope_caught'])} |"
        )
    return lines + [""]


def _unseen_table(rows: list[dict[str, Any]]) -> list[str]:
    lines = ["| design | label | examples | fallback % | out_of_scope % | most often predicted |", "|---|---|---|---|---|---|"]
    for row in rows:
        for label, u in (row.get("unseen_labels") or {}).items():
            often = ", ".join(f"{name} ({n})" for name, n in u["most_often"])
            lines.append(
                f"| {row['design']} | {label} | {u['examples']} | {_pct(u['fallback'])} | {_pct(u['out_of_scope'])} "
                f"| {often} |"
            )
    return lines if len(lines) > 2 else ["None: every evaluation label is a training intent."]


def markdown(header: dict[str, Any], rows: list[dict[str, Any]], rule: Rule) -> str:
    """The comparison as a markdown page."""
    lines = [
        "# Sentence encoders and classifiers, compared",
        "",
        *[f"- {key}: {value}" for key, value in header.items()],
        "",
        "Rates are percentages of in-scope messages (every label but out_of_scope) or of out_of_scope ones. "
        "Unresolved = fallback or out_of_scope. Latency is featurize + classify for one message on one core "
        f"(budget: p50 <= {P50_BUDGET_MS:.0f} ms); train s = encoding the training set and fitting.",
        "",
        *_main_table(rows, rule),
        "",
        "## Skipped designs",
        "",
        *([f"- {r['design']}: {r['skipped']}" for r in rows if r["skipped"]] or ["None."]),
        "",
        "## Evaluation labels training lacks (counted in scope, never right)",
        "",
        *_unseen_table(rows),
        "",
        "## Designs",
        "",
        *[f"- {r['design']}: {r['about']}" for r in rows],
        "",
        "## Threshold curves",
        "",
    ]
    for row in rows:
        if not row["skipped"]:
            lines += _curve_table(row)
    return "\n".join(lines)
