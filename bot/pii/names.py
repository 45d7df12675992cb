"""Names of people, with a cue ("my name is", "soy", "signed,") or without one ("thanks, Jamal Brown", "Olga Lin
here", "... pls fix. Tyrone").

Without a cue, a name is a known first name followed by a known surname (build/names.tsv, from names-dataset),
capitalised or all in capitals, or in lower case when neither word is ordinary English. A single known name
counts where names stand: after a greeting, sign-off, title or family word ("thanks, Maria", "Ms. Lin", "my
kid Yuri", "Caller: esperanza mamani"), or set apart by punctuation at the end of a message, before contact
details, or before "here" or "from". A listed first name that is no ordinary word counts wherever it stands ("my 2
boys Diego and Mateo"), and a word joined by "and" to a name is one too. Context keeps places named after people: a run of capitalised words holding a place or body word
("Martin Luther King Jr Blvd", "Harriet Tubman Elementary", "Cesar Chavez Day") is no name, nor is one after
"on", "at" or "near". Words that are also ordinary English ("Will", "Rose", "Brown") count only when common as
names.
"""

from __future__ import annotations

import heapq
import re

from bot.pii import gazetteer
from bot.pii.cued_names import cued_names
from bot.pii.households import households
from bot.pii.joined_names import joined_names
from bot.pii.loose_pairs import loose_pairs
from bot.pii.name_growth import grown_names
from bot.pii.name_cues import TITLE, WEAK_CUE
from bot.pii.name_forms import name_forms
from bot.pii.name_openings import opening_names
from bot.pii.name_vetoes import vetted
from bot.pii.name_rules import (
    extend,
    first_of_pair,
    is_known,
    known_key,
    lone_first_name,
    lower_pair,
    place_names,
    may_start,
    names_a_place,
    ordinary,
    ranked,
    very_common,
)
from bot.pii.name_words import (
    MONTHS_AND_DAYS,
    NOT_NAMES,
    PARTICLES,
    PLACE_PREPOSITIONS,
    STREET_PREPOSITIONS,
    Word,
    adjacent,
    words_of,
)
from bot.pii.signatures import signature_names
from bot.pii.spans import PiiKind, Span, ascii_lower, shouting, starts_word
from bot.pii.structural_names import structural_names

# What may follow a name that stands alone: the end of the message (contact details, punctuation, emoji
# allowed), a comma or bracket, a dash or bar, a line break, a phone number, or "here" / "from".
_TAIL = re.compile(r"(?:[^\w@]|\d|[\w.+-]{1,64}@[\w.-]{1,255}){0,80}\Z")
_STANDS_BEFORE = re.compile(r"(?i)\s{0,2}(?:[,)|\n:;–—-]|\(?\+?\d|from\b)")
_SELF_INTRODUCED = re.compile(r"(?i) (?:here|speaking|tu)\b")
_FROM = re.compile(r" (?:from|de|with|at) ")
_STANDS_AFTER = frozenset(".!?\n(,:;-–—~|")
_SENTENCE_END = re.compile(r"[.!?]\s")
# Lower-case names count alone only this close to the end of the message.
_LOWER_TAIL = 120
# Gazetteer words in one text past which context checks stop (a 4,000-character message holds under 700 words).
_CONTEXT_BUDGET = 2000
# "Ahanu Begay here": how far after a run's first word "here" may be.
_SELF_REACH = 80


def _pair_at(text: str, words: list[Word], i: int) -> int | None:
    """Index of the last word of a first name plus surname starting at `i` (a middle initial or name allowed)."""
    first = words[i]
    if not may_start(first.key) or first.shape == "other" or (first.shape == "upper" and len(first.text) <= 2):
        return None  # "WA DL": a state and an abbreviation
    for j in (i + 1, i + 2):
        if j >= len(words) or not adjacent(text, words[j - 1], words[j]):
            return None
        last, middle = words[j], words[i + 1]
        if first.shape != middle.shape and len(middle.text) > 1:
            return None
        if first.shape != last.shape or not ranked(last, first=False) or not first_of_pair(first, last):
            continue
        if j == i + 2 and not (len(middle.text) == 1 or is_known(middle)):
            return None
        if first.shape == "lower" and (ordinary(last) or not ranked(first, first=True) or len(first.text) < 3):
            return None
        if first.shape == "upper" and ordinary(first) and ordinary(last) and not very_common(first, last):
            return None  # "WILL BE HOME", "NO LA RECOGIERON"; but "ROSA PEÑA"
        return j
    return None


