"""Every language the sample city enables has every string a resident can see, with the English placeholders,
button payloads and notice variables (bot/i18n/coverage.py); the translated catalogue still meets the
catalogue's own rules (answer length, SMS size)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from bot.catalog import Service, load_catalog
from bot.i18n.catalog import translate_catalog
from bot.language import detector_for
from bot.vulnerability import Cue
from bot.i18n.coverage import NOTICE_DIRS, catalog_problems, notice_problems, response_problems, translation_problems

ROOT = Path(__file__).resolve().parents[2]
CATALOG_DIR = ROOT / "data" / "catalog"
WEBCHAT_STRINGS = ROOT / "channels" / "static" / "i18n"
CATALOG = load_catalog(CATALOG_DIR)
OTHER_LANGUAGES = CATALOG.city.languages[1:]
ENGLISH_RESPONSES = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]


def test_the_sample_city_speaks_spanish() -> None:
    assert "es" in OTHER_LANGUAGES


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_catalogue_is_translated_in_full(language: str) -> None:
    assert catalog_problems(CATALOG, CATALOG_DIR, language) == []


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_reply_is_translated_with_its_placeholders_and_payloads(language: str) -> None:
    assert response_problems(ENGLISH_RESPONSES, CATALOG_DIR, language) == []


@pytest.mark.parametrize("directory", NOTICE_DIRS, ids=["channel notices", "staff messages"])
@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_message_sent_without_the_assistant_is_translated(language: str, directory: Path) -> None:
    assert notice_problems(directory, language) == []


def test_the_catalogue_check_reports_no_missing_translation() -> None:
    assert translation_problems(CATALOG, CATALOG_DIR) == []


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_web_chat_strings_match_the_english_keys(language: str) -> None:
    english = json.loads((WEBCHAT_STRINGS / "en.json").read_text(encoding="utf-8"))
    translated = json.loads((WEBCHAT_STRINGS / f"{language}.json").read_text(encoding="utf-8"))
    assert set(translated) == set(english)
    assert all(value.strip() for value in translated.values())


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_translated_services_keep_the_catalogue_rules(language: str) -> None:
    translated = translate_catalog(CATALOG, CATALOG_DIR, language)
    for service in translated.services.values():
        Service.parse_obj(service.dict())  # answer of 2-5 sentences, SMS answer within two segments


@pytest.mark.parametrize("language", CATALOG.city.languages)
def test_every_sms_answer_reads_as_its_own_language(language: str) -> None:
    # The outbox picks the disclosure that opens a first reply by the language of the reply's words.
    detector = detector_for(CATALOG_DIR, CATALOG.city.languages)
    translated = translate_catalog(CATALOG, CATALOG_DIR, language)
    heard = {service.id: detector.detect(str(service.sms_answer)) for service in translated.services.values()}
    assert {service: said for service, said in heard.items() if said != language} == {}


def test_a_translation_changes_words_only() -> None:
    spanish = translate_catalog(CATALOG, CATALOG_DIR, "es")
    assert spanish.owners == CATALOG.owners
    for service_id, service in CATALOG.services.items():
        theirs = spanish.services[service_id]
        assert (theirs.kind, theirs.online, theirs.collect) == (service.kind, service.online, service.collect)
        assert [e.service for e in theirs.scope.excludes] == [e.service for e in service.scope.excludes]
    assert spanish.services["pothole_report"].title != CATALOG.services["pothole_report"].title


def test_the_own_language_is_the_catalogue_itself() -> None:
    assert translate_catalog(CATALOG, CATALOG_DIR, "en") is CATALOG


def _copy_catalog(tmp_path: Path) -> Path:
    return Path(shutil.copytree(CATALOG_DIR, tmp_path / "catalog"))


def test_a_missing_service_translation_is_reported(tmp_path: Path) -> None:
    catalog_dir = _copy_catalog(tmp_path)
    path = catalog_dir / "es" / "services" / "animal_services.yml"
    words = yaml.safe_load(path.read_text(encoding="utf-8"))
    del words["services"]["pet_license"]["answer"]
    words["services"]["animal_control"]["bring"].pop()
    path.write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")
    problems = catalog_problems(CATALOG, catalog_dir, "es")
    assert "services.pet_license.answer: missing" in problems
    assert any(problem.startswith("services.animal_control.bring") for problem in problems)


def test_a_changed_placeholder_or_payload_is_reported(tmp_path: Path) -> None:
    catalog_dir = _copy_catalog(tmp_path)
    path = catalog_dir / "es" / "responses.yml"
    words = yaml.safe_load(path.read_text(encoding="utf-8"))
    name, with_buttons = next(
        (name, variations) for name, variations in words["replies"].items() if variations[0].get("buttons")
    )
    with_buttons[0]["buttons"][0]["payload"] = "/something_else"
    words["replies"]["utter_greet"][0]["text"] = "¡Hola! Aviso de privacidad: {privacy}"
    path.write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")
    problems = response_problems(ENGLISH_RESPONSES, catalog_dir, "es")
    assert "replies.utter_greet.0.text: placeholders differ from the English" in problems
    assert f"replies.{name}.0.buttons.0.payload: differs from the English" in problems


@pytest.mark.parametrize("language", [None, *OTHER_LANGUAGES])
def test_every_noticed_cue_has_words_for_the_resident(language: str | None) -> None:
    catalog = translate_catalog(CATALOG, CATALOG_DIR, language) if language else CATALOG
    assert set(catalog.phrases.noticed) == {cue.name.lower() for cue in Cue}
