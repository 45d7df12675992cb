"""Splitting long replies, numbered choices and SMS keywords."""

from __future__ import annotations

import pytest
from jinja2 import UndefinedError

from bot.messaging.contacts import Choice
from bot.messaging.keywords import Keyword, keyword
from bot.messaging.notices import Notice, render
from bot.messaging.text import chosen, numbered, split_text

CHOICES = [Choice("Report a pothole", "/pothole_report"), Choice("Streetlight out", "/streetlight_outage")]


def test_short_text_is_one_part() -> None:
    assert split_text("Hello.", 1600) == ["Hello."]
    assert split_text("", 1600) == [""]


def test_long_text_breaks_between_sentences_and_keeps_every_word() -> None:
    sentence = "The transfer station is open Saturday from eight to four. "
    text = sentence * 40
    parts = split_text(text, 300)
    assert all(len(part) <= 300 for part in parts)
    assert all(part.endswith(".") for part in parts)
    assert " ".join(parts).split() == text.split()


def test_a_paragraph_break_is_preferred_to_a_sentence_break() -> None:
    text = "A" * 150 + ". " + "B" * 100 + ".\n\n" + "C" * 200
    assert split_text(text, 300)[0] == "A" * 150 + ". " + "B" * 100 + "."


def test_a_word_longer_than_the_limit_is_cut() -> None:
    parts = split_text("x" * 25, 10)
    assert parts == ["x" * 10, "x" * 10, "x" * 5]


def test_choices_are_numbered_and_read_back_by_number_or_title() -> None:
    text = numbered("Did you mean:", CHOICES, "Reply with a number.")
    assert "1. Report a pothole\n2. Streetlight out" in text
    assert chosen("2", CHOICES) == CHOICES[1]
    assert chosen(" 1. ", CHOICES) == CHOICES[0]
    assert chosen("#2", CHOICES) == CHOICES[1]
    assert chosen("streetlight OUT", CHOICES) == CHOICES[1]
    assert chosen("3", CHOICES) is None
    assert chosen("the second one", CHOICES) is None
    assert numbered("No buttons", [], "Reply with a number.") == "No buttons"


@pytest.mark.parametrize("text, expected", [
    ("STOP", Keyword.STOP), ("stop", Keyword.STOP), (" Unsubscribe ", Keyword.STOP), ("cancel", Keyword.STOP),
    ("End", Keyword.STOP), ("QUIT", Keyword.STOP), ("stopall", Keyword.STOP), ("Stop.", Keyword.STOP),
    ("START", Keyword.START), ("unstop", Keyword.START), ("help", Keyword.HELP),
    ("stop the noise next door", None), ("I need help", None), ("", None),
])
def test_sms_keywords(text: str, expected: Keyword | None) -> None:
    assert keyword(text) is expected


def test_every_notice_renders_with_the_city_name() -> None:
    for notice in Notice:
        text = render(notice, "City of Harborview", privacy_url="https://harborview.example/privacy")
        assert text and "{{" not in text
    assert "STOP" in render(Notice.SMS_HELP, "City of Harborview")


@pytest.mark.parametrize("notice", [Notice.SMS_DISCLOSURE, Notice.TELEGRAM_DISCLOSURE])
def test_the_disclosure_is_one_short_line_naming_the_city_and_staff(notice: Notice) -> None:
    line = render(notice, "City of Harborview")
    assert "\n" not in line and len(line) <= 120
    assert "Automated assistant of the City of Harborview" in line and "person" in line.lower()


def test_a_notice_that_needs_the_privacy_notice_will_not_render_without_it() -> None:
    with pytest.raises(UndefinedError):
        render(Notice.WEBCHAT_WELCOME, "City of Harborview")
