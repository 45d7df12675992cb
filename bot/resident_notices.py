"""Messages sent to a resident about their handoff (a staff transfer, a resolution, a long wait), from the
templates in `bot/console/templates/messages/`, so that wording is edited without touching code."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

MESSAGES = Path(__file__).resolve().parent / "console" / "templates" / "messages"


@lru_cache(maxsize=1)
def _templates() -> Environment:
    # Plain text sent to residents' chats and SMS, never rendered as HTML; escaping would show "&amp;".
    return Environment(loader=FileSystemLoader(MESSAGES), autoescape=False)  # nosec B701


def render(name: str, language: str | None = None, **values: object) -> str:
    """The message `name` (a file in `messages/`) with `values` filled in, in `language` when it has a
    translation (`messages/<code>/`), else in the city's own."""
    # The first of these that exists: the translation, else the city's own wording.
    template = _templates().select_template([f"{language}/{name}", name] if language else [name])
    return template.render(**values).strip()
