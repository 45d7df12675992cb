"""Labelled examples: Rasa NLU YAML for training (and the holdout smoke run), JSONL for evaluation sets."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

# `[Elm St](street)` or `[Elm St]{"entity": "street"}` keeps only `Elm St`, as Rasa's reader does.
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


@dataclass(frozen=True)
class Example:
    """One message and the intent it is labelled with."""

    text: str
    intent: str


def strip_annotations(text: str) -> str:
    """Drop Rasa's entity markup from an example, leaving the words a resident would type."""
    return _ANNOTATION.sub(r"\1", text).strip()


def read_rasa_yaml(path: Path) -> list[Example]:
    """Intent examples from one Rasa NLU YAML file; synonyms, lookups and regexes are ignored."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        Example(strip_annotations(line.strip()[2:]), block["intent"])
        for block in data.get("nlu", [])
        if "intent" in block
        for line in block.get("examples", "").splitlines()
        if line.strip().startswith("- ")
    ]


def read_jsonl(path: Path) -> list[Example]:
    """Examples from JSON lines of the form {"text": ..., "intent": ...}; blank lines are skipped."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Example(row["text"], row["intent"]) for row in rows]


def read_training(folders: list[Path]) -> list[Example]:
    """Every intent example under the folders, sub-folders included as `rasa train` reads them, in a stable order.

    `data/nlu` alone is the production model (every language); `data/nlu/es` alone is a Spanish-only model, the
    per-language design of ADR 0014.
    """
    return [
        example
        for folder in folders
        for path in sorted(folder.rglob("*.yml") if folder.is_dir() else [folder])
        for example in read_rasa_yaml(path)
    ]


def read_eval(path: Path) -> list[Example]:
    """An evaluation set: JSONL, Rasa NLU YAML, or the dev set's YAML (`examples: [{text, intent}]`)."""
    if path.suffix not in {".yml", ".yaml"}:
        return read_jsonl(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if "examples" in data:
        return [Example(item["text"], item["intent"]) for item in data["examples"]]
    return read_rasa_yaml(path)
