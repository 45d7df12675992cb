"""Fitting replies to a channel: long text split where a reader expects a break, buttons as a numbered list."""

from __future__ import annotations

import re

from bot.messaging.contacts import Choice

# Preferred places to break, best first: a paragraph, a line, a sentence, a word.
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))
# Applied to stripped text; no two runs of spaces touch, so a reply of 100 kB of spaces is rejected in linear time.
_NUMBER = re.compile(r"(?:#\s*)?(\d{1,2})\s*[.)]?")


def split_text(text: str, limit: int) -> list[str]:
    """Parts of at most `limit` characters, broken at the best boundary in each part's second half.

    Only a word longer than the limit (a long link) is cut inside itself.
    """
    parts: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = _best_break(rest, limit)
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not parts:
        parts.append(rest)
    return parts


def _best_break(text: str, limit: int) -> int:
    window = text[: limit + 1]
    for pattern in _BREAKS:
        ends = [match.end() for match in pattern.finditer(window) if limit // 2 <= match.start() <= limit]
        if ends:
            return min(ends[-1], limit)
    return limit


def numbered(text: str, choices: list[Choice], prompt: str) -> str:
    """The text followed by the choices, one per line, numbered from 1, and `prompt` (in the reply's language)."""
    if not choices:
        return text
    lines = [f"{number}. {choice.title}" for number, choice in enumerate(choices, start=1)]
    return "\n".join([text, "", *lines, prompt])


def chosen(reply: str, choices: list[Choice]) -> Choice | None:
    """The choice a reply names by its number ("2", "2.", "#2") or by its exact title; None otherwise."""
    match = _NUMBER.fullmatch(reply.strip())
    if match:
        index = int(match.group(1)) - 1
        return choices[index] if 0 <= index < len(choices) else None
    wanted = reply.strip().casefold()
    return next((choice for choice in choices if choice.title.casefold() == wanted), None)
