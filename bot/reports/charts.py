"""The report's charts, drawn with matplotlib's Agg renderer into PNG files beside the HTML.

Figures are built with the object API rather than pyplot, so no global backend or figure state is touched and
the charts can be drawn from any process, the console's included.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import cycle
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.reports.report import Report
from bot.reports.standards import ServiceTimes
from bot.unresolved import UnresolvedKind

# Okabe and Ito's palette, which readers with any common colour-vision deficiency can tell apart.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
BREACH_COLOUR = "#D55E00"
MET_COLOUR = "#009E73"
LABEL_LENGTH = 40
_KIND_NAMES = {UnresolvedKind.FALLBACK: "not understood", UnresolvedKind.OUT_OF_SCOPE: "out of scope",
               UnresolvedKind.NOT_HELPFUL: "answer did not help"}


def draw_charts(report: Report, out: Path) -> dict[str, str]:
    """Write every chart into `out`; returns each chart's file name by its key in the templates."""
    charts: dict[str, tuple[str, Callable[[Report, Axes], None]]] = {
        "by_day": ("unresolved-by-day.png", _by_day),
        "by_channel": ("unresolved-by-channel.png", _by_channel),
        "themes": ("unresolved-themes.png", _themes),
        "helpfulness": ("helpfulness-by-agency.png", _helpfulness),
        "handoffs": ("handoff-waits.png", lambda r, axes: _within_standard(r.handoffs, axes)),
        "cases": ("case-resolution-times.png", lambda r, axes: _within_standard(r.cases, axes)),
    }
    for name, draw in charts.values():
        figure = Figure(figsize=(8, 4), dpi=100)
        draw(report, figure.subplots())
        figure.tight_layout()
        # No "Software" entry: the same data then gives byte-identical files.
        figure.savefig(out / name, format="png", metadata={"Software": None})
    return {key: name for key, (name, _) in charts.items()}


def _by_day(report: Report, axes: Axes) -> None:
    days = [day.strftime("%d %b") for day in report.volume.days]
    bottom = [0] * len(days)
    for colour, (channel, counts) in zip(cycle(PALETTE), report.volume.per_day.items()):
        axes.bar(days, counts, bottom=bottom, label=channel, color=colour)
        bottom = [below + count for below, count in zip(bottom, counts)]
    axes.set_ylabel("unresolved messages")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xticks(range(0, len(days), max(len(days) // 10, 1)))
    _legend_or_empty(axes, bool(report.volume.per_day))


def _by_channel(report: Report, axes: Axes) -> None:
    channels = [channel.channel for channel in report.volume.channels]
    left = [0] * len(channels)
    for colour, kind in zip(cycle(PALETTE), UnresolvedKind):
        counts = [channel.by_kind.get(kind, 0) for channel in report.volume.channels]
        axes.barh(channels, counts, left=left, label=_KIND_NAMES[kind], color=colour)
        left = [before + count for before, count in zip(left, counts)]
    axes.invert_yaxis()
    axes.set_xlabel("unresolved messages")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    _legend_or_empty(axes, report.volume.total > 0)


def _themes(report: Report, axes: Axes) -> None:
    axes.barh([_short(theme.label) for theme in report.themes], [theme.count for theme in report.themes],
              color=PALETTE[0])
    axes.invert_yaxis()
    axes.set_xlabel("messages")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    _note_if_empty(axes, bool(report.themes))


def _helpfulness(report: Report, axes: Axes) -> None:
    rows = report.helpful_agencies
    axes.barh([_short(row.name) for row in rows], [100 * row.share for row in rows], color=PALETTE[2])
    for position, row in enumerate(rows):
        axes.annotate(f" {row.helpful}/{row.total}", (100 * row.share, position), va="center", fontsize=8)
    axes.set_xlim(0, 115)
    axes.invert_yaxis()
    axes.set_xlabel("% of answers residents said helped")
    _note_if_empty(axes, bool(rows))


def _within_standard(summaries: Sequence[ServiceTimes], axes: Axes) -> None:
    """The share of each service's handoffs or cases within its standard; services without one are left out."""
    rows = [row for row in summaries if row.standard is not None]
    shares = [100 * (row.count - row.breaches) / row.count for row in rows]
    axes.barh([_short(row.service) for row in rows], shares,
              color=[BREACH_COLOUR if row.breaches else MET_COLOUR for row in rows])
    for position, row in enumerate(rows):
        axes.annotate(f" {row.breaches} breached" if row.breaches else " all met", (shares[position], position),
                      va="center", fontsize=8)
    axes.set_xlim(0, 125)
    axes.invert_yaxis()
    axes.set_xlabel("% within the service standard")
    _note_if_empty(axes, bool(rows))


def _legend_or_empty(axes: Axes, has_data: bool) -> None:
    if has_data:
        axes.legend(fontsize=8)
    _note_if_empty(axes, has_data)


def _note_if_empty(axes: Axes, has_data: bool) -> None:
    if not has_data:
        axes.text(0.5, 0.5, "nothing in this period", ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()


def _short(text: str) -> str:
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1] + "…"
