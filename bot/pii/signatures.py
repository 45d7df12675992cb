"""Names told by where they stand rather than by the list: a signature at the end of a message, a name right
after or before other personal data, and a run before a bar or a phone number.

The gazetteer misses many residents' names (Navajo, Lakota, Somali and Ashkenazi surnames rank nowhere in
names-dataset), and many first names are also ordinary words ("Bill", "Hope", "Ray"). Where a message puts a
name is the better evidence: a short run of one to three words set apart at the very end of a message, or
wedged between an address and a phone number, is almost always its writer. The rules here accept such a run
when it looks like a name (a known first name, even an ordinary-word one, or capitalised words that are no
ordinary word), and never when it holds a place word, a month, or only ordinary words.
"""

from __future__ import annotations

import re

from bot.pii import gazetteer
from bot.pii.name_rules import ORDINARY_FIRST, VERY_COMMON_LAST, extend, is_known, names_a_place, ordinary, ranked
from bot.pii.name_words import MONTHS_AND_DAYS, NOT_NAMES, PARTICLES, Word, adjacent
from bot.pii.spans import PiiKind, Span, starts_word

# After the run: the end of the message (emoji, punctuation and contact details allowed), a bar, a phone
# number or bracketed date (three digits, or "+", "(" or "1-" first: "tengo 3 boletas" is a count) or e-mail
# after at most a comma, or "here" / "speaking".
_END = re.compile(r"(?:[^\w@]|\d|[\w.+-]{1,64}@[\w.-]{1,255}){0,80}\Z")
_BEFORE_CONTACT = re.compile(
    r"(?i)[ \t]{0,2}(?:\||[,;:]?[ \t]{0,2}(?:\+\d|\(\d|\d{3}|1[-. (]{1,2}\d{3}|[\w.+-]{1,64}@)| (?:here|speaking)\b"
    r"| (?:&|and|y) (?-i:[A-Z]))"
)
# Before the run: the start of the message, sentence punctuation, a dash, slash or bar, or a sign-off word.
_APART = frozenset(".!?\n,:;-–—~|/()")
# Words after which a signature starts (the last word before the run, punctuation stripped).
_SIGN_OFFS = frozenset(
    "saludos atte atentamente bendiciones gracias thanks thank you thx ty regards cheers best sincerely "
    "respectfully love from signed by".split()
)
_MAX_RUN = 3
# Edges of other data past which only the start and end of a message are looked at (a 4,000-character
# message holds far fewer; hostile input holds thousands).
EDGE_BUDGET = 200
# How far from the end of a message a signature is looked for.
_TAIL_REACH = 160
_SELF = re.compile(r",? (?:here|speaking)\b")
_BAR = re.compile(r"\||here\b|speaking\b")
# A lone lower-case ordinary word ("ray", not "pretty") must be among the most common first names.
LONE_ORDINARY_LOWER = 100


def _opens(text: str, words: list[Word], i: int, edges: frozenset[int]) -> bool:
    """Whether word i stands where a signature starts: the start, punctuation, a sign-off, or other data."""
    start = words[i].start
    before = text[max(0, start - 40) : start]
    stripped = before.rstrip(" \t")
    if i == 0 and stripped == "":
        return True
    if any(start - gap in edges for gap in (1, 2)) or (stripped and stripped[-1] in _APART):
        return True
    last_word = stripped.rstrip(",:.!-– ").rpartition(" ")[2].lower()
    return last_word in _SIGN_OFFS


def _closes(text: str, end: int, edges: frozenset[int]) -> bool:
    """Whether the run ends the message, or is followed by contact details, a bar, other data or "here"."""
    if any(end + gap in edges for gap in (1, 2)):
        return True
    return _END.match(text, end) is not None or _BEFORE_CONTACT.match(text, end) is not None


