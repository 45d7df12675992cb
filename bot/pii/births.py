"""Dates of birth: dates within a short window after a birth cue, so that other dates (a missed pickup, a
hearing) survive."""

from __future__ import annotations

import bisect
import re

from bot.pii.gazetteer import common_words, fold, names
from bot.pii.spans import PiiKind, Span, ascii_lower, starts_word

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MESES = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"
_ROMAN_MONTH = r"(?:xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)"
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{1,2}} \d{{1,2}} (?:19|20)\d{{2}}|\d{{4}}[/.-]\d{{1,2}}[/.-]\d{{1,2}}"
    rf"|{_MONTHS}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTHS},? \d{{4}}|{_MONTHS}\.? \d{{1,2}}(?:st|nd|rd|th)?,? '?\d{{2}}"
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
    cues = _DOB_CUE.finditer(lowered)
    cue_ends = [cue.end() for cue in cues if cue.group("cjk") or starts_word(lowered, cue.start())]
    if not cue_ends:
        return []
    spans: list[Span] = []
    for date in _DATE_PATTERN.finditer(text):
        nearest = bisect.bisect_right(cue_ends, date.start()) - 1
        window = _YEAR_WINDOW if date.end() - date.start() == _YEAR_LENGTH else _DOB_WINDOW
        if (nearest >= 0 and date.end() - cue_ends[nearest] <= window) or _corrects(text, spans, date):
            spans.append(Span(PiiKind.DOB, date.start(), date.end()))
    return spans


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
