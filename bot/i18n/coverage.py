"""What a language's translation is missing or gets wrong, as readable problems: tests/i18n fails on any, and
`python -m bot catalog check` lists them for a city adding a language.

A missing string would show English to a resident who does not read it; a changed placeholder or button
payload would break the reply or what the button does.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, meta

from bot.catalog import Catalog, Service
from bot.i18n.catalog import read_overlay
from bot.i18n.responses import read_responses
from bot.settings import PROJECT_ROOT

_TEXT_FIELDS = ("title", "answer", "fees")
_OPTIONAL_TEXT_FIELDS = ("sms_answer", "in_person")
_AGENCY_FIELDS = ("name", "summary", "address")
_HAS_WORDS = re.compile(r"[^\W\d_]{2,}")
# Messages channels send themselves, and messages staff actions send residents.
NOTICE_DIRS = (
    PROJECT_ROOT / "bot" / "messaging" / "notices",
    PROJECT_ROOT / "bot" / "console" / "templates" / "messages",
)


def placeholders(text: str) -> set[str]:
    """The `{names}` a reply template fills."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _list_problem(where: str, english: list[Any], translated: Any) -> Iterator[str]:
    if not isinstance(translated, list) or len(translated) != len(english):
        yield f"{where}: needs {len(english)} items in the English order"
    elif not all(isinstance(item, str) and item.strip() for item in translated):
        yield f"{where}: has a blank item"


def _service_problems(service: Service, words: dict[str, Any]) -> Iterator[str]:
    where = f"services.{service.id}"
    expected = [*_TEXT_FIELDS, *(name for name in _OPTIONAL_TEXT_FIELDS if getattr(service, name))]
    yield from (f"{where}.{name}: missing" for name in expected if not str(words.get(name) or "").strip())
    yield from _list_problem(f"{where}.bring", service.bring, words.get("bring"))
    standard = words.get("standard") or {}
    needs = ["promise", *(["priority_promise"] if service.standard.priority_promise else [])]
    yield from (f"{where}.standard.{name}: missing" for name in needs if not standard.get(name))
    scope = words.get("scope") or {}
    yield from _list_problem(f"{where}.scope.covers", service.scope.covers, scope.get("covers"))
    yield from _list_problem(f"{where}.scope.excludes", service.scope.excludes, scope.get("excludes"))


def catalog_problems(catalog: Catalog, catalog_dir: Path, language: str) -> list[str]:
    """Every service, agency and city field the language lacks."""
    agencies_words, services_words = read_overlay(catalog_dir, language)
    problems = [] if (agencies_words.get("city") or {}).get("name") else ["city.name: missing"]
    agency_words = agencies_words.get("agencies") or {}
    for agency in catalog.agencies.values():
        words = agency_words.get(agency.id) or {}
        needs = [*_AGENCY_FIELDS, *(["phone"] if _HAS_WORDS.search(agency.phone) else [])]
        problems += [f"agencies.{agency.id}.{name}: missing" for name in needs if not words.get(name)]
    for service in catalog.services.values():
        problems += list(_service_problems(service, services_words.get(service.id) or {}))
    problems += [f"services.{extra}: no such service" for extra in sorted(set(services_words) - set(catalog.services))]
    return problems


def _variation_problems(where: str, english: dict[str, Any], translated: dict[str, Any]) -> Iterator[str]:
    text = str(translated.get("text") or "")
    if not text.strip():
        yield f"{where}.text: missing"
    elif placeholders(text) != placeholders(str(english.get("text") or "")):
        yield f"{where}.text: placeholders differ from the English"
    english_buttons, buttons = english.get("buttons") or [], translated.get("buttons") or []
    if len(buttons) != len(english_buttons):
        yield f"{where}.buttons: needs {len(english_buttons)}"
        return
    for number, (ours, theirs) in enumerate(zip(english_buttons, buttons)):
        if not theirs.get("title"):
            yield f"{where}.buttons.{number}.title: missing"
        if theirs.get("payload", ours.get("payload")) != ours.get("payload"):
            yield f"{where}.buttons.{number}.payload: differs from the English"


def response_problems(english: dict[str, list[dict[str, Any]]], catalog_dir: Path, language: str) -> list[str]:
    """Every domain response the language lacks, or whose placeholders or button payloads differ."""
    translated = read_responses(catalog_dir, language)
    problems = [f"replies.{name}: no such response" for name in sorted(set(translated) - set(english))]
    for name, variations in english.items():
        words = translated.get(name)
        if not isinstance(words, list) or len(words) != len(variations):
            problems.append(f"replies.{name}: needs {len(variations)} variations in the English order")
            continue
        for number, (ours, theirs) in enumerate(zip(variations, words)):
            problems += list(_variation_problems(f"replies.{name}.{number}", ours, theirs))
    return problems


def notice_problems(notices_dir: Path, language: str) -> list[str]:
    """Every channel notice the language lacks, or whose template variables differ."""
    # bandit B701: templates are parsed here for their variables, never rendered
    environment = Environment(autoescape=False)  # nosec B701
    problems = []
    for english in sorted(notices_dir.glob("*.txt")):
        translated = notices_dir / language / english.name
        if not translated.exists():
            problems.append(f"notices/{language}/{english.name}: missing")
            continue
        wanted, found = (
            meta.find_undeclared_variables(environment.parse(path.read_text(encoding="utf-8")))
            for path in (english, translated)
        )
        if wanted != found:
            problems.append(f"notices/{language}/{english.name}: variables differ from the English")
    return problems


def translation_problems(catalog: Catalog, catalog_dir: Path) -> list[str]:
    """Everything every language the city enables beyond its own still lacks, each problem led by its language."""
    english = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
    problems = []
    for language in catalog.city.languages[1:]:
        found = [
            *catalog_problems(catalog, catalog_dir, language),
            *response_problems(english, catalog_dir, language),
            *(problem for directory in NOTICE_DIRS for problem in notice_problems(directory, language)),
        ]
        problems += [f"{language}: {problem}" for problem in found]
    return problems
