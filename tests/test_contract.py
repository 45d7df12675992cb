"""The shared service taxonomy is a contract: every service and intent in it must exist everywhere it is used."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.catalog import Catalog
from tests.conftest import ROOT, TAXONOMY

MIN_EXAMPLES = 25
MIN_OUT_OF_SCOPE = 150
MIN_HOLDOUT = 5

pytestmark = pytest.mark.skipif(not TAXONOMY.exists(), reason="the shared taxonomy is not beside the project")


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def examples_by_intent(paths: list[Path]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        for block in load(path).get("nlu", []):
            if "intent" in block:
                found[block["intent"]] += [
                    line.strip()[2:] for line in block["examples"].splitlines() if line.strip().startswith("- ")
                ]
    return found


def normalise(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


@pytest.fixture(scope="module")
def taxonomy() -> dict[str, Any]:
    return load(TAXONOMY)


@pytest.fixture(scope="module")
def all_intents(taxonomy: dict[str, Any]) -> list[str]:
    return [s["id"] for s in taxonomy["services"]] + [c["id"] for c in taxonomy["conversation_intents"]]


@pytest.fixture(scope="module")
def training() -> dict[str, list[str]]:
    return examples_by_intent(sorted((ROOT / "data" / "nlu").glob("*.yml")))


def test_every_taxonomy_service_is_in_the_catalogue_with_its_agency_and_kind(
    taxonomy: dict[str, Any], catalog: Catalog
) -> None:
    expected = {s["id"]: (s["agency"], s["kind"]) for s in taxonomy["services"]}
    actual = {sid: (catalog.owners[sid], s.kind.value) for sid, s in catalog.services.items() if sid in expected}
    assert actual == expected
    assert set(taxonomy["agencies"]) <= set(catalog.agencies)


def test_every_taxonomy_service_has_a_scope_that_points_only_at_taxonomy_services(
    taxonomy: dict[str, Any], catalog: Catalog
) -> None:
    ids = {s["id"] for s in taxonomy["services"]}
    no_covers = [sid for sid in ids if not catalog.services[sid].scope.covers]
    unknown = [(sid, e.service) for sid in ids for e in catalog.services[sid].scope.excludes if e.service not in ids]
    assert (no_covers, unknown) == ([], [])


def test_every_taxonomy_intent_is_in_the_domain(all_intents: list[str]) -> None:
    domain_intents = set(load(ROOT / "domain.yml")["intents"])
    assert [i for i in all_intents if i not in domain_intents] == []


def test_every_taxonomy_intent_has_enough_training_examples(
    all_intents: list[str], training: dict[str, list[str]]
) -> None:
    too_few = {i: len(training[i]) for i in all_intents if i != "out_of_scope" and len(training[i]) < MIN_EXAMPLES}
    assert too_few == {}
    assert len(training["out_of_scope"]) >= MIN_OUT_OF_SCOPE


def test_every_taxonomy_intent_has_enough_spanish_examples(all_intents: list[str]) -> None:
    spanish = examples_by_intent(sorted((ROOT / "data" / "nlu" / "es").glob("*.yml")))
    too_few = {i: len(spanish[i]) for i in all_intents if len(spanish[i]) < MIN_EXAMPLES}
    assert too_few == {}


def test_each_agency_has_one_nlu_file_with_exactly_its_services(taxonomy: dict[str, Any]) -> None:
    by_agency: dict[str, set[str]] = defaultdict(set)
    for service in taxonomy["services"]:
        by_agency[service["agency"]].add(service["id"])
    for agency, services in by_agency.items():
        assert set(examples_by_intent([ROOT / "data" / "nlu" / f"{agency}.yml"])) == services


def test_every_service_is_answered_by_the_generic_action(taxonomy: dict[str, Any]) -> None:
    answered = {
        rule["steps"][0]["intent"]
        for rule in load(ROOT / "data" / "rules.yml")["rules"]
        if rule["steps"][1:2] == [{"action": "action_answer_service"}]
    }
    assert {s["id"] for s in taxonomy["services"]} <= answered


def test_holdout_covers_every_intent_and_shares_nothing_with_training(
    all_intents: list[str], training: dict[str, list[str]]
) -> None:
    holdout = examples_by_intent([ROOT / "tests" / "nlu" / "holdout.yml"])
    assert {i: len(holdout[i]) for i in all_intents if len(holdout[i]) < MIN_HOLDOUT} == {}
    seen = {normalise(text) for texts in training.values() for text in texts}
    assert [t for texts in holdout.values() for t in texts if normalise(t) in seen] == []


def test_every_request_service_goes_on_to_the_case_form(taxonomy: dict[str, Any]) -> None:
    filed = {
        rule["steps"][0]["intent"]
        for rule in load(ROOT / "data" / "rules.yml")["rules"]
        if rule["steps"][1:3] == [{"action": "action_answer_service"}, {"action": "case_form"}]
    }
    assert filed == {s["id"] for s in taxonomy["services"] if s["kind"] == "request"}
