"""Find and remove personal data from residents' messages before they are logged, reported or exported.

Each kind has its own detector module; `find` runs them from the most specific (e-mail, card, SSN) to the
least (address, name) and drops any span that overlaps one already found, so a card number is never also read
as a phone number. A learned tagger (`bot.pii.tagger`) then adds what it finds and the rules did not, on texts
up to a channel message. Every detector runs in time linear in the message: bounded quantifiers, anchored starts,
and a budget on calls into libphonenumber (tests/bot/test_pii_adversarial.py holds them to it).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from bot.pii.addresses import addresses
from bot.pii.births import births, dates_after_names
from bot.pii.contact import emails, phones, spelled_phones
from bot.pii.identifiers import cards, case_references, id_numbers, ssns
from bot.pii.names import person_names
from bot.pii.personal_numbers import own_numbers
from bot.pii.shapes import shaped_numbers
from bot.pii.signatures import EDGE_BUDGET
from bot.pii.spans import DIGIT, PiiKind, Span
from bot.pii.tagger import admitted, learned_spans
from bot.pii.vehicles import plates

__all__ = ["MAX_READ_CHARS", "PiiKind", "Span", "find", "redact"]

# Twice the longest message a channel accepts (ONE_DOOR_MAX_MESSAGE_CHARS, 4,000): no resident's message is
# longer. The detectors' cost is linear but adds up to about 5-10 microseconds a character on the worst hostile
# shapes, so a longer text is withheld whole instead of read: privacy is kept and the time stays bounded (about
# 40 ms at this length) whatever comes in.
MAX_READ_CHARS = 8_000

_DETECTORS: tuple[Callable[[str], list[Span]], ...] = (
    emails,
    cards,
    ssns,
    births,
    case_references,
    addresses,
    id_numbers,
    own_numbers,
    plates,
    phones,
    shaped_numbers,
    spelled_phones,
    person_names,
)
# Detectors whose every find holds a digit, or needs a word as its cue: skipped on text without one (a vanity
# plate has no digit).
_NEED_DIGITS = frozenset({cards, ssns, births, addresses, id_numbers, own_numbers, phones, shaped_numbers})
_NEED_LETTERS = frozenset({emails, plates, spelled_phones, person_names})
_LETTER = re.compile(r"[^\W\d_]")
_WORD_CHAR = re.compile(r"[^\W_]")


def _edges(kept: list[Span]) -> frozenset[int]:
    """Where the data found so far starts and ends: a name often stands between an address and a phone number.
    Hostile input yields thousands of spans; past `EDGE_BUDGET` none are given, and names are then looked for
    only at the start and end of the message."""
    if len(kept) > EDGE_BUDGET:
        return frozenset()
    return frozenset(edge for span in kept for edge in span[1:])


def find(text: str) -> list[Span]:
    """Every piece of personal data in `text`, in order, without overlaps.

    Kept spans stay sorted by start, so each new span is checked against its two neighbours only (a check
    against every kept span would be quadratic on a message full of card numbers). A text over `MAX_READ_CHARS`
    is one `WITHHELD` span, unread.
    """
    if len(text) > MAX_READ_CHARS:
        return [Span(PiiKind.WITHHELD, 0, len(text))]
    kept: list[Span] = []
    starts: list[int] = []
    has_digit, has_letter = DIGIT.search(text) is not None, _LETTER.search(text) is not None
    for detector in _DETECTORS:
        if (not has_digit and detector in _NEED_DIGITS) or (not has_letter and detector in _NEED_LETTERS):
            continue
        for span in person_names(text, _edges(kept)) if detector is person_names else detector(text):
            _keep(text, kept, starts, span)
    if has_digit:  # "Jaylen (3/3/2018)": a date right after a name is its birth date
        for span in dates_after_names(text, [span for span in kept if span.kind is PiiKind.NAME]):
            _keep(text, kept, starts, span)
    return union(text, kept, learned_spans(text))


def union(text: str, spans: list[Span], learned: list[Span]) -> list[Span]:
    """The rules' `spans` (in order, without overlaps) and what they leave of each `learned` span, where that part
    is still admitted: the rules OR the tagger."""
    kept, starts = list(spans), [span.start for span in spans]
    for span in learned:
        for piece in _uncovered(text, kept, starts, span):
            if admitted(text, piece):
                _keep(text, kept, starts, piece)
    return kept


def _uncovered(text: str, kept: list[Span], starts: list[int], span: Span) -> list[Span]:
    """The parts of `span` outside every kept span that hold a letter or digit ("Lopez" of "Ana Lopez" when a
    rule found "Ana"). Kept spans do not overlap, so they are in order of their ends too."""
    pieces, position = [], span.start
    for other in kept[max(0, bisect.bisect_right(starts, span.start) - 1) :]:
        if other.start >= span.end:
            break
        if other.end > position:
            pieces.append(Span(span.kind, position, max(position, other.start)))
            position = other.end
    pieces.append(Span(span.kind, position, span.end))
    return [piece for piece in pieces if piece.start < piece.end and _WORD_CHAR.search(text, piece.start, piece.end)]


def _keep(text: str, kept: list[Span], starts: list[int], span: Span) -> None:
    """Insert `span` in order unless it overlaps a span kept already; an ID number that runs into the data
    after it ("acct 004471203 17 Rockdale Ave") keeps its part before that data."""
    index = bisect.bisect_right(starts, span.start)
    if index > 0 and kept[index - 1].end > span.start:
        return
    if index < len(kept) and kept[index].start < span.end:
        span = _cut(text, span, kept[index].start)
        if span is None:
            return
    kept.insert(index, span)
    starts.insert(index, span.start)


_MIN_CUT_DIGITS = 5


def _cut(text: str, span: Span, end: int) -> Span | None:
    """The ID number in `span` up to `end`, when what is left is still one (five digits or more)."""
    kept = text[span.start : end].rstrip(" \t-,")
    if span.kind is not PiiKind.ID or len(DIGIT.findall(kept)) < _MIN_CUT_DIGITS:
        return None
    return Span(span.kind, span.start, span.start + len(kept))


def redact(text: str) -> str:
    """`text` with each piece of personal data replaced by its kind, for example `[PHONE]`."""
    pieces, position = [], 0
    for span in find(text):
        pieces += [text[position : span.start], f"[{span.kind.value}]"]
        position = span.end
    return "".join(pieces) + text[position:]
