"""The web chat page and the widget's words in the resident's language.

The page's language comes from the `lang` the widget passes (the host page's, or the resident's choice) and
must be one the city enables; anything else gets the city's own. Its words are data
(channels/static/i18n/<code>.json), so a city adding a language adds a file, not code.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.language import enabled_language

STRINGS_DIR = Path(__file__).resolve().parent / "static" / "i18n"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def page_language(requested: str | None, enabled: list[str]) -> str:
    """The enabled language `requested` names ("es", "es-US", "ES"), or the city's own."""
    return enabled_language(requested, enabled) or enabled[0]


@lru_cache(maxsize=8)
def strings(language: str) -> dict[str, str]:
    """The web chat's and widget's words in `language`."""
    return json.loads((STRINGS_DIR / f"{language}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _templates() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html"]))


def render_page(language: str) -> str:
    """The chat page, its labels and the words its script shows, in `language`."""
    return _templates().get_template("chat.html").render(lang=language, strings=strings(language))
