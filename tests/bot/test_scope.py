from __future__ import annotations

import pytest

from bot import scope
from bot.catalog import Catalog


@pytest.mark.parametrize(
    ("service_id", "said", "topic"),
    [
        ("park_maintenance", "the bench by the pond is broken", "broken benches"),
        ("snow_removal", "the man next door never clears his walk", "neighbor never clears their sidewalk"),
        ("rodent_pest_report", "rats in the alley behind my building", "rats in the street or alley"),
        ("hazardous_waste_disposal", "where do old batteries go", "old batteries"),
    ],
)
def test_the_sub_topic_the_resident_named_comes_first(catalog: Catalog, service_id: str, said: str, topic: str) -> None:
    service = catalog.services[service_id]
    assert scope.covered_topics(service, said)[0] == topic
    assert scope.summary(service, said).startswith(topic)


def test_without_words_the_summary_is_the_catalogues_first_sub_topics(catalog: Catalog) -> None:
    service = catalog.services["park_maintenance"]
    assert scope.summary(service, None) == ", ".join(service.scope.covers[:4])


@pytest.mark.parametrize(
    ("service_id", "said", "other"),
    [
        ("rodent_pest_report", "rats in my apartment, landlord won't do anything", "housing_repair_complaint"),
        ("parking_ticket_payment", "this ticket is wrong, I think", "parking_ticket_dispute"),
        ("bulk_item_pickup", "old paint and some chemicals from the garage", "hazardous_waste_disposal"),
        ("sidewalk_repair", "snow on the sidewalk that nobody cleared", "snow_removal"),
    ],
)
def test_words_that_fit_an_excluded_neighbour_point_to_it(
    catalog: Catalog, service_id: str, said: str, other: str
) -> None:
    found = scope.redirect(catalog.services[service_id], said)
    assert found is not None and found.service == other


def test_words_the_service_covers_are_not_sent_elsewhere(catalog: Catalog) -> None:
    assert scope.redirect(catalog.services["rodent_pest_report"], "rats in the park by the playground") is None
