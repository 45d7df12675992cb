"""The assistant's reply templates (domain.yml's `responses`) in a resident's language.

Only the words come from the translation: a variation's conditions, channel and button payloads are always the
English ones, so a translation cannot change what a button does or when a variation is chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.i18n.catalog import overlay_dir

RESPONSES_FILE = "responses.yml"
# Not `responses:`: Rasa reads every YAML file under data/ that has that key as part of the domain.
REPLIES_KEY = "replies"
Responses = dict[str, list[dict[str, Any]]]


def read_responses(catalog_dir: Path, language: str) -> Responses:
    """A language's translated responses; empty when it has none."""
    path = overlay_dir(catalog_dir, language) / RESPONSES_FILE
    if not path.exists():
        return {}
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(REPLIES_KEY) or {}


def _buttons(english: list[dict[str, Any]], translated: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(translated) != len(english):
        return english
    return [
        {**button, "title": words.get("title") or button.get("title")} for button, words in zip(english, translated)
    ]


def _variation(english: dict[str, Any], translated: dict[str, Any]) -> dict[str, Any]:
    merged = dict(english)
    if translated.get("text"):
        merged["text"] = translated["text"]
    if "buttons" in english:
        merged["buttons"] = _buttons(english["buttons"], translated.get("buttons") or [])
    return merged


def translate_responses(english: Responses, translated: Responses) -> Responses:
    """Every English response, its words replaced by the translation's wherever the translation has them.

    A response whose variations the translation does not mirror one for one stays English, so a missing or
    mis-shaped translation shows as English (and fails tests/i18n), never as a silent gap.
    """
    merged: Responses = {}
    for name, variations in english.items():
        words = translated.get(name) or []
        merged[name] = (
            [_variation(variation, word) for variation, word in zip(variations, words)]
            if len(words) == len(variations)
            else variations
        )
    return merged
