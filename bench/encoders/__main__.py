"""Compare sentence encoders and intent classifiers on a labelled set, in minutes rather than a `rasa train`.

    .venv/bin/python -m bench.encoders tests/nlu/holdout.yml            # smoke run on the Rasa YAML holdout
    .venv/bin/python -m bench.encoders path/to/set.jsonl --designs today,minilm-numpy

Trains on everything under data/nlu/ (or the folders given with --train), reads config.yml for the embedding scale, LR iterations, fallback thresholds and
spaCy pipeline, runs each design in its own process pinned to one core with BLAS on one thread, prints the
markdown comparison and writes it with a JSON record to reports/encoders/.
"""

from __future__ import annotations

import os

# Before anything imports numpy or onnxruntime: the latency budget is per message on one core.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"
# spaCy's thinc imports TensorFlow when it is installed (it is, for Rasa); its start-up chatter is noise here.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
from datetime import datetime, timezone  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import yaml  # noqa: E402

from bench.encoders.data import read_eval, read_training  # noqa: E402
from bench.encoders.designs import DESIGNS  # noqa: E402
from bench.encoders.report import Rule, markdown, summarise  # noqa: E402
from bench.encoders.run import Settings, run_isolated  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def pipeline_settings(config_path: Path) -> tuple[Settings, Rule]:
    """The figures the designs must share with production, read from config.yml's pipeline."""
    steps = {step["name"].rsplit(".", 1)[-1]: step for step in yaml.safe_load(config_path.read_text())["pipeline"]}
    fallback = steps["FallbackClassifier"]
    settings = Settings(
        spacy_model=ROOT / steps["SpacyNLP"]["model"],
        scale=float(steps["MiniLMSentenceFeaturizer"].get("scale", 1.0)),
        max_iter=int(steps["ReadingLogisticRegressionClassifier"].get("max_iter", 100)),
    )
    return settings, Rule(float(fallback.get("threshold", 0.3)), float(fallback.get("ambiguity_threshold", 0.1)))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_set", type=Path, help="JSONL of {text, intent}, or a Rasa NLU YAML file")
    parser.add_argument("--designs", help="comma-separated design names (default: all)")
    parser.add_argument(
        "--train", type=Path, action="append",
        help="a folder (read recursively) or file of Rasa NLU YAML to train on; repeatable (default: data/nlu)",
    )
    parser.add_argument("--spacy-model", type=Path, help="spaCy pipeline dir (default: config.yml's)")
    parser.add_argument("--threshold", type=float, help="fallback threshold (default: config.yml's)")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "reports" / "encoders")
    parser.add_argument("--cpu", type=int, default=0, help="the one core every design runs on")
    return parser.parse_args()


def commit() -> str:
    """The commit measured, so a figure can be traced to its code and data."""
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


def main() -> int:
    args = parse_args()
    settings, rule = pipeline_settings(ROOT / "config.yml")
    if args.spacy_model:
        settings.spacy_model = args.spacy_model
    if args.threshold is not None:
        rule = Rule(args.threshold, rule.ambiguity)
    if not settings.spacy_model.is_dir():
        raise SystemExit(f"spaCy pipeline not found at {settings.spacy_model}: run `make install` or pass --spacy-model")
    chosen = set(args.designs.split(",")) if args.designs else {d.name for d in DESIGNS}
    unknown = chosen - {d.name for d in DESIGNS}
    if unknown:
        raise SystemExit(f"unknown designs: {', '.join(sorted(unknown))}")
    os.sched_setaffinity(0, {args.cpu})
    folders = args.train or [ROOT / "data" / "nlu"]
    train, evaluation = read_training(folders), read_eval(args.eval_set)
    rows: list[dict[str, Any]] = []
    for design in (d for d in DESIGNS if d.name in chosen):
        print(f"running {design.name} ...", flush=True)
        rows.append(summarise(design, run_isolated(design, train, evaluation, settings), evaluation, rule))
    header = {
        "evaluation set": f"{args.eval_set} ({len(evaluation)} messages, "
        f"{sum(e.intent == 'out_of_scope' for e in evaluation)} out_of_scope)",
        "training": f"{', '.join(str(f) for f in folders)} ({len(train)} examples, {len({e.intent for e in train})} intents)",
        "fallback rule": f"top-1 < {rule.threshold} or top-1 - top-2 < {rule.ambiguity}",
        "embedding scale / LR max_iter": f"{settings.scale} / {settings.max_iter}",
        "commit": commit(),
        "measured": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": f"core {args.cpu} only; BLAS and onnxruntime on one thread",
    }
    page = markdown(header, rows, rule)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    stem = args.eval_set.stem
    (args.out_dir / f"{stem}.md").write_text(page + "\n", encoding="utf-8")
    (args.out_dir / f"{stem}.json").write_text(json.dumps({"header": header, "designs": rows}, indent=2) + "\n")
    print(page)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