def _surname(word: Word, strict: bool) -> bool:
    """Whether `word` may follow a first name in a signature: an initial, a known surname, or a word that is
    no ordinary word. `strict` (after a lower-case first name that is an ordinary word: "hope williams", not
    "pretty deep") asks for a listed surname that is no ordinary word."""
    if len(word.text) == 1:
        return True
    if strict:
        return not ordinary(word) and ranked(word, first=False)
    if word.shape == "lower":
        return not ordinary(word) and len(word.text) > 2
    return ranked(word, first=False) or not ordinary(word)


def _namelike(run: list[Word]) -> bool:
    """A known first name (an ordinary-word one too) then surnames or initials; or two or three capitalised
    words that are no ordinary words; never a place word, a month, an acronym or a particle first."""
    first, rest = run[0], run[1:]
    if first.key in PARTICLES or any(
        word.place or word.key in MONTHS_AND_DAYS or word.key in NOT_NAMES or _acronym(word) for word in run
    ):
        return False
    if len({word.shape for word in run if len(word.text) > 1}) > 1:
        return False
    if len(first.text) == 1:
        return bool(rest) and all(_surname(word, strict=False) for word in rest)
    if ranked(first, first=True):
        strict = first.shape == "lower" and ordinary(first)
        return all(_surname(word, strict) for word in rest)
    # Neither word listed: "Ahanu Redcloud |", "Shilah Tsosie, 505-...", never in lower case.
    return len(run) >= 2 and first.shape != "lower" and not any(ordinary(word) for word in run)


# Words that open a closing wish or a self-introduction, never a signature's first name: "Merry Christmas",
# "Go Bears", "God Bless", "Soy Treviño" (the surname is found by its cue).
WISHES = frozenset("go happy merry god best kind warm many thank feliz buen buenas stay have soy yo love".split())


_NEVER_SIGNED = MONTHS_AND_DAYS | NOT_NAMES


def _closing_pair(text: str, run: list[Word]) -> bool:
    """"... on the form. Autumn Rivers": two capitalised words that end the message after a sentence, a listed
    first name even if an ordinary word, then a listed surname or a word that is no ordinary one ("River
    Starlight"); never a wish, a place or a month."""
    if len(run) != 2 or any(w.shape != "title" or w.place or w.key in _NEVER_SIGNED for w in run):
        return False
    first, last = run
    rank = gazetteer.names().get(first.key)
    if rank is None or rank.first == 0 or first.key in WISHES or _END.match(text, last.end) is None:
        return False
    return ranked(last, first=False) or not ordinary(last)


def _lone_ordinary(word: Word) -> bool:
    """A lone first name that is also an ordinary word ("Bill", "ray") counts only when it is a common name."""
    rank = gazetteer.names().get(word.key)
    limit = LONE_ORDINARY_LOWER if word.shape == "lower" else ORDINARY_FIRST
    return rank is not None and 0 < rank.first <= limit


def _before_data(text: str, end: int, edges: frozenset[int]) -> bool:
    return end + 1 in edges or end + 2 in edges or _BEFORE_CONTACT.match(text, end) is not None


def _named_before_data(text: str, run: list[Word], edges: frozenset[int]) -> bool:
    """"Aiyana Two Bulls, 605-...", "DARNELL HOOKS here": a listed first name, then words written in its case
    even if ordinary (many Lakota, Navajo and Cheyenne surnames are: "Two Bulls", "Little Thunder"), right
    before contact details or "here"."""
    first, rest = run[0], run[1:]
    listed = ranked(first, first=True) or first.key in gazetteer.names()
    if not rest or first.shape not in ("title", "upper") or not listed or ordinary(first):
        return False
    if any(w.shape != first.shape or w.place or w.key in NOT_NAMES or w.key in MONTHS_AND_DAYS for w in rest):
        return False
    if first.shape == "upper" and any(len(w.text) <= 3 and not ranked(w, first=False) for w in rest):
        return False  # "WALTER J. KOWALSKI OF 19 BEECH ST": a shouted preposition
    return _before_data(text, run[-1].end, edges) or _SELF.match(text, run[-1].end) is not None


