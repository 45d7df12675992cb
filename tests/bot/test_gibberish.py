"""Text that is no message is told from real messages, short ones and Spanish ones included."""

from __future__ import annotations

import random
import string
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from bot.gibberish import Nonsense, judge, plain, vocabulary, words
from bot.inputs import MAX_CHARS
from bot.settings import get_settings
from tests.conftest import ROOT

LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et "
    "dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex "
    "ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat "
    "nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit "
    "anim id est laborum. Curabitur pretium tincidunt lacus. Nulla gravida orci a odio. Nullam varius, turpis et "
    "commodo pharetra, est eros bibendum elit, nec luctus magna felis sollicitudin mauris. "
)


def examples(path: Path) -> list[tuple[str, str]]:
    """(text, intent) of every example in an NLU file (no annotations in this project's data)."""
    blocks = yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]
    return [(line.strip()[2:], block["intent"]) for block in blocks for line in block["examples"].splitlines()
            if line.strip().startswith("- ")]


CITY_EXAMPLES = [pair for path in sorted((ROOT / "data" / "nlu").glob("*.yml")) for pair in examples(path)
                 if pair[1] != "out_of_scope"]


@lru_cache(maxsize=1)
def known() -> frozenset[str]:
    """What the trained guard knows: common English and the city's training examples (not out of scope)."""
    common = get_settings().common_words_path.read_text(encoding="utf-8").split()
    return vocabulary(text for text, _ in CITY_EXAMPLES) | frozenset(common)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ((LOREM * 10)[:4000], Nonsense.TOO_LONG),
        ((LOREM * 2)[:500], Nonsense.UNKNOWN_WORDS),
        ("zonk the grabble please", Nonsense.UNKNOWN_WORDS),
        ("asdkjh qwe zxc", Nonsense.UNKNOWN_WORDS),
        ("a" * 300, Nonsense.NOT_WORDS),
        ("jkdfhg ksjdhf lkjsdf qwpoeiru", Nonsense.NOT_WORDS),
        ("qwertyuiop asdfghjkl zxcvbnm", Nonsense.NOT_WORDS),
        ("".join(random.Random(1).choices(string.ascii_lowercase + " ", k=300)), Nonsense.NOT_WORDS),
        ("pothole " * 500, Nonsense.TOO_LONG),
        ("pothole " * 200, Nonsense.REPETITIVE),
        ("my bin was not emptied. " * 20, Nonsense.REPETITIVE),
    ],
    ids=["lorem 4000", "lorem 500", "made-up words", "keyboard letters", "one letter", "keyboard mash",
         "keyboard rows", "random letters", "pothole x500", "pothole x200", "one sentence x20"],
)
def test_text_that_is_no_message_is_judged_so(text: str, expected: Nonsense) -> None:
    assert judge(text, known()) is expected


@pytest.mark.parametrize(
    "text",
    [
        "hi", "yes", "no", "no no no", "911", "2", "#2", "KYV-DRF-KJ6", "22 maple ct", "ok thx", "asap pls", "lol",
        "hw do i pay my prkng tkt", "helloooo anybody", "my garbige wasnt pickd up", "HELP HELP HELP",
        "hi it's Maria Gonzalez", "Olga Lin here", "1432 Wisteria Lane Oakdale", "corner of Kessler and Dunwoody",
        "the pothole on elm st is back again, same one i reported last month, ref KYV-DRF-KJ6",
        "市政厅在哪里", "Где находится мэрия",
    ],
)
def test_real_messages_are_left_to_the_classifier(text: str) -> None:
    assert judge(text, known()) is None


# The Spanish of issue 12's texts, and messages written as Spanish-speaking residents write (no accents,
# Mexican and Caribbean words): none may be called nonsense because the word list is English.
SPANISH = [
    "hola", "sí", "gracias", "en español", "hablas español?", "¿dónde pago mi multa de estacionamiento?",
    "donde pago mi multa", "hay un hoyo enorme en la calle frente a mi casa", "no recogieron la basura esta semana",
    "quiero reportar un carro abandonado en mi cuadra", "necesito hablar con una persona",
    "mi vecino tiene un perro que ladra toda la noche", "la banqueta esta rota enfrente de la escuela",
    "cuanto cuesta la licencia para mi perro", "se fue la luz del semaforo en la esquina",
    "hola necesito ayuda con mi factura de agua", "mi carro fue remolcado donde lo recojo",
]


@pytest.mark.parametrize("text", SPANISH)
def test_spanish_is_not_nonsense_for_want_of_a_spanish_word_list(text: str) -> None:
    assert judge(text, known()) is None


def test_the_training_examples_and_the_held_out_messages_are_all_messages() -> None:
    held_out = examples(ROOT / "tests" / "nlu" / "holdout.yml")
    assert [text for text, _ in CITY_EXAMPLES + held_out if judge(text, known())] == []


def test_one_character_over_the_limit_is_too_long() -> None:
    assert judge("a b " * (MAX_CHARS // 4) + "c", known()) is Nonsense.TOO_LONG
    assert judge("pothole on main st " * (MAX_CHARS // 19), known()) is not Nonsense.TOO_LONG


def test_words_are_plain_and_codes_are_left_out() -> None:
    assert words("¿Dónde está KYV-DRF-KJ6 on 5th Ave?") == ["donde", "esta", "on", "ave"]
    assert plain("Ñandú") == "nandu"


def test_a_valid_case_reference_run_together_is_a_message() -> None:
    from bot.references import new_reference

    reference = new_reference().replace("-", "").lower()
    assert judge(f"case #{reference}", frozenset()) is None
    assert judge(reference, frozenset()) is None
