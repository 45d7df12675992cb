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
_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{3}(?:-[A-Za-z0-9]{3}-|\s[A-Za-z0-9]{3}\s|[A-Za-z0-9]{3})[A-Za-z0-9]{3}(?![A-Za-z0-9])"
)


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
    compact = re.sub(r"[-\s]", "", text).upper()
    if len(compact) != 3 * _GROUP or any(char not in ALPHABET for char in compact):
        return None
    if any(char not in LETTERS for char in compact[:_GROUP]):
        return None
    if _check_character(compact[:-1]) != compact[-1]:
        return None
    return _format(compact)


def find(text: str) -> str | None:
    """The reference a message gives: the first valid one, else the first string written like one (with
    dashes or digits, so that a mistyped reference can be answered as such), else None."""
    candidates = [match.group(0) for match in itertools.islice(_CANDIDATE.finditer(text), MAX_CANDIDATES)]
    valid = [c for c in candidates if parse(c)]
    if valid:
        return valid[0]
    shaped = [c for c in candidates if re.search(r"[-\d]", c)]
    return shaped[0] if shaped else None
