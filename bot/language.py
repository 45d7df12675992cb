"""Which language a resident writes in, and which one they ask for.

A conversation keeps its language until a message says clearly that it is in another one: "sí", "ok", a street
address, a case reference or "2" says nothing, so the reply stays in the language the conversation already has.
Short words decide first because they are what short messages consist of and statistical detectors are weakest
there ("bache en la calle" reads as English to lingua); lingua (models inside its wheel, restricted to the
city's languages) settles the messages the short words leave tied, and only when it is sure.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from lingua import Language as LinguaLanguage
from lingua import LanguageDetector, LanguageDetectorBuilder
from pydantic import BaseModel, Extra

from bot.settings import get_settings

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# A letter only one language uses (its `letters` in languages.yml) is strong evidence, worth this many markers.
LETTER_WEIGHT = 2
# lingua decides a tie only when this sure and when the message has a word this long (not "ok", "st", "hv").
MIN_LINGUA_CONFIDENCE = 0.95
MIN_LINGUA_WORD = 4
# A request to switch names the language within a few words of a negation when it refuses it ("no hablo
# inglés", "I don't speak English").
_NEGATIONS = frozenset("no not don't dont doesn't cant can't cannot ni nada".split())
NEGATION_REACH = 3
# A negation reaches only within its clause: "No, English please" asks for English.
_CLAUSE_BREAK = re.compile(r"[,.;:!?]")


class LanguageEntry(BaseModel):
    """One language as data/catalog/languages.yml describes it."""

    class Config:
        extra = Extra.forbid
        allow_mutation = False

    name: str
    lingua: str
    names: frozenset[str]
    markers: frozenset[str]
    letters: frozenset[str] = frozenset()


def load_languages(path: Path) -> dict[str, LanguageEntry]:
    """Every language One Door knows, by code."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {code: LanguageEntry.parse_obj(entry) for code, entry in data["languages"].items()}


def words(text: str) -> list[str]:
    """The message's words, lower case, as typed (accents kept)."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


@dataclass(frozen=True)
class Detector:
    """Detection restricted to the languages a city enables; the first one is the city's own."""

    languages: dict[str, LanguageEntry]

    @cached_property
    def _lingua(self) -> LanguageDetector:
        chosen = [getattr(LinguaLanguage, entry.lingua) for entry in self.languages.values()]
        return LanguageDetectorBuilder.from_languages(*chosen).build()

    def detect(self, text: str) -> str | None:
        """The language `text` is written in, or None when it does not say (short, neutral or mixed evenly)."""
        said = words(text)
        if not said:
            return None
        lowered = text.lower()
        scores = {
            code: sum(word in entry.markers for word in said)
            + (LETTER_WEIGHT if any(letter in lowered for letter in entry.letters) else 0)
            for code, entry in self.languages.items()
        }
        ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
        if ranked[0][1] > (ranked[1][1] if len(ranked) > 1 else 0):
            return ranked[0][0]
        return self._lingua_verdict(text, said)

    def _lingua_verdict(self, text: str, said: list[str]) -> str | None:
        if len(self.languages) < 2 or not any(len(word) >= MIN_LINGUA_WORD for word in said):
            return None
        best = self._lingua.compute_language_confidence_values(text)[0]
        if best.value < MIN_LINGUA_CONFIDENCE:
            return None
        return next(code for code, entry in self.languages.items() if entry.lingua == best.language.name)

    def requested(self, text: str) -> str | None:
        """The language a resident asks for by name: "en español", "English please", "no hablo inglés" (the other
        one, when the city has two), or None when the message names none."""
        for clause in _CLAUSE_BREAK.split(text):
            said = words(clause)
            for position, word in enumerate(said):
                named = next((code for code, entry in self.languages.items() if word in entry.names), None)
                if named is None:
                    continue
                if _NEGATIONS.isdisjoint(said[max(0, position - NEGATION_REACH) : position]):
                    return named
                others = [code for code in self.languages if code != named]
                return others[0] if len(others) == 1 else self.detect(text)
        return None


# The conversation's language, kept in this Rasa slot (domain.yml); unset means the city's own language.
LANGUAGE_SLOT = "language"
LANGUAGE_ENTITY = "language"
# A guess from a short message or the page, kept in its own slot: it never overrides the conversation's language.
LANGUAGE_GUESS_ENTITY = "language_guess"
LANGUAGE_GUESS_SLOT = "language_guess"
# Message metadata a channel sets with the language the resident's page or app is in (web chat: the page's
# `lang`), sent once and when it changes; the message's own words outrank it.
PAGE_LANGUAGE = "page_language"
SWITCH_INTENT = "switch_language"
LANGUAGES_FILE = "languages.yml"
# A message of at most this many words that names a language ("español", "English?") asks to switch to it.
MAX_BARE_REQUEST_WORDS = 3
# A message of at least this many words in a language sets the conversation's language; a shorter one only
# guesses it ("gracias" answers in Spanish a conversation with no language yet, never one held in English).
MIN_FIRM_WORDS = 3
# Danger outranks everything: "ayuda, no hablo inglés, fuego" stays an emergency (answered in Spanish).
_NEVER_SWITCHED = frozenset({"emergency", "crisis"})


@lru_cache(maxsize=None)
def _names(catalog_dir: Path) -> dict[str, str]:
    return {code: entry.name for code, entry in load_languages(catalog_dir / LANGUAGES_FILE).items()}


def language_name(code: str, catalog_dir: Path | None = None) -> str:
    """A language's name in itself ("Español"), as the console shows a conversation's language."""
    return _names(catalog_dir or get_settings().catalog_dir).get(code, code)


def detector_for(catalog_dir: Path, enabled: list[str]) -> Detector:
    """Detection over the languages a city enables, in the city's order."""
    known = load_languages(catalog_dir / LANGUAGES_FILE)
    return Detector({code: known[code] for code in enabled})


@dataclass(frozen=True)
class Heard:
    """What a message says about its conversation's language.

    `firm`: a request by name, or a message long enough to show its language; it sets the conversation's
    language. Otherwise `language` is a guess ("gracias", "hola", the page's language): it answers a conversation
    that has no language yet and never overrides one that has (issue 12: short messages keep the language).
    """

    language: str | None
    firm: bool = False
    switching: bool = False


def conversation_language(detector: Detector, intent: str | None, text: str, page: str | None = None) -> Heard:
    """What a message says of its conversation's language: a request by name, or else the language it is written
    in, or else the page's.

    A request names the language it wants ("en español"), whatever it is written in; one that names none ("can
    you answer in my language") sets nothing, so the assistant asks. `page` (the language of the page the resident
    writes from) counts only when the words say nothing.
    """
    count = len(words(text))
    if intent not in _NEVER_SWITCHED:
        requested = detector.requested(text)
        if intent == SWITCH_INTENT:
            return Heard(requested, firm=requested is not None, switching=True)
        if requested is not None and count <= MAX_BARE_REQUEST_WORDS:
            return Heard(requested, firm=True, switching=True)
    written = detector.detect(text)
    if written is not None:
        return Heard(written, firm=count >= MIN_FIRM_WORDS)
    return Heard(enabled_language(page, detector.languages))


def enabled_language(named: str | None, enabled: Iterable[str]) -> str | None:
    """The enabled language a page, an app or a request names ("es", "es-MX", "ES"), or None."""
    code = (named or "").split("-")[0].strip().lower()
    return code if code in enabled else None


def reply_language(language: object, guess: object) -> str | None:
    """The language to answer in from the conversation's two slots: its language, else the guess, else None (the
    city's own)."""
    chosen = language or guess
    return str(chosen) if chosen else None
