"""Every function that reads a resident's text finishes 100 kB of hostile input in under 100 ms.

Python's `re` backtracks: one unbounded `.*` after a cue that repeats, or a run of characters with no left
boundary, makes a pattern's time grow with the square of the input, and these functions run on the server's
event loop, where one slow message stalls every resident. The inputs are the shapes that hurt: a cue word over
and over, long runs of words, digits, separators and nested punctuation, one character repeated, and random
printable text.

Note:
    Timed tests are allowed here only (see the issue): the bound is about a hundred times what linear code
    takes, and each function gets a warm-up call and the best of three runs, timed in the thread's CPU time, so
    that a busy machine does not fail it. Each case runs in a forked child that is killed after a few seconds, so that a quadratic case
    fails at once instead of running for a minute.
"""

from __future__ import annotations

import multiprocessing
import random
import string
import time
from collections.abc import Callable
from functools import lru_cache
from multiprocessing.connection import Connection
from typing import Any
from urllib.parse import urlencode

import pytest

from bot import pii, references, safety, vulnerability
from bot.case_form import clean_answer
from bot.catalog import CaseField
from bot.gibberish import judge
from bot.inputs import MAX_CHARS
from bot.messaging.contacts import Choice
from bot.messaging.keywords import keyword
from bot.messaging.text import chosen, split_text
from bot.themes import _words as theme_words
from channels.sms import FORM_TYPE, parse_sms_payload, read_form, resident_text
from channels.telegram_updates import is_start, parse_telegram_payload, resident_words

SIZE = 100_000
BOUND_SECONDS = 0.100
GIVE_UP_SECONDS = 5.0
CHOICES = [Choice("Pothole", "/pothole_report"), Choice("Streetlight out", "/streetlight_report")]


def _repeat(unit: str) -> str:
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


def _random_printable() -> str:
    return "".join(random.Random(9).choices(string.printable, k=SIZE))


def _word_run() -> str:
    words = ["pothole", "main", "street", "lorem", "ipsum", "crash", "name", "call", "born", "apt", "the"]
    return " ".join(random.Random(3).choices(words, k=SIZE // 5))[:SIZE]


INPUTS: dict[str, str] = {
    "crash repeated": _repeat("crash "),
    "crashed repeated": _repeat("crashed into "),
    "name cue repeated": _repeat("my name is "),
    "this is repeated": _repeat("this is "),
    "injur run": _repeat("injur"),
    "born cue repeated": _repeat("born on "),
    "call me repeated": _repeat("call me at "),
    "long word run": _word_run(),
    "one long word": _repeat("abcdefghij"),
    "digit run": _repeat("1"),
    "digit groups": _repeat("555 "),
    "phone-like run": _repeat("555-"),
    "open brackets": _repeat("("),
    "dotted letters": _repeat("a."),
    "at signs": _repeat("@"),
    "e-mail-like run": _repeat("a@a."),
    "dash digits": _repeat("-1"),
    "slashes": _repeat("/"),
    "slash-space pairs": _repeat("/ "),
    "slash-bot pairs": _repeat("/@b "),
    "reference-like run": _repeat("KYV-"),
    "one character": _repeat("a"),
    "spaces then a letter": " " * (SIZE - 1) + "x",
    "no then spaces": "no" + " " * (SIZE - 3) + "x",
    "digit then spaces": "1" + " " * (SIZE - 2) + "x",
    "newlines": _repeat("\n"),
    "random printable": _random_printable(),
    "help repeated": _repeat("help "),
    "past crime cue repeated": _repeat("robbed "),
    "property cue repeated": _repeat("car stuck in "),
    "spanish farewell repeated": _repeat("me quiero morir "),
    "despair cue repeated": _repeat("i'm not "),
    "lying cue repeated": _repeat("lying in "),
}


@lru_cache(maxsize=2)
def _twilio_body(text: str) -> bytes:
    """The form Twilio would post with `text` as the message (and as the media count); encoded once, since
    encoding is not what is timed."""
    return urlencode({"MessageSid": "SM1", "From": "+15550100001", "Body": text, "NumMedia": text}).encode()


def _sms_form(text: str) -> Any:
    return parse_sms_payload(read_form(_twilio_body(text), FORM_TYPE) or {})


def _telegram_update(text: str) -> Any:
    chat = {"id": 5123456789, "type": "private"}
    return parse_telegram_payload({"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": chat, "text": text}})


FUNCTIONS: dict[str, Callable[[str], Any]] = {
    "pii.find": pii.find,
    "pii.redact": pii.redact,
    "safety.detect": safety.detect,
    "vulnerability.cues": vulnerability.cues,
    "safety.urgent_intent (danger-words component)": lambda text: safety.urgent_intent("nlu_fallback", text),
    "safety.calmed_intent (danger-words component)": lambda text: safety.calmed_intent("emergency", text, [], 0.3),
    "references.find": references.find,
    "references.parse": references.parse,
    "themes tokeniser": theme_words,
    "gibberish guard": lambda text: judge(text, frozenset({"pothole", "the"})),
    "gibberish guard (at the length limit)": lambda text: judge(text[:MAX_CHARS], frozenset({"pothole", "the"})),
    "case form decline": lambda text: clean_answer(CaseField.CONTACT, text),
    "sms read_form (raw body)": lambda text: read_form(text.encode(), FORM_TYPE),
    "sms form parsing": _sms_form,
    "sms resident_text": resident_text,
    "sms keyword": keyword,
    "numbered choice": lambda text: chosen(text, CHOICES),
    "split_text": lambda text: split_text(text, 1600),
    "telegram update": _telegram_update,
    "telegram resident_words": resident_words,
    "telegram is_start": is_start,
}


def _seconds(function: Callable[[str], Any], text: str) -> float:
    """The CPU time of the best of three calls after a warm-up: the work the call does, whatever else the machine
    (other tests' servers, a neighbour's build) is doing at the same moment."""
    function(text[:1000])  # imports, caches and compiled patterns
    timings = []
    for _ in range(3):
        start = time.thread_time()
        function(text)
        timings.append(time.thread_time() - start)
    return min(timings)


def _measure_in_child(function: Callable[[str], Any], text: str, results: Connection) -> None:
    results.send(_seconds(function, text))


def _seconds_or_give_up(function: Callable[[str], Any], text: str) -> float:
    """Measure in a forked child, which is killed after `GIVE_UP_SECONDS`: Python's `re` checks for signals
    only in some of its loops, so a quadratic pattern cannot always be interrupted in this process."""
    receiver, sender = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=_measure_in_child, args=(function, text, sender))
    child.start()
    try:
        if not receiver.poll(GIVE_UP_SECONDS):
            pytest.fail(f"still running after {GIVE_UP_SECONDS} s")
        return float(receiver.recv())
    finally:
        child.kill()
        child.join()


@pytest.mark.parametrize("text", INPUTS.values(), ids=INPUTS.keys())
@pytest.mark.parametrize("function", FUNCTIONS.values(), ids=FUNCTIONS.keys())
def test_100_kb_of_adversarial_input_takes_under_100_ms(function: Callable[[str], Any], text: str) -> None:
    assert len(text) == SIZE
    assert _seconds_or_give_up(function, text) < BOUND_SECONDS
