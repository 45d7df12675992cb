"""The staff console's web app (Starlette, Jinja2 templates): one module of routes per area, put together here
with the session cookie, the security headers and the static files."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from bot.console import audit_pages, case_media, case_pages, handoffs, reports, signin, staff_pages, supervision, triage
from bot.console import alerts, live, ops, queue_page
from bot.console.context import Console, Services
from bot.console.headers import STATIC_PREFIX, SecurityHeaders

__all__ = ["Console", "create_app", "cookie_name"]

STATIC = Path(__file__).resolve().parent / "static"


def cookie_name(secure: bool) -> str:
    """The session cookie's name; over HTTPS the `__Host-` prefix makes browsers refuse it from any subdomain."""
    return "__Host-onedoor-console" if secure else "onedoor-console"


def create_app(console: Console) -> Starlette:
    routes = [
        *signin.routes,
        *queue_page.routes,
        *live.routes,
        *alerts.routes,
        *supervision.routes,
        *handoffs.routes,
        *case_pages.routes,
        *case_media.routes,
        *staff_pages.routes,
        *audit_pages.routes,
        *triage.routes,
        *reports.routes,
        *ops.routes,
        Mount(STATIC_PREFIX.rstrip("/"), StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(
            SessionMiddleware, secret_key=console.secret, session_cookie=cookie_name(console.secure_cookies),
            same_site="strict", https_only=console.secure_cookies, max_age=console.session_hours * 60 * 60,
        ),
    ]
    app = Starlette(routes=routes, middleware=middleware)
    app.state.services = Services(console)
    return app
