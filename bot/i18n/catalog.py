"""The catalogue in a resident's language: the English catalogue with the overlay's words laid over it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.catalog import Agency, Catalog, Exclusion, Service
from bot.i18n.phrases import load_phrases

AGENCIES_FILE = "agencies.yml"
SERVICES_DIR = "services"


def overlay_dir(catalog_dir: Path, language: str) -> Path:
    """Where a language's translations live: beside the English catalogue."""
    return catalog_dir / language


def read_overlay(catalog_dir: Path, language: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The overlay's agencies file and its services by id; empty when the language has none."""
    directory = overlay_dir(catalog_dir, language)
    agencies_path = directory / AGENCIES_FILE
    agencies = yaml.safe_load(agencies_path.read_text(encoding="utf-8")) if agencies_path.exists() else {}
    services: dict[str, dict[str, Any]] = {}
    for path in sorted((directory / SERVICES_DIR).glob("*.yml")):
        services.update((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("services") or {})
    return agencies or {}, services


def _agency(agency: Agency, words: dict[str, Any]) -> Agency:
    return agency.copy(update={key: words[key] for key in ("name", "summary", "address", "phone") if words.get(key)})


def _service(service: Service, words: dict[str, Any]) -> Service:
    """The service with every field the overlay translates; a field it lacks stays English, never empty."""
    plain = {key: words[key] for key in ("title", "answer", "sms_answer", "fees", "in_person") if words.get(key)}
    if len(words.get("bring") or []) == len(service.bring):
        plain["bring"] = list(words["bring"])
    standard = {key: value for key, value in (words.get("standard") or {}).items() if value}
    scope = words.get("scope") or {}
    covers = scope.get("covers") or []
    topics = scope.get("excludes") or []
    scope_update: dict[str, Any] = {}
    if len(covers) == len(service.scope.covers):
        scope_update["covers"] = list(covers)
    if len(topics) == len(service.scope.excludes):
        scope_update["excludes"] = [
            Exclusion(topic=topic, service=excluded.service) for topic, excluded in zip(topics, service.scope.excludes)
        ]
    return service.copy(
        update={
            **plain,
            "standard": service.standard.copy(update=standard),
            "scope": service.scope.copy(update=scope_update),
        }
    )


def translate_catalog(catalog: Catalog, catalog_dir: Path, language: str) -> Catalog:
    """`catalog` in `language`; the city's own language (the first it enables) returns it unchanged."""
    if language == catalog.city.languages[0] or language not in catalog.city.languages:
        return catalog
    agencies_words, services_words = read_overlay(catalog_dir, language)
    city_words = agencies_words.get("city") or {}
    agency_words = agencies_words.get("agencies") or {}
    return Catalog(
        phrases=load_phrases(overlay_dir(catalog_dir, language)),
        city=catalog.city.copy(update={"name": city_words["name"]} if city_words.get("name") else {}),
        agencies={key: _agency(agency, agency_words.get(key) or {}) for key, agency in catalog.agencies.items()},
        services={key: _service(service, services_words.get(key) or {}) for key, service in catalog.services.items()},
        owners=catalog.owners,
    )