def _in_gazetteer(words: list[Word]) -> list[int]:
    """Indexes of the words the gazetteer knows at any rank, capitalised or no ordinary word: only these can
    start a name without a cue."""
    table, common = gazetteer.names(), gazetteer.common_words()
    return [
        i
        for i, word in enumerate(words)
        if (word.key in table and word.key not in NOT_NAMES)
        and (word.capitalised or (word.key not in common and known_key(word.key, True)))
        or "-" in word.text
    ]


def _pairs(text: str, words: list[Word], known: list[int], covered: set[int]) -> list[Span]:
    """First name plus surname pairs; the words they cover are added to `covered` and not looked at again."""
    spans = []
    for i in known:
        if i in covered:
            continue
        j = _pair_at(text, words, i)
        if j is None or names_a_place(text, words, i, j, STREET_PREPOSITIONS):
            continue
        if ordinary(words[i]) and _pair_at(text, words, i + 1) is not None:
            continue  # "Owner Margaret Cook", "Can Minh Le": the name starts one word later
        end = extend(text, words, j)
        spans.append(Span(PiiKind.NAME, words[i].start, words[end].end))
        covered.update(range(i, end + 1))
    return spans


def _apart_before(text: str, words: list[Word], i: int) -> bool:
    """Whether word i starts the message or follows punctuation."""
    before = text[max(0, words[i].start - 3) : words[i].start].rstrip(" \t")
    return i == 0 or (before != "" and before[-1] in _STANDS_AFTER)


def _stands_apart(text: str, words: list[Word], i: int, j: int) -> bool:
    """Whether words i..j are set apart like a signature: punctuation or the start before, and after them the
    end of the message, contact details, punctuation, "from", or "here" (which needs nothing before)."""
    if _SELF_INTRODUCED.match(text, words[j].end):
        return True
    if not _apart_before(text, words, i):
        return False
    end = words[j].end
    return any(pattern.match(text, end) is not None for pattern in (_STANDS_BEFORE, _SENTENCE_END, _TAIL))


def _apart_run(text: str, words: list[Word], i: int) -> int | None:
    """The last word of a run of one to three unusual capitalised words at `i`, one of them a known name,
    standing apart ("... pls fix. Tyrone", "Faadumo Hassan hassanf18@...", "D. Okonkwo."); a lone lower-case
    name only at the very end ("this is dangerous. mack")."""
    word = words[i]
    if word.shape == "lower":
        if len(text) - word.end > _LOWER_TAIL or i == 0:
            return None
        ok = ranked(word, first=True) and not ordinary(word) and _TAIL.match(text, word.end)
        return i if ok and _stands_apart(text, words, i, i) else None
    if not _apart_before(text, words, i) and not _SELF_INTRODUCED.search(text, word.end, word.end + _SELF_REACH):
        return None
    j = i
    while j + 1 < min(len(words), i + 3) and adjacent(text, words[j], words[j + 1]):
        if words[j + 1].shape != word.shape or ordinary(words[j + 1]):
            break
        j += 1
    for end in range(j, i - 1, -1):
        run = words[i : end + 1]
        if any(ordinary(w) and len(w.text) > 1 or w.key in MONTHS_AND_DAYS for w in run):
            continue
        extended = extend(text, words, end)
        if any(len(w.text) > 1 and is_known(w) for w in run) and _stands_apart(text, words, i, extended):
            return extended
    return None


def _past_particles(text: str, words: list[Word], i: int) -> int | None:
    """The capitalised surname after the particles that start at word i, if one follows."""
    k = i
    while k + 1 < min(len(words), i + 4) and words[k].key in PARTICLES and adjacent(text, words[k], words[k + 1]):
        k += 1
    return k if k > i and words[k].capitalised else None


def _surname_follows(text: str, words: list[Word], i: int) -> bool:
    """Whether a known surname of the same shape follows word i ("owner Haruto Tanaka")."""
    if i + 1 >= len(words) or not adjacent(text, words[i], words[i + 1]):
        return False
    return words[i + 1].shape == words[i].shape and ranked(words[i + 1], first=False)


