"""Asking to stop messages: the SMS keywords carriers and the CTIA handbook expect every US text-message
service to honour, what each does to a resident's subscription, and a request to stop put in words."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from bot.safety import detect


class Keyword(str, enum.Enum):
    STOP = "stop"
    START = "start"
    HELP = "help"


_KEYWORDS = {
    **{word: Keyword.STOP for word in ("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT")},
    **{word: Keyword.START for word in ("START", "UNSTOP")},
    "HELP": Keyword.HELP,
}
# The Spanish words US text services commonly honour beside the carriers' English ones. Not CANCELAR: a
# Spanish resident types "cancelar" to leave a report's questions, which must not end every text.
_SPANISH_KEYWORDS = {
    **{word: Keyword.STOP for word in ("ALTO", "PARAR", "PARA", "DETENER", "BAJA")},
    **{word: Keyword.START for word in ("INICIO", "COMENZAR", "ALTA")},
    "AYUDA": Keyword.HELP,
}


def _as_keyword(text: str) -> str:
    return text.strip().strip(".!¡").upper()


def keyword(text: str) -> Keyword | None:
    """The keyword a message is, if it is one word of the lists in any case; "stop the noise" is not one."""
    word = _as_keyword(text)
    return _KEYWORDS.get(word) or _SPANISH_KEYWORDS.get(word)


def keyword_language(text: str) -> str | None:
    """"es" for a keyword sent in Spanish, so that it is answered in Spanish; None for the carriers' own."""
    return "es" if _as_keyword(text) in _SPANISH_KEYWORDS else None


@dataclass(frozen=True)
class Subscription:
    """Whether a number opted out, and which keywords have been answered since it did."""

    opted_out: bool = False
    answered: frozenset[Keyword] = frozenset()


def receive(word: Keyword, subscription: Subscription) -> tuple[Subscription, bool]:
    """The subscription after `word`, and whether the channel answers it.

    Carriers require STOP and HELP to be answered even after an opt-out; each is answered once more, so a
    resident who is unsure it worked hears back, while two auto-responders cannot text each other forever.
    START always subscribes again and is always answered.
    """
    if word is Keyword.START:
        return Subscription(), True
    if not subscription.opted_out:
        return (Subscription(opted_out=True), True) if word is Keyword.STOP else (subscription, True)
    if word in subscription.answered:
        return subscription, False
    return Subscription(True, subscription.answered | {word}), True


# A request to stop, in words, at the start of a message (after a greeting or "please"): anchored there so
# that "my ex won't stop texting me" or "the bus doesn't stop here" is not one. Only the first characters
# are read, so a message of any length costs the same.
_READ_CHARACTERS = 160
_MESSAGES = r"(?:text|texts|txts?|messages?|msgs?|sms|notifications?|alerts?)"
_TO_ME = r"(?:text|txt|message|msg|sms|write to|send messages to|send texts to)"
_POLITE = (
    r"(?:(?:please|pls|plz|hi|hey|hello|ok|okay|just|can you|could you|would you|i want you to|"
    r"i want to|i would like to|i'd like to|i wanna|i need to|"
    r"hola|por favor|quiero que|quiero|quisiera|me quiero)\s){0,4}"
)
_ENGLISH = (
    rf"stop (?:texting|txting|messaging|msging|writing to) (?:me|us)\b"
    rf"|stop sending (?:me |us )?(?:any |all |these |those |the |your )?(?:more )?{_MESSAGES}\b"
    rf"|stop (?:all |the |these |those |your )(?:{_MESSAGES})\b"
    rf"|unsubscribe(?: me| us)?(?: from (?:this|this number|these|here|you|all|(?:your|the|these|all) {_MESSAGES}))?"
    rf"(?: now| please)?$"
    rf"|opt (?:me |us )?out\b|remove me from (?:this|your|the) (?:list|texts|messages)\b"
    rf"|take me off (?:this|your|the) list\b"
    rf"|no more {_MESSAGES}\b"
    rf"|(?:do not|don't|dont) (?:ever )?{_TO_ME} (?:me|us)\b"
    rf"|(?:do not|don't|dont) send me (?:any )?(?:more )?{_MESSAGES}\b"
    rf"|i (?:do not|don't|dont) want (?:any |these |your )?(?:more )?{_MESSAGES}\b"
)
_SPANISH = (
    r"dej(?:a|e|en) de (?:enviarme|mandarme|escribirme|textearme)\b"
    r"|no me (?:manden|mandes|mande|env[ií]en|env[ií]es|env[ií]e|escriban|escribas|escriba)"
    r"(?: (?:m[aá]s|mensajes|textos))\b"
    r"|ya no (?:me )?(?:escriban|escribas|manden|mandes|env[ií]en|env[ií]es)\b"
    r"|no (?:quiero )?(?:recibir )?m[aá]s (?:mensajes|textos)\b"
    r"|darme de baja(?: de (?:los |estos |sus )?(?:mensajes|textos))?$"
    r"|cancelar (?:mi )?suscripci[oó]n\b"
)
_ASKS_TO_STOP = re.compile(rf"{_POLITE}(?:{_ENGLISH}|{_SPANISH})")
_NOT_WORDS = re.compile(r"[^\w']+")


def asks_to_stop_messages(text: str) -> bool:
    """Whether a message asks, in English or Spanish words, for the service to stop writing to them.

    Case, punctuation, accents typed or not and curly apostrophes do not matter. A message that also speaks
    of danger is not one: "stop texting me, I want to end it all" needs the crisis line, not an opt-out.
    """
    words = _NOT_WORDS.sub(" ", text[:_READ_CHARACTERS].lower().replace("\u2019", "'")).split()
    return _ASKS_TO_STOP.match(" ".join(words)) is not None and detect(text) is None
