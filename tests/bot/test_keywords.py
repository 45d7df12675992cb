"""What carriers' keywords do to a subscription, and requests to stop messages put in words (and look-alikes
that are not)."""

from __future__ import annotations

import time

import pytest

from bot.messaging.keywords import Keyword, Subscription, asks_to_stop_messages, keyword, keyword_language, receive

OPTED_OUT = Subscription(opted_out=True)


@pytest.mark.parametrize(
    ("word", "before", "after", "answered"),
    [
        (Keyword.STOP, Subscription(), OPTED_OUT, True),
        (Keyword.HELP, Subscription(), Subscription(), True),
        (Keyword.START, Subscription(), Subscription(), True),
        (Keyword.STOP, OPTED_OUT, Subscription(True, frozenset({Keyword.STOP})), True),
        (Keyword.HELP, OPTED_OUT, Subscription(True, frozenset({Keyword.HELP})), True),
        (Keyword.STOP, Subscription(True, frozenset({Keyword.STOP})), Subscription(True, frozenset({Keyword.STOP})),
         False),
        (Keyword.HELP, Subscription(True, frozenset({Keyword.HELP, Keyword.STOP})),
         Subscription(True, frozenset({Keyword.HELP, Keyword.STOP})), False),
        (Keyword.START, Subscription(True, frozenset({Keyword.HELP, Keyword.STOP})), Subscription(), True),
    ],
    ids=["stop", "help", "start", "stop again", "help after stop", "third stop", "second help after stop",
         "start after stop"],
)
def test_each_keyword_changes_the_subscription_and_is_answered_as_carriers_require(
    word: Keyword, before: Subscription, after: Subscription, answered: bool
) -> None:
    assert receive(word, before) == (after, answered)


@pytest.mark.parametrize(
    "text",
    [
        "stop texting me", "Stop messaging me!", "please stop sending me texts", "unsubscribe me",
        "don't message me again", "no more texts", "Please stop texting me.", "hi, stop texting me",
        "Don\u2019t text me", "opt me out", "unsubscribe", "unsubscribe me from these texts please",
        "i don't want any more messages", "STOP SENDING ME MESSAGES", "stop the notifications",
        "deja de enviarme mensajes", "no me manden más mensajes", "No me manden mas mensajes", "ya no me escriban",
        "quiero darme de baja", "dejen de escribirme por favor", "no quiero recibir más mensajes",
    ],
)
def test_a_request_to_stop_messages_in_words_is_recognised(text: str) -> None:
    assert asks_to_stop_messages(text)


@pytest.mark.parametrize(
    "text",
    [
        "stop sign is down", "the bus doesn't stop here", "I can't stop crying", "my ex won't stop texting me",
        "the neighbour won't stop messaging me threats", "stop the noise", "please stop the construction noise",
        "how do I stop my water service", "no more trash pickup?", "stop sending garbage trucks at 5am",
        "stop sending me bills for water I didn't use", "don't contact me about the report",
        "text me when it's fixed", "unsubscribe from the newsletter how", "quiero dar de baja mi licencia de negocio",
        "no me mandaron la factura", "stop", "help", "",
        # Danger comes first: these need the crisis line or 911, not an opt-out.
        "stop texting me, I want to end it all", "stop messaging me, there's a fire in my kitchen",
    ],
)
def test_look_alikes_and_messages_that_speak_of_danger_are_not_a_request_to_stop(text: str) -> None:
    assert not asks_to_stop_messages(text)


@pytest.mark.parametrize(
    "text",
    ["stop " * 20_000, "please " * 15_000 + "stop texting me", "no " * 30_000, "unsubscribe me " + "x" * 100_000],
    ids=["repeated cue", "long polite run", "repeated start", "long tail"],
)
def test_100_kb_of_adversarial_input_is_read_in_under_100_ms(text: str) -> None:
    started = time.perf_counter()
    asks_to_stop_messages(text)
    assert time.perf_counter() - started < 0.1


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ALTO", Keyword.STOP), ("baja", Keyword.STOP), ("Ayuda", Keyword.HELP), ("INICIO", Keyword.START)],
)
def test_spanish_keywords_are_honoured_and_answered_in_spanish(text: str, expected: Keyword) -> None:
    assert keyword(text) is expected
    assert keyword_language(text) == "es"


def test_cancelar_leaves_a_reports_questions_and_never_ends_every_text() -> None:
    assert keyword("cancelar") is None


def test_the_carriers_keywords_are_answered_in_the_citys_language() -> None:
    assert keyword_language("STOP") is None
