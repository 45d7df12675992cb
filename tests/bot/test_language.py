"""Which language a message is in, and which one it asks for (bot/language.py): short and neutral messages
keep the conversation's language, Spanglish counts as Spanish, and a request names the language it wants."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.language import SWITCH_INTENT, Detector, Heard, conversation_language, detector_for, load_languages, reply_language

CATALOG_DIR = Path(__file__).resolve().parents[2] / "data" / "catalog"


@pytest.fixture(scope="module")
def detector() -> Detector:
    return detector_for(CATALOG_DIR, ["en", "es"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("se llevaron mi carro con la grúa", "es"),
        ("el landlord no quiere arreglar la calefa", "es"),
        ("cuándo pasa el camión de reciclaje", "es"),
        ("gracias", "es"),
        ("my recycling bin got stolen", "en"),
        ("when is bulk pickup on my street", "en"),
        ("thanks", "en"),
    ],
)
def test_messages_that_show_their_language(detector: Detector, text: str, expected: str) -> None:
    assert detector.detect(text) == expected


@pytest.mark.parametrize("text", ["ok", "2", "911", "4417 N Kedzie Ave", "KXM-4RT-7QP", "", "👍", "no"])
def test_neutral_messages_keep_the_conversations_language(detector: Detector, text: str) -> None:
    assert detector.detect(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("en español por favor", "es"),
        ("Spanish?", "es"),
        ("can you write in english", "en"),
        ("no entiendo inglés", "es"),
        ("I don't speak English", "es"),
        ("No, English please", "en"),
        ("where do I pay my water bill", None),
    ],
)
def test_a_request_names_the_language_it_wants(detector: Detector, text: str, expected: str | None) -> None:
    assert detector.requested(text) == expected


def test_a_bare_language_name_is_a_request_to_switch(detector: Detector) -> None:
    assert conversation_language(detector, "greet", "español") == Heard("es", firm=True, switching=True)


def test_a_longer_message_that_mentions_a_language_is_not_a_request(detector: Detector) -> None:
    heard = conversation_language(detector, "recreation_programs", "do you have spanish classes for kids")
    assert heard == Heard("en", firm=True)


def test_a_switch_that_names_no_language_sets_none_so_the_assistant_asks(detector: Detector) -> None:
    assert conversation_language(detector, SWITCH_INTENT, "can you talk to me in my language") == Heard(
        None, switching=True
    )


def test_danger_is_never_turned_into_a_language_switch(detector: Detector) -> None:
    assert conversation_language(detector, "emergency", "fuego, no hablo inglés") == Heard("es", firm=True)


@pytest.mark.parametrize("text", ["gracias", "hola", "sí claro", "thanks", "ok thanks"])
def test_a_short_message_only_guesses_so_it_never_overrides_the_conversations_language(
    detector: Detector, text: str
) -> None:
    heard = conversation_language(detector, "thank", text)
    assert heard.language is not None and not heard.firm


def test_the_page_language_is_a_guess_used_only_when_the_words_say_nothing(detector: Detector) -> None:
    assert conversation_language(detector, "affirm", "ok", page="es") == Heard("es")
    assert conversation_language(detector, "pothole_report", "there is a pothole on my street", page="es") == Heard(
        "en", firm=True
    )
    assert conversation_language(detector, "affirm", "ok", page="fr") == Heard(None)


def test_replies_follow_the_conversations_language_before_any_guess() -> None:
    assert reply_language("en", "es") == "en"
    assert reply_language(None, "es") == "es"
    assert reply_language(None, None) is None


def test_every_marker_is_one_lower_case_word() -> None:
    for entry in load_languages(CATALOG_DIR / "languages.yml").values():
        assert all(marker == marker.lower() and " " not in marker for marker in entry.markers | entry.names)
