from __future__ import annotations

from bot.answers import help_menu, service_fields
from bot.catalog import Catalog


def test_service_fields_fill_every_template_value_from_the_catalogue(catalog: Catalog) -> None:
    service = catalog.services["birth_certificate"]
    agency = catalog.owner("birth_certificate")
    fields = service_fields(service, agency)
    assert fields["answer"] == service.answer
    assert fields["bring"] == "; ".join(service.bring)
    assert fields["fees"] == service.fees
    assert fields["standard"] == service.standard.promise
    assert fields["agency"] == "City Clerk and Vital Records"
    assert fields["where"] == (service.online or service.in_person or agency.address)
    assert agency.phone in fields["contact"]
    assert all(value for value in fields.values())


def test_help_menu_lists_each_agency_with_services_once(catalog: Catalog) -> None:
    lines = help_menu(catalog).splitlines()
    assert len(lines) == 15  # every agency but the Contact Center, which owns no service of its own
    assert lines[0].startswith("Public Works: ")
