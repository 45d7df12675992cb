from __future__ import annotations

import pytest

from bot.catalog import Catalog
from bot.routing import NextStep, contact_center, likely_services, route


@pytest.mark.parametrize(
    ("intent", "agency", "next_step"),
    [
        ("collection_schedule", "sanitation", NextStep.NOTHING),
        ("pothole_report", "public_works", NextStep.FILE_CASE),
        ("tenant_rights", "housing", NextStep.TALK_TO_STAFF),
        ("jury_duty", "municipal_court", NextStep.NOTHING),
    ],
)
def test_route_sends_a_service_to_its_agency(catalog: Catalog, intent: str, agency: str, next_step: NextStep) -> None:
    found = route(catalog, intent)
    assert found is not None
    assert (found.service.id, found.agency.id, found.next_step) == (intent, agency, next_step)


@pytest.mark.parametrize("intent", ["greet", "out_of_scope", "nlu_fallback", "emergency", ""])
def test_route_ignores_intents_that_are_no_service(catalog: Catalog, intent: str) -> None:
    assert route(catalog, intent) is None


def test_contact_center_owns_unrouted_questions(catalog: Catalog) -> None:
    assert contact_center(catalog).name == "311 Contact Center"


def test_likely_services_are_the_best_two_services_skipping_other_intents(catalog: Catalog) -> None:
    ranking = [("greet", 0.05), ("water_bill", 0.2), ("nlu_fallback", 0.9), ("water_outage", 0.25), ("sewer_backup", 0.1)]
    assert [s.id for s in likely_services(catalog, ranking)] == ["water_outage", "water_bill"]


def test_likely_services_may_be_fewer_than_two(catalog: Catalog) -> None:
    assert likely_services(catalog, [("greet", 0.4), ("out_of_scope", 0.3)]) == []
