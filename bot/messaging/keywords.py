"""The SMS keywords carriers and the CTIA handbook expect every US text-message service to honour."""

from __future__ import annotations

import enum


class Keyword(str, enum.Enum):
    STOP = "stop"
    START = "start"
    HELP = "help"


_KEYWORDS = {
    **{word: Keyword.STOP for word in ("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT")},
    **{word: Keyword.START for word in ("START", "UNSTOP")},
    "HELP": Keyword.HELP,
}


def keyword(text: str) -> Keyword | None:
    """The keyword a message is, if it is one word of the list in any case; "stop the noise" is not one."""
    return _KEYWORDS.get(text.strip().strip(".!").upper())
