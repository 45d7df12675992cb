"""A learned sequence tagger that finds, beside the rules, the personal data they miss on a new writer's text.

Nine rounds of rules reached 99-100 % on the sets they read and 97-98.4 % on each new author, a different kind
lowest each time. A linear-chain CRF (python-crfsuite) trained on the retired sets of seven authors learns the
neighbourhoods of personal data rather than phrasings; leave-one-author-out (bench/pii_crf_loao.py, ADR 0010
round 10) showed rules OR tagger raise every unseen author's recall with clean questions barely touched.

It is gated: a token counts only when the tagger's marginal probability that it is personal data is at least
`FLOOR`; names it finds pass the rules' own veto pass (titles, saints, places, pets, countries, car makes), and a
civic building's quoted address is left. The model is trained at install (`make install` →
`build/pii-tagger.crfsuite`, scripts/build_pii_tagger.py); without it redaction runs on the rules alone, with
one warning. Text over `MAX_TAGGED_CHARS` (a channel's message limit) is not tagged, which keeps hostile input
to the rules' linear bounds.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from bot.pii import gazetteer
from bot.pii.contact import follows_reference
from bot.pii.name_vetoes import vetted
from bot.pii.name_words import MONTHS_AND_DAYS, PLACE_WORDS, SURNAME_PLACES
from bot.pii.public_places import public_address
from bot.pii.signatures import WISHES
from bot.pii.spans import DIGIT, PiiKind, Span
from bot.pii.tagger_features import features, tokens
from bot.settings import get_settings

if TYPE_CHECKING:
    import pycrfsuite

_LOG = logging.getLogger(__name__)
_READING = threading.Lock()

# The longest message a channel accepts (ONE_DOOR_MAX_MESSAGE_CHARS): about 800 tokens, a few milliseconds.
MAX_TAGGED_CHARS = 4_000
# About what a 4,000-character message holds; tokens past it are left to the rules (punctuation typed 4,000 times
# would otherwise be 4,000 tokens).
MAX_TAGGED_TOKENS = 1_000
# Tokens read below this are not kept at all (the experiment's lowest floor).
MIN_READ = 0.15
# The least marginal probability of "personal data" at which a token counts (chosen by leave-one-author-out).
FLOOR = 0.5
# Characters that may stand between two tokens of one span ("555-0142", "Mary-Jo", "J. Smith").
_JOINERS = " -.,'/()#"
_WORDS = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_ARTICLES = frozenset({"the", "de"})
_ARTICLES_BEFORE = ("the ", "de ")
# A bare number from the tagger is kept from this many digits (a phone, an SSN, a card, an account), never a
# year, a room, a time, a ZIP code or the last four digits, which the rules read by their cues.
_MIN_BARE_DIGITS = 7
_YEARS = re.compile(r"(?:(?:19|20)\d\d[ ,;-]*)+")
_ACCOUNT = re.compile(r"(?i)\b(?:account|acct|cuenta)\b")


class Mark(NamedTuple):
    """One token's reading: where it is, its likeliest kind of personal data, the probability that it is one."""

    start: int
    end: int
    kind: str
    probability: float


@lru_cache(maxsize=1)
def _tagger() -> pycrfsuite.Tagger | None:
    """The model built at install, opened once; None (and one warning) when it or the library is missing."""
    path = get_settings().pii_tagger_path
    try:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
    except (ImportError, OSError) as error:
        _LOG.warning("PII tagger not loaded (%s: %s); redacting with the rules alone", path, error)
        return None
    return tagger


def marks(tagger: pycrfsuite.Tagger, text: str) -> list[Mark]:
    """The tokens of `text` (the first `MAX_TAGGED_TOKENS`) the tagger reads as personal data at `MIN_READ` or
    more, with their likeliest kind; the kind is asked only of those, since most tokens are plainly not."""
    toks = tokens(text)[:MAX_TAGGED_TOKENS]
    if not toks:
        return []
    rows = features(text, toks)
    readings = []
    with _READING:  # a Tagger holds the sequence it last read: one reader at a time
        tagger.set(rows)
        kinds = [label for label in tagger.labels() if label != "O"]
        for index, tok in enumerate(toks):
            probability = 1.0 - tagger.marginal("O", index)
            if probability >= MIN_READ:
                kind = max(kinds, key=lambda label: tagger.marginal(label, index))
                readings.append(Mark(tok.start, tok.end, kind, probability))
    return readings


