from __future__ import annotations

from bot.answers import help_menu, option_title, service_fields
from bot.catalog import Catalog


def test_service_fields_fill_every_template_value_from_the_catalogue(catalog: Catalog) -> None:
    service = catalog.services["birth_certificate"]
    agency = catalog.owner("birth_certificate")
    fields = service_fields(service, agency, catalog.phrases)
    assert fields["answer"] == service.answer
    assert fields["bring"] == "; ".join(service.bring)
    assert fields["fees"] == service.fees
    assert fields["standard"] == service.standard.promise
    assert fields["agency"] == "City Clerk and Vital Records"
    assert fields["where"] == (service.online or service.in_person or agency.address)
    assert fields["covers"] == ", ".join(service.scope.covers[:4])
    assert agency.phone in fields["contact"]
    assert all(value for value in fields.values())


def test_help_menu_lists_each_agency_with_services_once(catalog: Catalog) -> None:
    lines = help_menu(catalog).splitlines()
    assert len(lines) == 16  # every agency; the Contact Center now owns emergency preparedness
    assert lines[0].startswith("311 Contact Center: ")


def test_where_gives_the_impound_lot_address_beside_the_online_search(catalog: Catalog) -> None:
    fields = service_fields(catalog.services["towed_vehicle"], catalog.owner("towed_vehicle"), catalog.phrases)
    assert fields["where"].startswith(catalog.services["towed_vehicle"].online or "")
    assert "1200 Foundry Road" in fields["where"]


def test_covers_names_what_the_resident_asked_about_first(catalog: Catalog) -> None:
    service, agency = catalog.services["park_maintenance"], catalog.owner("park_maintenance")
    fields = service_fields(service, agency, catalog.phrases, "broken bench")
    assert fields["covers"].startswith("broken benches")


def test_an_offered_service_carries_the_sub_topic_the_resident_named(catalog: Catalog) -> None:
    service = catalog.services["park_maintenance"]
    assert option_title(service, "bench is broken") == f"{service.title} (broken benches)"
    assert option_title(service, "hello") == service.title
