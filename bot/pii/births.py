"""Dates of birth: dates within a short window after a birth cue, so that other dates (a missed pickup, a
hearing) survive."""

from __future__ import annotations

import bisect
import re
from datetime import date as calendar_date

from bot.pii.gazetteer import common_words, fold, names
from bot.pii.spans import PiiKind, Span, ascii_lower, starts_word

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MESES = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"
_ROMAN_MONTH = r"(?:xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)"
# A day written as a word: "the fourth of May, 1961", "March third, 1987", "the twenty-first of June".
_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
_DAY_WORD = (
    rf"(?:(?:twenty|thirty)[- ]?{_ORDINAL}|{_ORDINAL}|tenth|eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|nine)"
    r"teenth|twentieth|thirtieth)"
)
_DAY = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{_DAY_WORD})"
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{1,2}} \d{{1,2}} (?:19|20)\d{{2}}|\d{{4}}[/.-]\d{{1,2}}[/.-]\d{{1,2}}"
    rf"|{_MONTHS}\.? (?:the )?{_DAY},? \d{{4}}"
    rf"|(?:the )?{_DAY} (?:of )?{_MONTHS},? \d{{4}}|{_MONTHS}\.? \d{{1,2}}(?:st|nd|rd|th)?,? '?\d{{2}}"
    # "5-Mar-1971", "March 1971"
    rf"|\d{{1,2}}[-/ ]{_MONTHS}[-/ ](?:\d{{4}}|\d{{2}})|{_MONTHS}\.?,? (?:of )?(?:19|20)\d{{2}}"
    rf"|(?:el )?\d{{1,2}} de {_MESES}(?: de | del | )(?:\d{{4}}|'?\d{{2}})|\d{{1,2}}[-/. ]{_ROMAN_MONTH}[-/. ]\d{{2,4}}"
    rf"|(?:19|20)\d{{2}})"  # a year alone: "born in 1985"
)
# Chinese and Japanese write a date with its unit characters, which are letters to `re`: no word boundary.
_CJK_DATE = r"\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日"
_DOB_CUE = re.compile(
    r"(?:born|d\.?o\.?b\.?|dates? of birth|birth ?dates?|birthdays?|bday|b-day|naci[oó]?|nací|nacid[oa]|b\.(?= ?\d)"
    r"|n\.(?= ?\d)|nac\.|fecha de nacimiento|fecha de nac\.?|nacimiento|cumpleaños)(?!\w)"
    r"|(?P<cjk>生日|出生|生年月日)"  # no spaces between words in Chinese and Japanese: no boundary to check
)
_DATE_PATTERN = re.compile(rf"(?i)(?<![\w/.-]){_DATE}(?![\w/-])|{_CJK_DATE}")
# A date right after a name, in brackets or after a comma: "kids Jaylen (3/3/2018) and Jordyn (10/19/2020)".
_AFTER_NAME = re.compile(rf"(?i),? ?\(?((?<![\w/.-]){_DATE}(?![\w/-]))")
# A capitalised word with a full date in brackets after it is a person and their birth date, even when the name
# lists lack the word ("enroll Aiyana (6/14/2017)"); an ordinary word ("the hearing (3/14/2026)") is not.
_DATED_WORD = re.compile(rf"(?<![\w'’-])([A-Z][a-z'’-]{{1,30}}) \(((?i:{_DATE}))\)")
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
    cues = [cue for cue in _DOB_CUE.finditer(lowered) if cue.group("cjk") or starts_word(lowered, cue.start())]
    cue_starts, cue_ends = [cue.start() for cue in cues], [cue.end() for cue in cues]
    this_year = calendar_date.today().year
    spans: list[Span] = []
    for date in _DATE_PATTERN.finditer(text):
        nearest = bisect.bisect_right(cue_ends, date.start()) - 1
        window = _YEAR_WINDOW if date.end() - date.start() == _YEAR_LENGTH else _DOB_WINDOW
        cued = nearest >= 0 and date.end() - cue_ends[nearest] <= window
        if cued or _cue_follows(cue_starts, date) or _corrects(text, spans, date) or _long_ago(date.group(), this_year):
            spans.append(Span(PiiKind.DOB, date.start(), date.end()))
    return spans


# "05/06/1971 is my DOB", "3-4-2015 (birthday)": a cue just after a full date names it too.
_CUE_AFTER_WINDOW = 16