def _introduced(text: str, run: list[Word]) -> bool:
    """"faadumo warsame here": two or three lower-case words before "here" or "speaking", none of them ordinary,
    one of them listed at any rank."""
    if len(run) < 2 or run[0].shape != "lower" or _SELF.match(text, run[-1].end) is None:
        return False
    table = gazetteer.names()
    return all(not ordinary(word) and len(word.text) > 2 for word in run) and any(w.key in table for w in run)


def _acronym(word: Word) -> bool:
    return word.shape == "upper" and len(word.text) <= 3  # "WA", "DMV"


def _lone_rare(word: Word) -> bool:
    """A capitalised word the gazetteer lists at any rank and that is no ordinary word ("Keyshawn")."""
    listed = word.key in gazetteer.names() and word.key not in NOT_NAMES
    return listed and word.capitalised and not _acronym(word) and not ordinary(word)


def _candidates(text: str, words: list[Word], edges: frozenset[int], at_start: dict[int, int]) -> list[int]:
    """Where a signature may start: the first words, the last few, and the words next to other data or a bar.
    Only these are looked at, so that 100 kB of words costs a few set look-ups, not a check per word."""
    found = set(range(min(len(words), _MAX_RUN)))
    n = len(words) - 1
    while n >= 0 and words[n].start >= len(text) - _TAIL_REACH:
        found.add(n)
        n -= 1
    bars = (
        [bar for bar in _BAR.finditer(text) if starts_word(text, bar.start())] if len(edges) <= EDGE_BUDGET else []
    )
    if not (edges or bars) or len(edges) + len(bars) > EDGE_BUDGET:
        return sorted(found)  # nothing more to look at, or hostile input: only the start and the end
    at_end = {word.end: n for n, word in enumerate(words)}
    ends_before = [edge - gap for edge in edges for gap in (1, 2)]
    for bar in bars:
        k = bar.start()
        while k > 0 and text[k - 1] in " \t":
            k -= 1
        ends_before.append(k)
    for edge in edges:
        found.update(at_start[edge + gap] for gap in (1, 2) if edge + gap in at_start)
    for end in ends_before:
        if end in at_end:
            found.update(range(max(0, at_end[end] - _MAX_RUN + 1), at_end[end] + 1))
    return sorted(found)


def signature_names(
    text: str, words: list[Word], index_at: dict[int, int], covered: set[int], edges: frozenset[int]
) -> list[Span]:
    """Runs of one to three words that stand where a writer signs, and that look like a name; `index_at` maps
    where each word starts to its index."""
    spans = []
    for i in _candidates(text, words, edges, index_at):
        if not _opens(text, words, i, edges):  # a covered start may grow: overlapping names are merged
            continue
        last = i
        while last + 1 < min(len(words), i + _MAX_RUN) and adjacent(text, words[last], words[last + 1]):
            last += 1
        for j in range(last, i - 1, -1):
            run = words[i : j + 1]
            lone = run[0] if j == i else None
            if lone is not None and _lone_rare(lone) and not is_known(lone):
                accepted = _before_data(text, lone.end, edges)  # "Keyshawn 313-..."
            elif lone is not None and ordinary(lone):
                accepted = _namelike(run) and _lone_ordinary(lone) and (
                    _END.match(text, lone.end) is not None or _before_data(text, lone.end, edges)
                )
            elif lone is not None and lone.shape == "lower":
                # "... 12 Oak St ray", "... fix it. rosa": at the very end or right before other data.
                at_end = _END.match(text, lone.end) is not None or lone.end + 1 in edges
                accepted = i > 0 and at_end and _namelike(run)
            else:
                accepted = _namelike(run) or _introduced(text, run) or _named_before_data(text, run, edges)
                accepted = accepted or _closing_pair(text, run)
            if not accepted:
                continue
            end = extend(text, words, j)
            if _closes(text, words[end].end, edges) and not names_a_place(text, words, i, end):
                spans.append(Span(PiiKind.NAME, words[i].start, words[end].end))
                covered.update(range(i, end + 1))
                break
    return spans
