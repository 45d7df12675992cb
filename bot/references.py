"""Case references: short, unambiguous codes a resident can read aloud or type on a phone, like `RVT-7K3-Q9P`.

Letters and digits that are easily confused (0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V) are never used, and the last
character is a check character, so a mistyped reference is recognised as wrong rather than matching another
resident's case.
"""

from __future__ import annotations

import itertools
import re
import secrets

LETTERS = "ACDEFGHJKMNPQRTVXY"
ALPHABET = LETTERS + "34679"
_GROUP = 3
# A message names a reference or two; looking further only costs time on a hostile one ("KYV-" x 25,000).
MAX_CANDIDATES = 20
# Three groups of three, joined by dashes, dots, slashes, underscores or spaces (one or two), or by nothing:
# residents type "kyv drf kj6", "KYV.DRF.KJ6", "kyvdrfkj6" and "KYV - DRF - KJ6" alike.
_SEPARATOR = r"(?:[-._/]|\s{1,2}[-._/]?\s?|)"
# A lookahead, so that candidates may overlap: in "the kyv drf kj6" the words "the kyv drf" must not hide the
# reference after them. Each word start is tried once, with bounded work, so the scan stays linear.
_CANDIDATE = re.compile(
    rf"(?<![A-Za-z0-9])(?=([A-Za-z]{{3}}{_SEPARATOR}[A-Za-z0-9]{{3}}{_SEPARATOR}[A-Za-z0-9]{{3}})(?![A-Za-z0-9]))"
)
_SEPARATORS = re.compile(r"[-._/\s]")
# Ordinary words ("get the car", "character") can pass the check character by chance (1 in 23), so a candidate
# holding a common word counts only after a word that announces it, or as the whole message.
_CUE = re.compile(r"(?i)(?:\b(?:case|ref|reference|tracking|confirmation|status|update|news)\b|#)")
_CUE_REACH = 30


def _check_character(body: str) -> str:
    """Weighted sum modulo the alphabet size, 23, a prime: catches any single wrong character and any swap of two
    neighbours."""
    total = sum((position + 1) * ALPHABET.index(char) for position, char in enumerate(body))
    return ALPHABET[total % len(ALPHABET)]


def _format(compact: str) -> str:
    return "-".join(compact[i : i + _GROUP] for i in range(0, len(compact), _GROUP))


def new_reference() -> str:
    """A fresh random reference; the case store retries on the rare collision."""
    body = "".join(secrets.choice(LETTERS) for _ in range(_GROUP))
    body += "".join(secrets.choice(ALPHABET) for _ in range(2 * _GROUP - 1))
    return _format(body + _check_character(body))


def parse(text: str) -> str | None:
    """The canonical form of a reference typed in any case, with or without dashes; None if it is not valid."""
    compact = _SEPARATORS.sub("", text).upper()
    if len(compact) != 3 * _GROUP or any(char not in ALPHABET for char in compact):
        return None
    if any(char not in LETTERS for char in compact[:_GROUP]):
        return None
    if _check_character(compact[:-1]) != compact[-1]:
        return None
    return _format(compact)


def find(text: str) -> str | None:
    """The reference a message gives: the first valid one, else the first string written like one (with
    dashes or digits, so that a mistyped reference can be answered as such), else None.

    A valid candidate holding no common word is preferred: in "the tkx fk6 ady case", "the tkx fk6" may pass
    the check character by chance, but "tkx fk6 ady" is the reference.
    """
    candidates = []
    for match in itertools.islice(_CANDIDATE.finditer(text), MAX_CANDIDATES):
        plain = _plain(match.group(1))
        if plain or _announced(text, match):
            candidates.append((match.group(1), plain))
    valid = sorted((not plain, position) for position, (written, plain) in enumerate(candidates) if parse(written))
    if valid:
        return candidates[valid[0][1]][0]
    shaped = [written for written, _ in candidates if re.search(r"[-.\d]", written)]
    return shaped[0] if shaped else None


def find_valid(text: str) -> str | None:
    """The canonical form of the valid reference a message quotes, or None (also for a mistyped one)."""
    written = find(text)
    return parse(written) if written else None


def _plain(written: str) -> bool:
    """Whether a candidate holds no common word ("get the car" does)."""
    from bot.pii import gazetteer  # here, not at the top: bot.pii reads references to leave them unredacted

    common = gazetteer.common_words()
    return not any(group.lower() in common for group in _SEPARATORS.split(written) if group)


def _announced(text: str, match: re.Match[str]) -> bool:
    """Whether a candidate holding a common word can be a reference where it stands: with a digit or a mark
    between its groups, anywhere; of letters and spaces only, after a cue word or standing alone. (One holding
    no common word can stand anywhere.)"""
    if not re.fullmatch(r"[A-Za-z\s]+", match.group(1)):
        return True
    start, end = match.start(1), match.end(1)
    if not text[:start].strip(" \t.,:;!?") and not text[end:].strip(" \t.,:;!?"):
        return True
    return bool(_CUE.search(text[max(0, start - _CUE_REACH) : start]))
