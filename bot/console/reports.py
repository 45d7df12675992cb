"""The console's reports page: the report's main charts, from the same figures as `python -m bot report`."""

from __future__ import annotations

import asyncio
import base64
import tempfile
from datetime import timedelta
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.catalog import Catalog
from bot.console.context import page, services
from bot.console.sessions import OWNERS, require
from bot.db import Database
from bot.reports.charts import draw_charts
from bot.reports.report import Report, build_report
from bot.reports.window import Window
from bot.settings import get_settings, now
from bot.staff import StaffMember

# What each chart shows, for its heading and its text alternative.
CHART_TITLES = {
    "by_day": "Unresolved messages per day",
    "by_channel": "Unresolved messages by channel",
    "themes": "Top unresolved themes",
    "helpfulness": "Helpfulness by agency",
    "handoffs": "Handoff waits against the service standard",
    "cases": "Case resolution times against the service standard",
}


def charts_for(database: Database, catalog: Catalog, days: int) -> tuple[Report, list[tuple[str, str]]]:
    """The report of the last `days` days and its charts as (title, PNG data URI) pairs."""
    end = now()
    report = build_report(database, catalog, Window(end - timedelta(days=days), end, catalog.city.timezone),
                          get_settings().trackers())
    with tempfile.TemporaryDirectory(prefix="onedoor-charts-") as folder:
        files = draw_charts(report, Path(folder))
        images = [
            (CHART_TITLES[key], "data:image/png;base64," + base64.b64encode((Path(folder) / name).read_bytes()).decode())
            for key, name in files.items()
        ]
    return report, images


@require(OWNERS)
async def reports(request: Request, member: StaffMember) -> Response:
    requested = request.query_params.get("days", "")
    days = min(max(int(requested), 1), 366) if requested.isdigit() else 30
    found = services(request)
    report, charts = await asyncio.to_thread(charts_for, found.console.database, found.catalog, days)
    return page(request, "reports.html", report=report, charts=charts, days=days)


routes = [Route("/reports", reports)]
