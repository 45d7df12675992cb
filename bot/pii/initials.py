"""Names written with initials ("R.J. Alvarez", "A. Koenig", "C.L. van Dyke", "J. St. John").

The word scan of `names` skips a letter after a full stop, so initials would hide the surname after them. One or
more capital initials followed by a capitalised word that is no ordinary English word are a person; "P.O. Box",
"U.S. Army" and "D.C. Water" end in ordinary words and survive (and so, a known miss, does "T.J. Green"), and a
place named after someone ("Cesar E. Chavez Park") goes on in another capitalised word.
"""

from __future__ import annotations

import re

from bot.pii import gazetteer
from bot.pii.spans import PiiKind, Span

_INITIALED = re.compile(
    r"(?<![\w.])(?:[A-Z]\. ?){1,3}((?:(?:van|von|de|del|da|di|le|la|du|St\.) ){0,2}([A-Z][a-z][\w'’-]{1,30}))"
    r"(?![\w'’-]|\.\w| [A-Z][a-z])"  # "Susan B. Anthony Park", "John F. Kennedy Center": part of a place's name
)


def initialed_names(text: str) -> list[Span]:
    """Initials and the surname after them, when the surname is no ordinary word."""
    if ". " not in text and not re.search(r"[A-Z]\.[A-Z]", text):
        return []
    common = gazetteer.common_words()
    return [
        Span(PiiKind.NAME, match.start(), match.end())
        for match in _INITIALED.finditer(text)
        if match.group(2).lower() not in common
    ]
