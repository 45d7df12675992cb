"""Triage of unresolved messages and the NLU export, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from bot.db import Database
from bot.pii import PiiKind
from bot.triage import TriageInbox, training_example
from bot.unresolved import Triage, UnresolvedKind, UnresolvedLog


def _log(database: Database, *texts: str) -> list[int]:
    log = UnresolvedLog(database)
    for text in texts:
        log.record(text, "webchat", "c1", [("nlu_fallback", 0.3)], UnresolvedKind.FALLBACK)
    return [message.id for message in reversed(TriageInbox(database).messages())]


def test_placeholders_and_markup_become_plain_training_text() -> None:
    assert training_example("call me on [PHONE] about [ADDRESS]") == "call me on 555-0100 about 100 Main Street"
    assert training_example("[odd](entity) {json}\n next line") == "(odd)(entity) (json) next line"


@pytest.mark.parametrize("kind", list(PiiKind))
def test_every_redaction_placeholder_has_a_sample_value(kind: PiiKind) -> None:
    assert "[" not in training_example(f"my {kind.value.lower()} is [{kind.value}]")


def test_assigned_messages_export_once_as_valid_nlu_data(database: Database, tmp_path: Path) -> None:
    inbox = TriageInbox(database)
    ids = _log(database, "theres a huge hole in the road on [ADDRESS]", "road has a crater", "dog licence?",
               "asdfgh")
    assert inbox.assign(ids[:2], "pothole_report") == 2
    inbox.mark_need([ids[2]], "Dog licensing")
    inbox.set_state([ids[3]], Triage.IGNORED)
    assert inbox.exportable() == 2
    exported = tmp_path / "nlu.yml"
    exported.write_text(inbox.export("en", "en"))
    data = load_data(str(exported))
    assert {(m.get("text"), m.get("intent")) for m in data.intent_examples} == {
        ("theres a huge hole in the road on 100 Main Street", "pothole_report"),
        ("road has a crater", "pothole_report"),
    }
    assert not data.entity_examples
    states = {m.text: (m.triage, m.assigned_intent, m.service_need) for m in inbox.messages()}
    assert states["dog licence?"] == (Triage.REVIEWED, None, "Dog licensing")
    assert states["asdfgh"][0] is Triage.IGNORED
    assert states["road has a crater"][0] is Triage.ADDED_TO_TRAINING
    assert inbox.export("en", "en") == 'version: "3.1"\nnlu:\n'
    assert inbox.counts() == {Triage.NEW: 0, Triage.REVIEWED: 1, Triage.ADDED_TO_TRAINING: 2, Triage.IGNORED: 1}
    assert [m.text for m in inbox.messages(Triage.ADDED_TO_TRAINING, limit=1)] == ["road has a crater"]
    assert [m.text for m in inbox.messages(Triage.ADDED_TO_TRAINING)] == [
        "road has a crater", "theres a huge hole in the road on [ADDRESS]"
    ]


def test_each_language_exports_only_its_own_messages(database: Database) -> None:
    log, inbox = UnresolvedLog(database), TriageInbox(database)
    log.record("no pasaron por la basura", "sms", "c2", [("nlu_fallback", 0.3)], UnresolvedKind.FALLBACK, language="es")
    log.record("trash was not picked up", "sms", "c3", [("nlu_fallback", 0.3)], UnresolvedKind.FALLBACK)
    inbox.assign([message.id for message in inbox.messages()], "missed_collection")
    spanish = inbox.export("es", "en")
    assert "no pasaron por la basura" in spanish and "trash was not picked up" not in spanish
    english = inbox.export("en", "en")  # recorded without a language: the city's own
    assert "trash was not picked up" in english and "basura" not in english
    assert [m.language for m in inbox.messages()] == [None, "es"]
