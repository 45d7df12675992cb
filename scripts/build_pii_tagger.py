"""Train the PII sequence tagger (bot/pii/tagger.py) from the committed, retired sets into build/.

Run by `make install` (about half a minute of CPU): every retired author's realistic and clean-civic sets in
tests/pii/tuning/ and the seeded corpus. The frozen yardstick (tests/pii/realistic.jsonl, clean-civic.jsonl) is
never read. Each token is labelled with the kind of the item it overlaps (every whole-word occurrence, as
scripts/eval_pii.py scores them), else O.

Usage: .venv/bin/python scripts/build_pii_tagger.py build/pii-tagger.crfsuite
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pycrfsuite  # noqa: E402

from bot.pii.tagger_features import features, tokens  # noqa: E402
from scripts.eval_pii import CORPUS, TUNING, _occurrences  # noqa: E402

# L1 keeps the model small (most of a million candidate features drop out); 100 L-BFGS passes converge.
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}


def training_sets() -> list[Path]:
    """The seeded corpus and every retired set: the sets in tuning/ only, never the frozen yardstick."""
    return [CORPUS, *sorted(TUNING.glob("*.jsonl"))]


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def labelled(row: dict) -> tuple[list[list[str]], list[str]]:
    """A message's token features and gold labels (the kind of the item a token overlaps, else O)."""
    text = row["text"]
    toks = tokens(text)
    places = [(item["kind"], start, end) for item in row["pii"] for start, end in _occurrences(item["value"], text)]
    labels = [next((kind for kind, start, end in places if tok.start < end and start < tok.end), "O") for tok in toks]
    return features(text, toks), labels


def train(paths: Iterable[Path], model: Path) -> int:
    """Train on every message of `paths` and write the model to `model`; the number of messages."""
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for path in paths:
        for row in records(path):
            trainer.append(*labelled(row))
            count += 1
    trainer.set_params(PARAMS)
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))
    return count


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "pii-tagger.crfsuite"
    started = time.process_time()
    count = train(training_sets(), target)
    print(f"{target}: trained on {count} messages in {time.process_time() - started:.0f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