def _singles(
    text: str, words: list[Word], known: list[int], index_at: dict[int, int], covered: set[int], edges: frozenset[int]
) -> list[Span]:
    """Known names in a name's place: after a cue, a title or other personal data, standing apart, or first
    names wherever they stand."""
    # A cued word must be known or precede a known one; a titled word must be capitalised. Without such words
    # the scans for cues and titles are skipped.
    cued: set[int | None] = set()
    titled: set[int | None] = set()
    cued = {index_at.get(m.end()) for m in WEAK_CUE.finditer(ascii_lower(text))} - {None}
    after_data = {index_at.get(edge + gap) for edge in edges for gap in (1, 2)} - {None}
    places, shouted = place_names(text, words), shouting(text)
    if any(word.capitalised for word in words):
        titled = {index_at.get(m.end()) for m in TITLE.finditer(text)} - {None}
    # A known word, or an unknown one right before a known one ("Faadumo Hassan").
    candidates = sorted(({i for i in known} | {i - 1 for i in known if i > 0} | cued | titled | after_data) - {None})
    queue: list[int] = list(candidates)
    heapq.heapify(queue)
    spans: list[Span] = []
    while queue:
        i = heapq.heappop(queue)
        word = words[i]
        street_dr = i > 1 and words[i - 1].key == "dr" and words[i - 2].capitalised  # "King Dr. I'm at", a street
        # "Lt. (ret.) Don Abernathy": after a title, two capitalised words are a name, even one that is a title.
        titled_pair = i in titled and not street_dr and i + 1 < len(words) and word.capitalised
        titled_pair = titled_pair and words[i + 1].capitalised and adjacent(text, word, words[i + 1])
        if not titled_pair and (i in covered or word.key in NOT_NAMES):
            continue
        if not titled_pair and word.shape == "upper" and len(word.text) <= 3 and i not in titled:
            continue  # an acronym: DL, DMV, USPS
        if titled_pair:
            end: int | None = i + 1
        elif word.capitalised and i in titled and not street_dr and (not ordinary(word) or is_known(word)):
            end = i
        elif i in titled and word.shape == "lower" and word.key in PARTICLES:
            end = _past_particles(text, words, i)  # "Mr. de la Fuente"
        elif word.capitalised and i in cued and word.key not in MONTHS_AND_DAYS and (
            is_known(word) or not ordinary(word)
        ) and not (shouted and word.shape == "upper" and ordinary(word) and not ranked(word, first=True)):
            end = i  # in capitals, "CALL ME BACK" is no name
        elif word.shape == "lower" and (i in cued or i in after_data) and (pair := lower_pair(text, words, i)):
            end = pair  # "call esperanza mamani"
        elif word.shape == "lower" and i in cued and ranked(word, first=True) and not ordinary(word):
            end = i  # "yo its jaylen"
        elif lone_first_name(text, words, i, places):
            end = i  # "my 2 boys Diego and Mateo"
        elif word.capitalised and _SELF_INTRODUCED.match(text, word.end) and ranked(word, first=True):
            end = i  # "Big Mike here"
        elif i == 0 and _FROM.match(text, word.end) and ranked(word, first=True) and word.shape != "other":
            end = i  # "Grace from the neighborhood watch", "ahmed from the gas station"
        elif word.shape in ("title", "upper", "lower") and (not ordinary(word) or len(word.text) == 1):
            end = _apart_run(text, words, i)
        else:
            continue
        prepositions = STREET_PREPOSITIONS if i in cued else PLACE_PREPOSITIONS
        if end is None or names_a_place(text, words, i, end, prepositions):
            continue
        end = extend(text, words, end)
        spans.append(Span(PiiKind.NAME, word.start, words[end].end))
        covered.update(range(i, end + 1))
    return spans


def person_names(text: str, edges: frozenset[int] = frozenset()) -> list[Span]:
    """Names after a cue, then known first-name-plus-surname pairs, then single names in a name's place, then
    runs in a signature's place; `edges` are where other personal data starts and ends (a name often stands
    between an address and a phone number)."""
    words = words_of(text)
    if not words:
        return []
    known = _in_gazetteer(words)
    if len(known) > _CONTEXT_BUDGET:
        # Far more names than any message holds: hostile input. Every known word is redacted, without the
        # context checks that would cost seconds on it.
        return [Span(PiiKind.NAME, words[i].start, words[i].end) for i in known if words[i].key not in NOT_NAMES]
    index_at = {word.start: n for n, word in enumerate(words)}
    covered: set[int] = set()
    pairs = _pairs(text, words, known, covered) + loose_pairs(text, words, known, covered)
    singles = _singles(text, words, known, index_at, covered, edges)
    signed = signature_names(text, words, index_at, covered, edges)
    structural = structural_names(text, words, index_at, edges)
    found = _merged(
        cued_names(text, words, index_at) + pairs + singles + signed + structural + households(text, edges)
        + name_forms(text) + opening_names(text, words, edges)
    )
    joined = _merged(found + joined_names(text, words, index_at, found))
    return vetted(text, _merged(grown_names(text, words, joined, edges)))


def _merged(spans: list[Span]) -> list[Span]:
    """Overlapping names joined into one ("Rosa" by its place, "Elena Vargas" as a pair)."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start < merged[-1].end:
            merged[-1] = Span(PiiKind.NAME, merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged
