"""Everything one report shows, gathered from One Door's database, the catalogue and Rasa's tracker store."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from bot.catalog import Catalog
from bot.db import Database
from bot.feedback import FeedbackLog
from bot.reports import helpfulness, standards
from bot.reports.helpfulness import Helpfulness
from bot.reports.standards import ServiceTimes, Timing
from bot.reports.trackers import TrackerStoreUnavailable, resident_messages
from bot.reports.volume import Volume, volume
from bot.reports.window import Window
from bot.themes import Theme, themes
from bot.unresolved import UnresolvedLog

TOP_THEMES = 10


class Totals(str, enum.Enum):
    """Where the fallback rate's denominator, every message residents sent, came from, or why it is missing."""

    TRACKER_STORE = "tracker_store"
    NOT_CONFIGURED = "not_configured"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class Report:
    city: str
    window: Window
    volume: Volume
    totals: Totals
    totals_problem: str
    themes: list[Theme]
    more_themes: int
    unthemed: int
    helpful_services: list[Helpfulness]
    helpful_agencies: list[Helpfulness]
    handoffs: list[ServiceTimes]
    handoff_breaches: list[Timing]
    cases: list[ServiceTimes]
    case_breaches: list[Timing]


def build_report(database: Database, catalog: Catalog, window: Window, trackers: str | None) -> Report:
    """Gather the window's figures; `trackers` is the tracker store's URL, None when there is none to read."""
    messages = [message for message in UnresolvedLog(database).since(window.start) if window.holds(message.at)]
    found = themes(messages)
    totals, problem, resident = Totals.NOT_CONFIGURED, "", None
    if trackers:
        try:
            resident, totals = resident_messages(trackers, window), Totals.TRACKER_STORE
        except TrackerStoreUnavailable as error:
            totals, problem = Totals.UNREADABLE, str(error)
    feedback = [item for item in FeedbackLog(database).since(window.start) if window.holds(item.at)]
    waits = standards.handoff_waits(database, catalog, window)
    resolutions = standards.case_resolutions(database, catalog, window)
    return Report(
        city=catalog.city.name,
        window=window,
        volume=volume(messages, window, resident, catalog.city.languages[0]),
        totals=totals,
        totals_problem=problem,
        themes=found[:TOP_THEMES],
        more_themes=max(len(found) - TOP_THEMES, 0),
        unthemed=len(messages) - sum(theme.count for theme in found),
        helpful_services=helpfulness.by_service(feedback, catalog),
        helpful_agencies=helpfulness.by_agency(feedback, catalog),
        handoffs=standards.per_service(waits),
        handoff_breaches=standards.breaches(waits),
        cases=standards.per_service(resolutions),
        case_breaches=standards.breaches(resolutions),
    )
