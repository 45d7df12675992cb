"""Score a trained model on the held-out examples in tests/nlu/holdout.yml.

Rasa's own `rasa test nlu` reports accuracy against the raw intents; this adds what the product needs to
know: how many real questions end in the rephrase prompt, and how many out-of-scope messages are caught.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections import Counter
from pathlib import Path

import yaml
from rasa.core.agent import Agent
from rasa.model import get_local_model
from sklearn.metrics import f1_score

UNRESOLVED = {"out_of_scope", "nlu_fallback"}


def read_examples(path: Path) -> list[tuple[str, str]]:
    """(text, intent) pairs from a Rasa NLU YAML file without annotations."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        (line.strip()[2:].strip(), block["intent"])
        for block in data["nlu"]
        for line in block["examples"].splitlines()
        if line.strip().startswith("- ")
    ]


async def predict(model: str, texts: list[str]) -> list[str]:
    agent = Agent.load(model)
    return [(await agent.parse_message(text))["intent"]["name"] for text in texts]


def score(expected: list[str], predicted: list[str]) -> dict[str, object]:
    """Accuracy counts nlu_fallback as wrong for an in-scope message and as right for out_of_scope."""
    in_scope = [(e, p) for e, p in zip(expected, predicted) if e != "out_of_scope"]
    out_scope = [p for e, p in zip(expected, predicted) if e == "out_of_scope"]
    credited = [p if not (e == "out_of_scope" and p in UNRESOLVED) else e for e, p in zip(expected, predicted)]
    labels = sorted(set(expected))
    per_intent = f1_score(expected, credited, labels=labels, average=None, zero_division=0)
    confusions = Counter((e, p) for e, p in zip(expected, credited) if e != p)
    return {
        "examples": len(expected),
        "accuracy": sum(e == p for e, p in zip(expected, credited)) / len(expected),
        "f1_macro": float(f1_score(expected, credited, labels=labels, average="macro", zero_division=0)),
        "in_scope_accuracy": sum(e == p for e, p in in_scope) / len(in_scope),
        "in_scope_to_fallback": sum(p in UNRESOLVED for _, p in in_scope) / len(in_scope),
        "out_of_scope_caught": sum(p in UNRESOLVED for p in out_scope) / max(len(out_scope), 1),
        "worst_intents": sorted(zip(labels, map(float, per_intent)), key=lambda pair: pair[1])[:10],
        "top_confusions": [f"{e} -> {p}: {n}" for (e, p), n in confusions.most_common(15)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models", help="model file or directory of models")
    parser.add_argument("--holdout", type=Path, default=Path("tests/nlu/holdout.yml"))
    parser.add_argument("--out", type=Path, default=Path("reports/holdout.json"))
    args = parser.parse_args()
    examples = read_examples(args.holdout)
    predicted = asyncio.run(predict(get_local_model(args.model), [text for text, _ in examples]))
    result = score([intent for _, intent in examples], predicted)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