def _cue_follows(cue_starts: list[int], date: re.Match[str]) -> bool:
    following = bisect.bisect_left(cue_starts, date.end())
    return (
        following < len(cue_starts)
        and cue_starts[following] - date.end() <= _CUE_AFTER_WINDOW
        and len(_NUMBERS.findall(date.group())) > 1
    )


# A full date at least this many years old is a birth date, cue or no cue. A city's business (a ticket, a
# hearing, a pickup, a lease) is dated this year or the last few; a day of a month of a year decades ago, in a
# message to the city, is nearly always when someone was born. The cost of being wrong is an old event's date
# redacted in a report, not a person's data in it.
_LONG_AGO_YEARS = 16
_EARLIEST_YEAR = 1900
_LAST_MONTH, _LAST_DAY = 12, 31


def _long_ago(date: str, this_year: int) -> bool:
    """A date with a day, a month and a year (not "March 1971", not "1985") from `_LONG_AGO_YEARS` or more ago."""
    numbers = [int(number) for number in _NUMBERS.findall(date)]
    if len(numbers) < 2:
        return False
    four_digit = [number for number in numbers if number >= 1000]
    if four_digit:
        year = four_digit[0]
    elif "." in date:  # "1.2.30" is a version number more often than a date
        return False
    else:  # "5/6/71", "May 6th '71": a two-digit year, in this century when it is not in the future
        year = numbers[-1] + (2000 if numbers[-1] <= this_year % 100 else 1900)
    days = [number for number in numbers if number != year and number < 100][: 2 if len(numbers) > 2 else 1]
    if len(numbers) > 2 and (min(days) > _LAST_MONTH or max(days) > _LAST_DAY or min(days) == 0):
        return False  # "22-99-1044" is no date
    return _EARLIEST_YEAR <= year <= this_year - _LONG_AGO_YEARS


# A second full date shortly after a birth date is the same person's, corrected or spelled another way ("it
# says 3/12/1999 but it's 12/3/1999", "11-08-1963 not 08-11-1963").
_CORRECTION_GAP = 20
_SENTENCE_END = re.compile(r"[.!?;]\s")


def _corrects(text: str, spans: list[Span], date: re.Match[str]) -> bool:
    if not spans or date.start() - spans[-1].end > _CORRECTION_GAP or len(date.group()) <= _YEAR_LENGTH:
        return False
    return _SENTENCE_END.search(text, spans[-1].end, date.start()) is None


# Where a list of people opens or goes on: "household: Hunter (1/27/1984), ...", "Faith (2/2/2012) and Will (...)".
_LISTED_AFTER = re.compile(r"(?:^|[:,;]|\band|\by)[ \t]{0,2}\Z")
# An item after a dated one: "Faith (4/2/2015), Journey (9/9/2017)".
_AFTER_DATED = re.compile(r"\)(?:,|;| and| y| &)[ \t]{0,2}\Z")


def _dated_person(text: str, dated: re.Match[str]) -> bool:
    """A capitalised word before a full date in brackets is a person unless it is an ordinary word; an ordinary
    word is one when it is also a first name standing in a list ("household: Hunter (1/27/1984)"), or follows
    another dated item ("Faith (4/2/2015), Journey (9/9/2017)")."""
    key = fold(dated.group(1))
    if key not in common_words() or _AFTER_DATED.search(text, max(0, dated.start() - 6), dated.start()):
        return True
    listed = key in names() and names()[key].first > 0
    return listed and _LISTED_AFTER.search(text, max(0, dated.start() - 6), dated.start()) is not None


_NUMBERS = re.compile(r"\d+")


def dates_after_names(text: str, names: list[Span]) -> list[Span]:
    """Dates of birth written right after a person's name, with no birth word ("Ana Ruiz, 04/11/1952"), and
    unlisted names known by the date in brackets after them."""
    spans = []
    for dated in _DATED_WORD.finditer(text) if "(" in text else ():
        if _dated_person(text, dated) and len(dated.group(2)) > _YEAR_LENGTH:
            spans += [Span(PiiKind.NAME, dated.start(1), dated.end(1)), Span(PiiKind.DOB, *dated.span(2))]
    for name in names:
        date = _AFTER_NAME.match(text, name.end)
        if date is not None and len(_NUMBERS.findall(date.group(1))) > 1:  # a day and a year, not "March 2020"
            spans.append(Span(PiiKind.DOB, date.start(1), date.end(1)))
    return spans
