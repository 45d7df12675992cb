"""Whether answers helped, per service and per agency, from the feedback residents gave."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.catalog import Catalog
from bot.feedback import Feedback


@dataclass(frozen=True)
class Helpfulness:
    """How many residents said a service's (or an agency's) answers helped, out of how many who answered."""

    name: str
    helpful: int
    total: int

    @property
    def share(self) -> float:
        return self.helpful / self.total


def by_service(feedback: Sequence[Feedback], catalog: Catalog) -> list[Helpfulness]:
    """Per service, named by its catalogue title (its id when the catalogue no longer has it)."""
    return _tally(feedback, lambda item: item.service_id, lambda key: _service_title(catalog, key))


def by_agency(feedback: Sequence[Feedback], catalog: Catalog) -> list[Helpfulness]:
    """Per agency, named as the catalogue names it (its id when the catalogue no longer has it)."""
    return _tally(feedback, lambda item: item.agency_id, lambda key: _agency_name(catalog, key))


def _tally(
    feedback: Sequence[Feedback], key: Callable[[Feedback], str], name: Callable[[str], str]
) -> list[Helpfulness]:
    """Rows with the most answers first, so that the figures that say most come first."""
    totals = Counter(key(item) for item in feedback)
    helpful = Counter(key(item) for item in feedback if item.helpful)
    rows = [Helpfulness(name(group), helpful[group], total) for group, total in totals.items()]
    return sorted(rows, key=lambda row: (-row.total, row.name))


def _service_title(catalog: Catalog, service_id: str) -> str:
    service = catalog.service(service_id)
    return service.title if service else service_id


def _agency_name(catalog: Catalog, agency_id: str) -> str:
    agency = catalog.agencies.get(agency_id)
    return agency.name if agency else agency_id
