"""Replies in the conversation's language (channels/translated_replies.py), created as Rasa creates them: before
the model, whose responses arrive afterwards (`Agent.load_model`)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from channels.translated_replies import TranslatedReplies

DOMAIN = Domain.from_path(Path(__file__).resolve().parents[2] / "domain.yml")


def reply(nlg: TranslatedReplies, *slots: tuple[str, str]) -> dict[str, Any] | None:
    tracker = DialogueStateTracker.from_events("someone", [SlotSet(name, value) for name, value in slots], DOMAIN.slots)
    return asyncio.run(nlg.generate("utter_goodbye", tracker, "rest"))


def loaded_like_rasa() -> TranslatedReplies:
    nlg = TranslatedReplies(domain=None)
    nlg.responses = DOMAIN.responses  # what Agent.load_model does once the model is in
    return nlg


def test_a_conversation_with_no_language_gets_the_citys_own() -> None:
    answer = reply(loaded_like_rasa())
    assert answer is not None and answer["text"] == DOMAIN.responses["utter_goodbye"][0]["text"]


def test_a_spanish_conversation_gets_the_spanish_reply() -> None:
    spanish = yaml.safe_load((Path(__file__).resolve().parents[2] / "data/catalog/es/responses.yml").read_text())
    answer = reply(loaded_like_rasa(), ("language", "es"))
    assert answer is not None and answer["text"] == spanish["replies"]["utter_goodbye"][0]["text"]


def test_the_conversations_language_outranks_a_guess() -> None:
    answer = reply(loaded_like_rasa(), ("language", "en"), ("language_guess", "es"))
    assert answer is not None and answer["text"] == DOMAIN.responses["utter_goodbye"][0]["text"]


def test_a_guess_answers_a_conversation_with_no_language_yet() -> None:
    english = DOMAIN.responses["utter_goodbye"][0]["text"]
    answer = reply(loaded_like_rasa(), ("language_guess", "es"))
    assert answer is not None and answer["text"] != english


def test_a_new_model_brings_its_own_responses_in_every_language() -> None:
    nlg = loaded_like_rasa()
    reply(nlg, ("language", "es"))
    changed = {**DOMAIN.responses, "utter_goodbye": [{"text": "Bye for now."}]}
    nlg.responses = changed
    answer = reply(nlg, ("language", "es"))
    assert answer is not None and answer["text"] != "Bye for now."  # still the Spanish, rebuilt over the new ones
    english = reply(nlg)
    assert english is not None and english["text"] == "Bye for now."