def gated(text: str, readings: list[Mark], floor: float = FLOOR) -> list[Span]:
    """Runs of tokens of one kind read at `floor` or above, each passing the gate of its kind.
    Tokens are joined when only spaces and joining punctuation stand between them."""
    spans: list[Span] = []
    for mark in readings:
        if mark.probability < floor:
            continue
        last = spans[-1] if spans else None
        if last is not None and last.kind.value == mark.kind and not text[last.end : mark.start].strip(_JOINERS):
            spans[-1] = Span(last.kind, last.start, mark.end)
        else:
            spans.append(Span(PiiKind[mark.kind], mark.start, mark.end))
    names = vetted(text, [span for span in spans if span.kind is PiiKind.NAME and admitted(text, span)])
    others = [span for span in spans if span.kind is not PiiKind.NAME and admitted(text, span)]
    return sorted(names + others, key=lambda span: span.start)


def _not_a_person(text: str, span: Span) -> bool:
    """Whether a name the tagger found names a place or a time: a place word in it or right after it ("Patsy
    Mink Park", "Maya Angelou Community Garden"), except a surname that is also a place word closing two words
    ("Jennifer Park"); one word after "the" or "de" ("the Bronx", "de Sonora"); a month or day; a wish ("Merry
    Christmas")."""
    words = [gazetteer.fold(word) for word in _WORDS.findall(text, span.start, span.end)]
    after = _WORDS.search(text, span.end)
    following = gazetteer.fold(after.group()) if after and not text[span.end : after.start()].strip() else ""
    before = text[max(0, span.start - 4) : span.start].lower()
    places = [word in PLACE_WORDS for word in words]
    if not words or following in PLACE_WORDS or any(places[:-1]) or words[0] in WISHES:
        return True
    if words[0] in _ARTICLES:
        words, before = words[1:], f"{words[0]} "
    if not words:
        return True
    if len(words) == 1 and (words[0] in MONTHS_AND_DAYS or before.endswith(_ARTICLES_BEFORE)):
        return True
    return places[-1] and not (len(words) == 2 and words[-1] in SURNAME_PLACES)


def admitted(text: str, span: Span) -> bool:
    """Whether a span the tagger found, or the part of it the rules left, keeps the conventions: see
    `_not_a_person` and `_passes`."""
    return not _not_a_person(text, span) if span.kind is PiiKind.NAME else _passes(text, span)


def _passes(text: str, span: Span) -> bool:
    """The labelling conventions the rules keep, which a tagger learns only roughly. What it finds must hold a
    digit, and a letter unless it is a long number (`_long_number`): a short bare number (a year, a ZIP code, a
    room, a time, "2019 2020 2021") is the rules' to read by its shape and cue, and a street or a state alone is
    no one's. An address is two words or more with a capital ("3D" alone is a film; "12 elm" typed in passing is
    left to the rules), never a civic building's; the city's own numbers after their cue ("permit B25-9635",
    "case # 4471-2209") are left, an account's excepted."""
    written = text[span.start : span.end]
    if DIGIT.search(written) is None or (_LETTER.search(written) is None and not _long_number(written)):
        return False
    if span.kind is PiiKind.ADDRESS:
        return " " in written.strip() and written != written.lower() and not public_address(text, span)
    return not follows_reference(text, span.start) or _ACCOUNT.search(text, max(0, span.start - 30), span.start)


def _long_number(written: str) -> bool:
    """A number of `_MIN_BARE_DIGITS` digits or more that is neither years in a row nor a date."""
    digits = DIGIT.findall(written)
    return len(digits) >= _MIN_BARE_DIGITS and _YEARS.fullmatch(written) is None and "/" not in written


def learned_spans(text: str) -> list[Span]:
    """What the tagger finds in `text`, gated; nothing when the model is absent or the text is over the limit."""
    tagger = _tagger() if len(text) <= MAX_TAGGED_CHARS else None
    return gated(text, marks(tagger, text)) if tagger is not None else []
