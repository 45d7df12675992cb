"""Turn catalogue entries into the values that fill the assistant's reply templates."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot import hours, scope
from bot.cases import CaseView
from bot.catalog import Agency, Catalog, Service
from bot.i18n.phrases import Phrases

SMS_CHANNEL = "sms"


def contact_line(agency: Agency) -> str:
    """How to reach an agency, on one line."""
    return f"{agency.phone}, {agency.email}"


def agency_fields(agency: Agency, phrases: Phrases) -> dict[str, str]:
    """Template values describing an agency, in the language of `phrases`."""
    return {
        "agency": agency.name,
        "contact": contact_line(agency),
        "address": agency.address,
        "hours": hours.describe(agency.hours, phrases),
        "website": agency.website,
    }


def where(service: Service, agency: Agency) -> str:
    """Where to get the service: online and in person when it has both (a towed car is fetched from a lot)."""
    return "; ".join(place for place in (service.online, service.in_person) if place) or agency.address


def service_fields(service: Service, agency: Agency, phrases: Phrases, said: str | None = None) -> dict[str, str]:
    """Template values for a service's answer: what it covers, what to bring, cost, where, when and the standard.

    Args:
        said: the resident's words, so that the sub-topics they named come first in what the service covers.
    """
    return {
        **agency_fields(agency, phrases),
        "title": service.title,
        "answer": service.answer,
        "covers": scope.summary(service, said),
        "bring": "; ".join(service.bring),
        "fees": service.fees,
        "where": where(service, agency),
        "standard": service.standard.promise,
    }


def short_form(service: Service, channel: str | None) -> str | None:
    """The service's whole answer in two SMS segments, when the resident writes by SMS and the catalogue has one.

    Each segment costs the city money; the full answer with its details runs to five or six.
    """
    return service.sms_answer if channel == SMS_CHANNEL else None


def option_title(service: Service, said: str | None) -> str:
    """A service offered as a choice, with the sub-topic the resident named when there is one."""
    named = scope.covered_topics(service, said)
    return f"{service.title} ({named[0]})" if named else service.title


def help_menu(catalog: Catalog) -> str:
    """One line per agency that owns services: its name and what it looks after."""
    return "\n".join(
        f"{agency.name}: {agency.summary}" for agency in catalog.agencies.values() if catalog.services_of(agency.id)
    )


def local_date(moment: datetime, catalog: Catalog) -> str:
    """A date as residents of the city read it, in the city's time zone: `Nov 22, 2026`."""
    local = moment.astimezone(ZoneInfo(catalog.city.timezone))
    return catalog.phrases.date.format(month=catalog.phrases.months[local.month - 1], day=local.day, year=local.year)


def case_fields(case: CaseView, catalog: Catalog) -> dict[str, str]:
    """Template values for telling a resident where their case stands."""
    service = catalog.service(case.service_id)
    agency = catalog.agencies.get(case.agency_id)
    return {
        "reference": case.reference,
        "title": service.title if service else case.service_id,
        "agency": agency.name if agency else case.agency_id,
        "created": local_date(case.created_at, catalog),
        "updated": local_date(case.updated_at, catalog),
        "note": case.last_note,
    }
