"""The conversations the simulated residents hold: One Door's mix and the stock starter bot's own.

Each step says what the resident sends and what a correct reply must contain, so a wrong, empty or fallback reply
is counted as an error rather than as a fast answer. The One Door mix follows what a city's contact centre sees:
mostly service questions, then reports filed through the request form to the end, status checks, and messages the
assistant cannot place (fallback) or that are not the city's business (out of scope).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One message and the text its reply must contain (in any of the reply's messages)."""

    message: str
    expected: str


@dataclass(frozen=True)
class Conversation:
    """A named sequence of steps held in one fresh conversation (one sender id)."""

    name: str
    steps: tuple[Step, ...]


# Text fragments of domain.yml responses and catalogue answers, so a reply from the wrong intent fails the check.
_FILE_IT = "I can file this with"
_WHERE = "Where is it?"
_WHAT = "What's the problem?"
_CONFIRM = "I'll send this to"
_FILED = "Your case reference is"
_REPHRASE = "I'm not sure I understood"
_OUT_OF_SCOPE = "not something the city handles"
_THANKS = "Thank you for telling me"
_SORRY = "Sorry it didn't help"


def _answer(message: str, expected: str) -> Conversation:
    return Conversation("answer", (Step(message, expected),))


def _report(opening: str, agency: str, location: str, description: str) -> Conversation:
    return Conversation(
        "request form",
        (
            Step(opening, f"{_FILE_IT} {agency}"),
            Step(location, _WHAT),
            Step(description, f"{_CONFIRM} {agency}"),
            Step("/affirm", _FILED),
        ),
    )


def one_door_mix(case_references: Sequence[str]) -> list[Conversation]:
    """One round of One Door's traffic: 20 conversations, 31 messages.

    Args:
        case_references: cases already filed in the assistant's store, checked by the status conversations.
    """
    answers = [
        Conversation("answer", (Step("how do i get a copy of my birth certificate", "copy of a birth certificate"),
                                Step("/affirm", _THANKS))),
        _answer("how do i pay a parking ticket", "You can pay a parking ticket online"),
        _answer("when is my trash picked up", "Trash, recycling and compost are picked up"),
        _answer("how do i register to vote", "You can register if you are a US citizen"),
        _answer("where do i get a dog license", "Dogs and cats over 4 months old need a city license"),
        Conversation("answer", (Step("my water bill is too high", "Water bills come every month"),
                                Step("/deny", _SORRY))),
        _answer("how do i apply for a building permit", "You need a permit for most building work"),
        _answer("hello", "What can I help you with?"),
    ]
    reports = [
        _report("there's a big pothole on my street", "Public Works", "corner of Fictional Ave and 3rd Street",
                "about a foot wide in the right lane, cars swerve around it"),
        _report("the street light outside my house is out", "Public Works", "12 Example Road",
                "it has been dark for a week and the pole is leaning"),
    ]
    statuses = [
        Conversation("status", (Step(f"what's the status of {reference}", f"Case {reference} ("),))
        for reference in case_references[:3]
    ]
    misses = [
        Conversation("fallback", (Step("blorp fnord quux", _REPHRASE),)),
        Conversation("fallback", (Step("the thing on the corner is a problem", "did you mean one of these"),)),
        Conversation("out of scope", (Step("what's the best pizza topping", _OUT_OF_SCOPE),)),
        Conversation("out of scope", (Step("can you write my history essay", _OUT_OF_SCOPE),)),
    ]
    opener = Conversation("answer", (Step("hi", "What can I help you with?"),
                                     Step("how do i renew my dog license", "renewed every year")))
    return [*answers, *reports, *statuses, *misses, opener, *reports[:1]]


def stock_mix() -> list[Conversation]:
    """One round of the starter bot's own traffic (`rasa init`'s stories and rules): its greet and mood flows."""
    return [
        Conversation("happy path", (Step("hello", "Hey! How are you?"), Step("I am great", "Great, carry on!"))),
        Conversation(
            "sad path",
            (Step("hi", "Hey! How are you?"), Step("I am sad", "Did that help you?"), Step("yes", "Great, carry on!")),
        ),
        Conversation(
            "sad path 2",
            (Step("hey there", "Hey! How are you?"), Step("very bad", "Did that help you?"), Step("no", "Bye")),
        ),
        Conversation("bot challenge", (Step("are you a bot?", "I am a bot, powered by Rasa."),)),
        Conversation("goodbye", (Step("good morning", "Hey! How are you?"), Step("bye", "Bye"))),
    ]


def rotation(mix: Sequence[Conversation], offset: int) -> Iterator[Conversation]:
    """The mix, endlessly, starting at `offset`, so that residents started together do not send in lockstep."""
    return itertools.islice(itertools.cycle(mix), offset, None)


def reply_is_right(step: Step, reply_text: str) -> bool:
    """A reply is right when it is not empty and contains what the step expects (case-insensitive)."""
    return bool(reply_text.strip()) and step.expected.lower() in reply_text.lower()
