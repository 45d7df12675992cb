"""The catalogue's short SMS answers are a contract: every service has one in every language the city enables,
and each fits two carrier segments even as the first reply, which opens with the disclosure line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.catalog import MAX_SMS_SEGMENTS, Catalog, load_catalog
from bot.i18n.catalog import translate_catalog
from bot.messaging.notices import Notice, disclosed, render
from bot.messaging.segments import is_gsm7, segments
from bot.messaging.sms_budget import first_reply_segments, sms_problems
from tests.conftest import CATALOG_DIR

CATALOG = load_catalog(CATALOG_DIR)
LANGUAGES = CATALOG.city.languages


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    target = tmp_path / "catalog"
    shutil.copytree(CATALOG_DIR, target)
    return target


def set_sms_answer(catalog_dir: Path, agency: str, index: int, text: str | None) -> None:
    path = catalog_dir / "services" / f"{agency}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if text is None:
        data["services"][index].pop("sms_answer")
    else:
        data["services"][index]["sms_answer"] = text
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_every_service_has_an_sms_answer_that_fits_two_segments_as_a_first_reply_in_every_language() -> None:
    assert sms_problems(CATALOG, CATALOG_DIR) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_sms_answer_is_in_its_own_language_and_in_the_gsm_alphabet(language: str) -> None:
    words = translate_catalog(CATALOG, CATALOG_DIR, language)
    answers = {service.id: service.sms_answer for service in words.services.values()}
    assert len(answers) == len(CATALOG.services) and all(answers.values())
    if language != LANGUAGES[0]:
        assert [key for key, text in answers.items() if text == CATALOG.services[key].sms_answer] == []
    # One á, í, ó or ú would send the whole first reply as UCS-2: 134 characters in two segments.
    assert [key for key, text in answers.items() if not is_gsm7(str(text))] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_typical_first_answer_with_its_disclosure_is_two_segments(language: str) -> None:
    words = translate_catalog(CATALOG, CATALOG_DIR, language)
    line = render(Notice.SMS_DISCLOSURE, words.city.name, language)
    answer = str(words.services["collection_schedule"].sms_answer)
    first = disclosed(line, answer)
    assert first.startswith(line + "\n\n") and first.endswith(answer)
    assert segments(first) == first_reply_segments(words, language, answer) <= MAX_SMS_SEGMENTS


def test_an_answer_that_fits_alone_but_not_after_the_disclosure_is_reported(catalog_copy: Path) -> None:
    long_answer = "Pay your water bill online at the Customer Center. " * 6  # 306 characters: two segments alone
    set_sms_answer(catalog_copy, "water", 0, long_answer.strip()[:300])
    catalog = load_catalog(catalog_copy)
    assert segments(str(catalog.services["water_bill"].sms_answer)) == 2
    assert sms_problems(catalog, catalog_copy) == [
        "en: services.water_bill.sms_answer: 3 segments as a first reply, with the disclosure; at most 2"
    ]


def test_a_service_without_an_sms_answer_is_reported_in_each_language(catalog_copy: Path) -> None:
    set_sms_answer(catalog_copy, "water", 0, None)
    for language in LANGUAGES[1:]:
        path = catalog_copy / language / "services" / "water.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["services"]["water_bill"].pop("sms_answer")
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    catalog = load_catalog(catalog_copy)
    reported = [problem for problem in sms_problems(catalog, catalog_copy) if "water_bill" in problem]
    assert reported == [
        f"{language}: services.water_bill.sms_answer: missing, so an SMS resident is sent the full answer and its details"
        for language in LANGUAGES
    ]


def test_a_longer_city_name_shows_up_as_answers_over_budget() -> None:
    renamed = Catalog(
        city=CATALOG.city.copy(update={"name": "Consolidated City and County of Harborview Metropolitan Area"}),
        agencies=CATALOG.agencies, services=CATALOG.services, owners=CATALOG.owners, phrases=CATALOG.phrases,
    )
    problems = [problem for problem in sms_problems(renamed, CATALOG_DIR) if problem.startswith("en:")]
    assert problems and all("as a first reply, with the disclosure" in problem for problem in problems)
