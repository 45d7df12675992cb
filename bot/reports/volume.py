"""Unresolved volume per day, per channel and per language, and each channel's fallback rate where it can be
computed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.language import language_name
from bot.reports.window import Window
from bot.unresolved import Unresolved, UnresolvedKind


@dataclass(frozen=True)
class ChannelVolume:
    """One channel's unresolved messages by kind, beside every message residents sent on it.

    `resident_messages` comes from Rasa's tracker store and is None when that could not be read. The fallback
    rate is fallback messages over resident messages: the share of what residents sent that the classifier
    was not confident enough to answer.
    """

    channel: str
    by_kind: Mapping[UnresolvedKind, int]
    resident_messages: int | None

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    def rate(self, kind: UnresolvedKind) -> float | None:
        """Messages of this kind per resident message; None when the total is unknown or zero."""
        if not self.resident_messages:
            return None
        return self.by_kind.get(kind, 0) / self.resident_messages


@dataclass(frozen=True)
class Volume:
    """Unresolved messages per day for each channel (`per_day[channel][i]` is on `days[i]`), and per channel."""

    days: list[date]
    per_day: dict[str, list[int]]
    channels: list[ChannelVolume]
    # Unresolved messages by the resident's language (its name in itself), largest first: each language's
    # owner reviews and trains its own.
    languages: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(channel.total for channel in self.channels)


def volume(
    messages: Sequence[Unresolved], window: Window, resident: Mapping[str, int] | None, own_language: str = "en"
) -> Volume:
    """Count the window's unresolved messages by day, channel and language; `resident` is None when totals are
    unknown, and a message recorded without a language is in the city's own (`own_language`).

    Channels are ordered by unresolved volume, largest first; a channel with resident messages but nothing
    unresolved is listed too, with a rate of zero.
    """
    days = window.days()
    position = {day: index for index, day in enumerate(days)}
    per_day: dict[str, list[int]] = {}
    kinds: dict[str, Counter[UnresolvedKind]] = {}
    for message in messages:
        per_day.setdefault(message.channel, [0] * len(days))[position[window.day_of(message.at)]] += 1
        kinds.setdefault(message.channel, Counter())[message.kind] += 1
    names = set(kinds) | set(resident or {})
    channels = [
        ChannelVolume(name, dict(kinds.get(name, {})), None if resident is None else resident.get(name, 0))
        for name in names
    ]
    channels.sort(key=lambda channel: (-channel.total, channel.channel))
    languages = Counter(language_name(message.language or own_language) for message in messages)
    return Volume(days, {name: per_day[name] for name in sorted(per_day)}, channels, languages.most_common())
