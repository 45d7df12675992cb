"""Birth dates without a cue before them (docs/adr/0010, the lead's policies after round 7): a full date from
decades ago, and a date with its cue just after it. Cases written for these tests, none taken from a corpus."""

from __future__ import annotations

from datetime import date

import pytest

from bot.pii import redact

THIS_YEAR = date.today().year


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        # A day, a month and a year decades ago is someone's birth, whatever the words around it.
        ("renewal for the form, 7/19/1979, she moved", "renewal for the form, [DOB], she moved"),
        ("mom's is 11-30-1948 and she can't do stairs", "mom's is [DOB] and she can't do stairs"),
        ("put down 2/3/67 on the form", "put down [DOB] on the form"),
        ("tienen el 14 de febrero de 1990 y esta mal", "tienen [DOB] y esta mal"),
        ("Oct 3rd, 1955 for my dad", "[DOB] for my dad"),
        # A cue right after the date names it, for a child's recent date too.
        ("3/9/2019 is her birthday, can she join the camp", "[DOB] is her birthday, can she join the camp"),
        ("06/11/2016 (dob) for the lunch form", "[DOB] (dob) for the lunch form"),
    ],
)
def test_old_or_named_dates_are_redacted(text: str, stored: str) -> None:
    assert redact(text) == stored


@pytest.mark.parametrize(
    "text",
    [
        f"my ticket from 3/4/{THIS_YEAR - 1} was paid",
        f"the hearing is 11/02/{THIS_YEAR}",
        "we have lived here since March 1998",  # a month and a year: no day, no birth
        "the library opened in 1962",
        "update to version 1.2.30 broke the app",  # dots and a two-digit year: a version, not a date
        f"leak since 12-10-{THIS_YEAR - 3}, still not fixed",
    ],
)
def test_recent_or_partial_dates_survive(text: str) -> None:
    assert redact(text) == text
