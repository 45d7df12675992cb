"""Score a trained model on an evaluation set: the frozen independent dev set (tests/nlu/dev.yml) by default.

`make eval` writes the full report (per-intent F1, confusion pairs, the calibration curve, parse times) to
`reports/`. tests/nlu/test_dev_gate.py holds the same figures to the floors the project has reached.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.nlu_scores import Heard, score  # noqa: E402

DEV_SET = ROOT / "tests" / "nlu" / "dev.yml"
SPANISH_DEV_SET = ROOT / "tests" / "nlu" / "es" / "dev.yml"
HOLDOUT = ROOT / "tests" / "nlu" / "holdout.yml"
MODEL = ROOT / "models" / "one-door.tar.gz"


def read_examples(path: Path) -> list[tuple[str, str]]:
    """(text, intent) pairs from the dev set (`examples: [{text, intent, ...}]`) or a Rasa NLU YAML file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "examples" in data:
        return [(item["text"], item["intent"]) for item in data["examples"]]
    return [
        (line.strip()[2:].strip(), block["intent"])
        for block in data["nlu"]
        for line in block["examples"].splitlines()
        if line.strip().startswith("- ")
    ]


async def hear(model: Path, texts: list[str]) -> list[Heard]:
    """Parse every text with the model, one at a time as a resident's messages arrive, timing each parse."""
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    # Rasa logs every parse with its text at debug level; an evaluation must print figures, never the frozen
    # sets' messages, or whoever runs it has read the set.
    configure_structlog(logging.WARNING)
    logging.getLogger("rasa").setLevel(logging.WARNING)
    agent = Agent.load(str(model))
    heard = []
    for text in texts:
        started = time.perf_counter()
        parsed = await agent.parse_message(text)
        elapsed = time.perf_counter() - started
        ranking = tuple(
            (entry["name"], float(entry["confidence"]))
            for entry in parsed.get("intent_ranking", [])
            if entry["name"] != "nlu_fallback"
        )
        heard.append(Heard(parsed["intent"]["name"], ranking, elapsed))
    return heard


def evaluate(model: Path, examples: list[tuple[str, str]]) -> dict[str, object]:
    heard = asyncio.run(hear(model, [text for text, _ in examples]))
    return score([intent for _, intent in examples], heard)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--set", type=Path, default=DEV_SET, help="the evaluation set")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "dev.json")
    args = parser.parse_args()
    result = evaluate(args.model, read_examples(args.set))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    summary = {key: value for key, value in result.items() if key not in {"per_intent_f1", "calibration"}}
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
