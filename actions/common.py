"""What every action needs: the catalogue and the database, opened once per action server, and the latest
message."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rasa_sdk import Tracker

from bot.cases import CaseStore
from bot.catalog import Catalog, load_catalog
from bot.db import Database, make_engine
from bot.i18n.catalog import translate_catalog
from bot.language import LANGUAGE_GUESS_SLOT, LANGUAGE_SLOT, reply_language
from bot.queues import Queues
from bot.rate_limits import RateLimits
from bot.settings import get_settings


@lru_cache(maxsize=8)
def catalog(language: str | None = None) -> Catalog:
    """The catalogue, in `language` when the city enables it (its own language when None)."""
    catalog_dir = get_settings().catalog_dir
    english = load_catalog(catalog_dir)
    return translate_catalog(english, catalog_dir, language) if language else english


def resident_catalog(tracker: Tracker) -> Catalog:
    """The catalogue in the language of the resident's conversation."""
    return catalog(resident_language(tracker))


def resident_language(tracker: Tracker) -> str | None:
    """The conversation's language; None until a message has shown one (the city's own language)."""
    return reply_language(tracker.get_slot(LANGUAGE_SLOT), tracker.get_slot(LANGUAGE_GUESS_SLOT))


@lru_cache(maxsize=1)
def database() -> Database:
    return Database(make_engine(get_settings().database_url))


@lru_cache(maxsize=1)
def rate_limits() -> RateLimits:
    """The action server's limits (case look-ups, hand-offs), in the Redis the Rasa replicas share when one is
    configured."""
    return RateLimits.from_settings(get_settings())


def case_store() -> CaseStore:
    return CaseStore(database())


def queues() -> Queues:
    return Queues(database())


def latest_text(tracker: Tracker) -> str:
    return str(tracker.latest_message.get("text") or "")


def intent_ranking(tracker: Tracker) -> list[tuple[str, float]]:
    ranking: list[dict[str, Any]] = tracker.latest_message.get("intent_ranking") or []
    return [(str(item.get("name")), float(item.get("confidence") or 0.0)) for item in ranking]


def heard_intents(tracker: Tracker) -> list[str | None]:
    """The intent heard in each of the resident's messages in this conversation, oldest first."""
    return [
        ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        for event in tracker.events
        if event.get("event") == "user"
    ]


def resident_said(tracker: Tracker) -> list[str]:
    """What the resident wrote in this conversation, oldest first."""
    return [str(event.get("text")) for event in tracker.events if event.get("event") == "user" and event.get("text")]
