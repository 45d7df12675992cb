"""Write a report into one folder: an HTML page with PNG charts, and a Markdown summary.

Residents wrote the messages the report quotes, so every quoted text is escaped: Jinja2 autoescapes the
HTML, and the `md` filter escapes what Markdown would read as markup or raw HTML.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.reports.charts import draw_charts
from bot.reports.report import Report, Totals
from bot.unresolved import UnresolvedKind

TEMPLATES = Path(__file__).parent / "templates"
PAGES = ("report.html", "report.md")
_MARKDOWN_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]|~#&<>]")


def write_report(report: Report, out: Path) -> list[Path]:
    """Write the charts, `report.html` and `report.md` into `out` (created if missing); returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    charts = draw_charts(report, out)
    environment = _environment(report.window.city_timezone)
    for page in PAGES:
        text = environment.get_template(page).render(
            report=report, charts=charts, Totals=Totals, UnresolvedKind=UnresolvedKind
        )
        (out / page).write_text(text, encoding="utf-8")
    return [out / name for name in charts.values()] + [out / page for page in PAGES]


def _environment(city_timezone: str) -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    zone = ZoneInfo(city_timezone)
    environment.filters.update(
        md=markdown_text,
        duration=duration,
        percent=percent,
        local=lambda moment: moment.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
    )
    return environment


def markdown_text(text: object) -> str:
    """Text as Markdown shows it literally, on one line: no emphasis, link, table cell break or raw HTML."""
    flat = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(lambda m: _MARKDOWN_ENTITIES.get(m.group(), "\\" + m.group()), flat)


def duration(span: timedelta | None) -> str:
    """A span in its two largest units, `2 d 3 h`, `4 h`, `35 min`; a dash for none."""
    if span is None:
        return "—"
    minutes = max(int(span.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{value} {unit}" for value, unit in ((days, "d"), (hours, "h"), (minutes, "min")) if value]
    return " ".join(parts[:2]) or "0 min"


def percent(share: float | None) -> str:
    return "—" if share is None else f"{100 * share:.1f}%"
