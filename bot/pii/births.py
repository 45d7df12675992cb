"""Dates of birth: dates within a short window after a birth cue, so that other dates (a missed pickup, a
hearing) survive."""

from __future__ import annotations

import bisect
import re

from bot.pii.spans import PiiKind, Span, ascii_lower, starts_word

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MESES = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}[/.-]\d{{1,2}}[/.-]\d{{1,2}}"
    rf"|{_MONTHS}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTHS},? \d{{4}}|{_MONTHS}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{2}}"
    rf"|\d{{1,2}} de {_MESES} (?:de |del )?\d{{4}}|(?:19|20)\d{{2}})"  # a year alone: "born in 1985"
)
_DOB_CUE = re.compile(
    r"(?:born|d\.?o\.?b\.?|dates? of birth|birth ?dates?|birthdays?|bday|b-day|naci[oó]?|nací|nacid[oa]|b\.(?= ?\d)"
    r"|fecha de nacimiento|cumpleaños)(?!\w)"
)
_DATE_PATTERN = re.compile(rf"(?i)(?<![\w/.-]){_DATE}(?![\w/-])")
_DOB_WINDOW = 60
# A year alone counts only right after the cue ("born in 1985", "DOB 1990"), not "has it as 1950" further on.
_YEAR_LENGTH = 4
_YEAR_WINDOW = 12


def births(text: str) -> list[Span]:
    """Dates within a short window after a birth cue ("born", "DOB", "birthdays are ... and ...").

    One pass finds the cues and one the dates; a date counts when a cue ends close enough before it, which
    keeps "born born born ..." and pages of dates linear.
    """
    lowered = ascii_lower(text)
    cue_ends = [cue.end() for cue in _DOB_CUE.finditer(lowered) if starts_word(lowered, cue.start())]
    if not cue_ends:
        return []
    spans = []
    for date in _DATE_PATTERN.finditer(text):
        nearest = bisect.bisect_right(cue_ends, date.start()) - 1
        window = _YEAR_WINDOW if date.end() - date.start() == _YEAR_LENGTH else _DOB_WINDOW
        if nearest >= 0 and date.end() - cue_ends[nearest] <= window:
            spans.append(Span(PiiKind.DOB, date.start(), date.end()))
    return spans
