"""The console's `/live`, `/ready` and `/metrics`, which alone carry the gauges read from the database (the
handoff queues and the outbox, bot/observability/gauges.py)."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.console.context import services
from bot.observability.gauges import DatabaseGauges
from bot.observability.metrics import exposition, may_scrape
from bot.observability.readiness import failures, report, store_checks
from bot.settings import get_settings


async def _live(_: Request) -> Response:
    return JSONResponse({"status": "alive"})


async def _ready(request: Request) -> Response:
    database = services(request).console.database
    checks = store_checks(get_settings(), database.engine.url.render_as_string(hide_password=False))
    status, body = report(await failures(checks))
    return JSONResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


async def _metrics(request: Request) -> Response:
    if not may_scrape(request.headers.get("Authorization"), get_settings().metrics_token.get_secret_value()):
        return JSONResponse({"error": "not authenticated"}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
    console = services(request).console
    gauges = DatabaseGauges(console.database, console.catalog.agencies, clock=console.clock)
    body, content_type = await asyncio.to_thread(exposition, [gauges])
    return Response(body, media_type=content_type)


routes = [Route("/live", _live), Route("/ready", _ready), Route("/metrics", _metrics)]
