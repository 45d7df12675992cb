"""Tell text that is no message (far too long, one word over and over, keyboard mash, filler) from one that is.

A classifier always names its likeliest intent: 4,000 characters of lorem ipsum came out as an Animal
Services report, "zonk the grabble please" as "yes". Text judged here as nonsense is answered as a message
not understood, never as a service.

The judgement leans on shape more than on a dictionary, so that a language the word list does not hold is not
called nonsense for that alone:
- length: over `bot.inputs.MAX_CHARS`;
- repetition: a long message made of very few different words;
- word shape: letters in runs no word has (no vowel, six consonants in a row, four of one letter, or longer
  than any word);
- known words: only when at least `MIN_JUDGED_WORDS` words are written in Latin letters, and when the message
  has few of the short words every Spanish sentence holds (issue 12 brings Spanish training data, whose
  vocabulary then counts as known). The known words are the common-English list and the NLU training
  vocabulary, which the NLU component gathers when the model is trained.

Note:
    Text in other scripts is left to the classifier and the fallback (as in `bot.inputs`): its words are
    neither judged by shape nor looked up. Every pattern here runs in linear time.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Collection, Iterable

from bot import references
from bot.inputs import MAX_CHARS

# Repetition is judged from this many words on: "no no no" is an answer, 500 x "pothole" is not.
MIN_WORDS_FOR_REPETITION = 12
MIN_DISTINCT_SHARE = 0.3
# Shape is judged once the words hold this many letters, so "hmm" or "brrr" alone is left to the classifier.
MIN_LETTERS_FOR_SHAPE = 12
MAX_MISSHAPEN_SHARE = 0.5
MAX_WORD_LETTERS = 30
# Known words are judged from this many Latin-script words of two or more letters on.
MIN_JUDGED_WORDS = 3
MAX_UNKNOWN_SHARE = 0.5
MIN_SPANISH_SHARE = 0.2
# Words nearly every Spanish sentence holds and no English or Latin filler uses (unaccented, lower case).
SPANISH_FUNCTION_WORDS = frozenset(
    "el la los las del que por para una uno mi mis tu tus su sus es esta este estoy hay y lo le les se como "
    "donde cuando porque pero muy yo me te nos usted ustedes al con sin mas tengo quiero necesito puedo hablas".split()
)

# A run of letters that is a word of its own: not glued to digits or hyphens, as in "KYV-DRF-KJ6" or "5th".
_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?![\w-])")
_VOWELS = frozenset("aeiouy")
_NO_WORD_SHAPE = re.compile(r"[^aeiouy]{6}|(.)\1{4}")
# Texting drops vowels ("pls", "tkt", "prkng"): a short word without one is an abbreviation, not gibberish.
MAX_ABBREVIATION_LETTERS = 5


class Nonsense(str, enum.Enum):
    """Why a text was judged to be no message."""

    TOO_LONG = "too_long"
    REPETITIVE = "repetitive"
    NOT_WORDS = "not_words"
    UNKNOWN_WORDS = "unknown_words"


def plain(word: str) -> str:
    """The word in lower case without accents: "Dónde" is "donde"."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The words of a text, plain; runs of letters glued to digits or hyphens (codes, "5th") are left out."""
    return [plain(match.group()) for match in _WORD.finditer(text)]


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Every word of the texts, plain: the NLU training examples' vocabulary."""
    return frozenset(word for text in texts for word in words(text))


def _judged(text: str) -> list[str]:
    """The words looked up: Latin letters, two or more, and no capitalised word after the first ("hi it's
    Maria Gonzalez", "1432 Wisteria Lane"), since names and places are no dictionary's words."""
    found = [match.group() for match in _WORD.finditer(text)]
    return [
        word
        for index, word in enumerate(map(plain, found))
        if word.isascii() and len(word) > 1 and not (index and found[index].istitle())
    ]


def judge(text: str, known: Collection[str]) -> Nonsense | None:
    """Why the text is no message a resident would send, or None when it may be one."""
    if len(text) > MAX_CHARS:
        return Nonsense.TOO_LONG
    if references.find_valid(text):
        return None  # "case #htfmprmmg": a valid case reference run together is no word, but it is a message
    found = words(text)
    if len(found) >= MIN_WORDS_FOR_REPETITION and len(set(found)) < MIN_DISTINCT_SHARE * len(found):
        return Nonsense.REPETITIVE
    latin = [word for word in found if word.isascii()]
    letters = sum(len(word) for word in latin)
    misshapen = sum(len(word) for word in latin if not _word_shaped(word))
    if letters >= MIN_LETTERS_FOR_SHAPE and misshapen > MAX_MISSHAPEN_SHARE * letters:
        return Nonsense.NOT_WORDS
    judged = _judged(text)
    if len(judged) < MIN_JUDGED_WORDS:
        return None
    if sum(word in SPANISH_FUNCTION_WORDS for word in judged) >= MIN_SPANISH_SHARE * len(judged):
        return None
    unknown = [word for word in judged if word not in known and not _abbreviation(word)]
    if len(unknown) >= MAX_UNKNOWN_SHARE * len(judged):
        return Nonsense.UNKNOWN_WORDS
    return None


def _abbreviation(word: str) -> bool:
    return len(word) <= MAX_ABBREVIATION_LETTERS and _VOWELS.isdisjoint(word)


def _word_shaped(word: str) -> bool:
    """Whether a plain Latin-letter run could be a word or an abbreviation: no six consonants or five of one
    letter in a row, a vowel unless it is short, and not longer than words are."""
    if len(word) > MAX_WORD_LETTERS or _NO_WORD_SHAPE.search(word):
        return False
    return _abbreviation(word) or not _VOWELS.isdisjoint(word)
