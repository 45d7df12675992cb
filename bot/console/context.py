"""What every area of the staff console shares: its dependencies, page rendering and the client's address."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from bot import resident_notices
from bot.audit import AuditLog
from bot.case_work import CaseWork
from bot.breach_alerts import BreachAlerts, pager_for
from bot.breach_log import BreachLog
from bot.cases import CaseStore
from bot.catalog import Catalog
from bot.client_address import Network, client_address
from bot.clock import local_time
from bot.db import Database
from bot.handoff_work import HandoffWork
from bot.i18n.catalog import translate_catalog
from bot.integrations.media import Providers
from bot.integrations.rasa import RasaClient
from bot.language import language_name
from bot.live_events import follow_for
from bot.live_hub import LiveHub
from bot.open_alerts import OpenAlerts
from bot.queues import Queues
from bot.settings import get_settings, now
from bot.sign_in import SignIn, SignInThrottle
from bot.staff import StaffDirectory
from bot.staff_admin import StaffAdmin
from bot.staff_replies import Announcing
from bot.supervision import Supervision
from bot.triage import TriageInbox

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Console:
    """What the console works with; tests build one on their own database and Rasa.

    The fields after `secret` have the defaults of one machine; `python -m bot console` sets them from the
    settings, and tests inject a clock or a throttle they can inspect.
    """

    catalog: Catalog
    database: Database
    rasa: RasaClient
    secret: str
    clock: Callable[[], datetime] = now
    throttle: SignInThrottle = field(default_factory=SignInThrottle)
    trusted_proxies: tuple[Network, ...] = ()
    secure_cookies: bool = False
    idle_minutes: int = 30
    session_hours: int = 8
    # Where the console fetches case photos from (Twilio, Telegram) and with which credentials.
    media: Providers = field(default_factory=lambda: Providers.from_settings(get_settings()))


class Services:
    """The stores and use cases the console's routes call, built once per app."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.catalog = console.catalog
        self.templates = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
        # Every time a page shows is in the city's zone: `{{ moment | local }}`.
        self.templates.filters["local"] = partial(local_time, zone=ZoneInfo(console.catalog.city.timezone))
        # A resident's language by its name in itself: `{{ case.view.language | language }}` gives "Español".
        self.templates.filters["language"] = language_name
        self.queues = Queues(console.database)
        self.audit = AuditLog(console.database)
        self.staff = StaffDirectory(console.database)
        self.cases = CaseStore(console.database)
        self.inbox = TriageInbox(console.database)
        self.sign_in = SignIn(self.staff, self.audit, console.throttle)
        self.admin = StaffAdmin(self.staff, self.audit)
        self.supervision = Supervision(self.queues, self.staff, self.audit)
        # What staff send a resident reaches other members' open pages of the conversation too.
        notifier = Announcing(console.rasa, self.queues.note_message)
        self.case_work = CaseWork(self.cases, self.audit, notifier, console.catalog, self.catalog_in)
        self.handoff_work = HandoffWork(self.queues, self.audit, notifier, console.catalog, self.catalog_in)
        settings = get_settings()
        # The queue's colours and the alerts read the same clock, so a row turns red as its alert goes out.
        breaches = BreachLog(console.database)
        self.alerts = OpenAlerts(console.catalog, breaches, self.queues, self.audit)
        alerts = BreachAlerts(console.catalog, self.queues, breaches, pager_for(settings, console.catalog))
        self.hub = LiveHub(follow_for(settings, console.database), lambda: alerts.step(console.clock()),
                           settings.breach_check_seconds)

    def notice(self, name: str, language: str | None = None, **values: str) -> str:
        """A message to a resident, from its template in `templates/messages/`, in the resident's language."""
        return resident_notices.render(name, language, **values)

    def catalog_in(self, language: str | None) -> Catalog:
        """The catalogue in a resident's language, for the names a message to them carries."""
        return translate_catalog(self.catalog, get_settings().catalog_dir, language) if language else self.catalog


def services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A full console page; `me` is the member `require` let in, if any."""
    found = services(request)
    member = getattr(request.state, "member", None)
    html = found.templates.get_template(name).render(
        me=member, csrf=request.session.get("csrf", ""), catalog=found.catalog, **context
    )
    return HTMLResponse(html, status_code=status)


def error(request: Request, status: int, message: str) -> HTMLResponse:
    return page(request, "error.html", status=status, message=message)


def address_of(request: Request) -> str:
    """The client's address, through the proxies the settings trust."""
    forwarded = ",".join(request.headers.getlist("x-forwarded-for")) or None
    peer = request.client.host if request.client else None
    return client_address(peer, forwarded, services(request).console.trusted_proxies)
