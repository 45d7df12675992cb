"""Turn catalogue entries into the values that fill the assistant's reply templates."""

from __future__ import annotations

from bot import hours
from bot.catalog import Agency, Catalog, Service


def contact_line(agency: Agency) -> str:
    """How to reach an agency, on one line."""
    return f"{agency.phone}, {agency.email}"


def agency_fields(agency: Agency) -> dict[str, str]:
    """Template values describing an agency."""
    return {
        "agency": agency.name,
        "contact": contact_line(agency),
        "address": agency.address,
        "hours": hours.describe(agency.hours),
        "website": agency.website,
    }


def service_fields(service: Service, agency: Agency) -> dict[str, str]:
    """Template values for a service's answer: what it is, what to bring, cost, where, when and the standard."""
    return {
        **agency_fields(agency),
        "title": service.title,
        "answer": service.answer,
        "bring": "; ".join(service.bring),
        "fees": service.fees,
        "where": service.online or service.in_person or agency.address,
        "standard": service.standard.promise,
    }


def help_menu(catalog: Catalog) -> str:
    """One line per agency that owns services: its name and what it looks after."""
    return "\n".join(
        f"{agency.name}: {agency.summary}" for agency in catalog.agencies.values() if catalog.services_of(agency.id)
    )
