"""Decide where a recognised need goes: answered here, filed as a case, or taken by an agency's staff."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from bot.catalog import CONTACT_CENTER, Agency, Catalog, Kind, Service


class NextStep(enum.Enum):
    """What the assistant does after it has given a service's answer."""

    NOTHING = "nothing"
    FILE_CASE = "file_case"
    TALK_TO_STAFF = "talk_to_staff"


_NEXT_STEP = {Kind.INFO: NextStep.NOTHING, Kind.REQUEST: NextStep.FILE_CASE, Kind.STAFF: NextStep.TALK_TO_STAFF}


@dataclass(frozen=True)
class Route:
    """A service together with the agency that owns it and what happens after the answer."""

    service: Service
    agency: Agency
    next_step: NextStep


def route(catalog: Catalog, intent: str) -> Route | None:
    """Route a recognised intent to its service and owning agency; None when the intent is no service."""
    service = catalog.service(intent)
    if service is None:
        return None
    return Route(service=service, agency=catalog.owner(service.id), next_step=_NEXT_STEP[service.kind])


def contact_center(catalog: Catalog) -> Agency:
    """The agency that owns every question no other agency owns."""
    return catalog.agencies[CONTACT_CENTER]


def likely_services(catalog: Catalog, ranking: list[tuple[str, float]], limit: int = 2) -> list[Service]:
    """The most likely services in an intent ranking, best first, skipping intents that are no service.

    The ranking after a low-confidence message still holds the classifier's guesses; offering the best two
    lets the resident pick instead of rephrasing from scratch.
    """
    ordered = sorted(ranking, key=lambda pair: pair[1], reverse=True)
    services = [s for s in (catalog.service(intent) for intent, _ in ordered) if s is not None]
    return services[:limit]
