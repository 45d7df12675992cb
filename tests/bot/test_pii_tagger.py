"""The learned PII tagger beside the rules (bot/pii/tagger.py, ADR 0010 round 10): trained here on the seeded
corpus in a temporary folder (a second or two), loaded from settings, gated, bounded, and optional."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot import pii
from bot.pii import tagger
from bot.pii.spans import PiiKind, Span
from bot.pii.tagger import Mark, gated
from bot.settings import get_settings
from scripts.build_pii_tagger import train
from scripts.eval_pii import CORPUS


@pytest.fixture
def model_at(monkeypatch: pytest.MonkeyPatch):
    """Point the settings at `path` as the tagger's model, and forget any tagger loaded before."""

    def point(path: Path) -> None:
        monkeypatch.setenv("ONE_DOOR_PII_TAGGER_PATH", str(path))
        get_settings.cache_clear()
        tagger._tagger.cache_clear()

    yield point
    get_settings.cache_clear()
    tagger._tagger.cache_clear()


@pytest.fixture(scope="module")
def small_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    model = tmp_path_factory.mktemp("tagger") / "pii-tagger.crfsuite"
    assert train([CORPUS], model) > 300
    return model


def _marks(text: str, *words: tuple[str, str]) -> list[Mark]:
    """Marks for each (word, kind), read as certain."""
    return [Mark(text.index(word), text.index(word) + len(word), kind, 1.0) for word, kind in words]


def test_without_a_model_the_rules_redact_alone_with_one_warning(model_at, tmp_path, caplog) -> None:
    model_at(tmp_path / "absent.crfsuite")
    with caplog.at_level(logging.WARNING, logger="bot.pii.tagger"):
        assert pii.redact("call me at 617-555-0142") == "call me at [PHONE]"
        assert pii.redact("thanks, Maria Gonzalez") == "thanks, [NAME]"
    assert len([r for r in caplog.records if "PII tagger not loaded" in r.getMessage()]) == 1


def test_a_trained_model_is_loaded_and_read(model_at, small_model) -> None:
    model_at(small_model)
    text = "Hi, this is Maria Gonzalez, I live at 4410 N Kenmore Ave Apt 2R"
    kinds = {span.kind for span in tagger.learned_spans(text)}
    assert {PiiKind.NAME, PiiKind.ADDRESS} <= kinds
    assert tagger.learned_spans("x" * (tagger.MAX_TAGGED_CHARS + 1)) == []


def test_text_over_a_channel_message_is_left_to_the_rules(model_at, small_model) -> None:
    model_at(small_model)
    long = ("my number is 617-555-0142 " * 200)[: tagger.MAX_TAGGED_CHARS + 10]
    assert tagger._tagger() is not None
    assert tagger.learned_spans(long) == []


def test_what_the_tagger_adds_to_a_rule_span_is_redacted_too(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "thanks, Maria Xochiquetzal-Pech, 617-555-0142"
    rules_alone = pii.find(text)
    start = text.index("Maria")
    monkeypatch.setattr(pii, "learned_spans", lambda _: [Span(PiiKind.NAME, start, text.index(", 617"))])
    redacted = pii.redact(text)
    assert all(word not in redacted for word in ("Maria", "Xochiquetzal", "Pech", "0142")), redacted
    assert redacted.startswith("thanks, [")
    assert set(rules_alone) <= set(pii.find(text))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("last seen near Patsy Mink Park", [("Patsy", "NAME"), ("Mink", "NAME"), ("Park", "NAME")]),
        ("soccer at Ruth Bader Ginsburg Plaza", [("Ruth", "NAME"), ("Bader", "NAME"), ("Ginsburg", "NAME")]),
        ("the bus can't get up Summit Hill Rd", [("Summit", "ADDRESS"), ("Hill", "ADDRESS"), ("Rd", "ADDRESS")]),
        ("I'm in 33610 now", [("33610", "ADDRESS")]),
        ("the late fee on permit B25-9635", [("B25", "PLATE"), ("9635", "PLATE")]),
        ("is City Hall at 121 N LaSalle St open", [("121", "ADDRESS"), ("LaSalle", "ADDRESS"), ("St", "ADDRESS")]),
        ("paperwork from 2019 2020 2021 still pending", [("2019", "PHONE"), ("2020", "PHONE"), ("2021", "PHONE")]),
        ("the library opened in 1962", [("1962", "CARD")]),
        ("the hearing (3/14/2026) was moved", [("3", "DOB"), ("14", "DOB"), ("2026", "DOB")]),
        ("the fair is in town. June, July and August", [("June", "NAME")]),
        ("Happy Holidays to all. Merry Christmas", [("Merry", "NAME"), ("Christmas", "NAME")]),
    ],
)
def test_the_gates_leave_places_streets_zip_codes_and_the_citys_numbers(text: str, words) -> None:
    assert gated(text, _marks(text, *words)) == []


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("ask Jennifer Park about it", [("Jennifer", "NAME"), ("Park", "NAME")], "Jennifer Park"),
        ("I live at 4410 Kenmore Ave", [("4410", "ADDRESS"), ("Kenmore", "ADDRESS"), ("Ave", "ADDRESS")],
         "4410 Kenmore Ave"),
        ("plate 7ABC-123 on the car", [("7ABC", "PLATE"), ("123", "PLATE")], "7ABC-123"),
        ("my account AC-550193 is late", [("AC", "ID"), ("550193", "ID")], "AC-550193"),
        ("text me at 6175550142 tonight", [("6175550142", "PHONE")], "6175550142"),
    ],
)
def test_the_gates_keep_people_homes_and_their_numbers(text: str, words, expected: str) -> None:
    assert [text[span.start : span.end] for span in gated(text, _marks(text, *words))] == [expected]


def test_tokens_below_the_floor_are_not_kept() -> None:
    text = "call Mark soon"
    start = text.index("Mark")
    assert gated(text, [Mark(start, start + 4, "NAME", tagger.FLOOR - 0.01)]) == []
