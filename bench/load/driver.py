"""A closed-loop load driver: simulated residents each hold one conversation after another over a REST webhook.

Every resident sends its next message as soon as the reply to the last one arrives, as a person tapping quickly
would, so the throughput measured is what the server sustains with that many conversations open at once. It runs
in one asyncio loop (aiohttp) so that the client takes as little of the shared CPU as it can.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

import aiohttp

from bench.load.scenarios import Conversation, Step, reply_is_right, rotation

REPLY_TIMEOUT_SECONDS = 30
MODEL_LOAD_SECONDS = 180


@dataclass(frozen=True)
class Endpoint:
    """Where a system takes REST messages, and the header it wants (One Door's channel needs a bearer token)."""

    url: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Tally:
    """What the residents saw: one latency per answered message, and the errors by kind."""

    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    wrong_examples: list[str] = field(default_factory=list)
    wall_seconds: float = 0.0

    def add(self, other: Tally) -> None:
        """Count another slice of the same system's run in this one."""
        self.latencies += other.latencies
        for kind, count in other.errors.items():
            self.errors[kind] = self.errors.get(kind, 0) + count
        self.wrong_examples += other.wrong_examples[: max(0, 5 - len(self.wrong_examples))]
        self.wall_seconds += other.wall_seconds

    def error(self, kind: str, example: str | None = None) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1
        if example is not None and len(self.wrong_examples) < 5:
            self.wrong_examples.append(example)


async def _send(session: aiohttp.ClientSession, endpoint: Endpoint, sender: str, step: Step, tally: Tally) -> bool:
    """Send one step, time it, and check the reply. Returns False when the conversation cannot go on."""
    started = time.perf_counter()
    try:
        async with session.post(endpoint.url, json={"sender": sender, "message": step.message},
                                headers=endpoint.headers) as response:
            body = await response.json(content_type=None) if response.status == 200 else None
            status = response.status
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        tally.error(f"transport: {type(error).__name__}")
        return False
    elapsed = time.perf_counter() - started
    if body is None:
        tally.error(f"http {status}")
        return False
    text = "\n".join(str(message.get("text") or "") for message in body if isinstance(message, dict))
    if not reply_is_right(step, text):
        tally.error("wrong or empty reply", f"{step.message!r} -> {text[:160]!r} (wanted {step.expected!r})")
        return False
    tally.latencies.append(elapsed)
    return True


async def _resident(session: aiohttp.ClientSession, endpoint: Endpoint, mix: Sequence[Conversation],
                    offset: int, deadline: float, tally: Tally) -> None:
    """Hold conversations until the deadline; a conversation under way at the deadline stops at its next step."""
    for conversation in rotation(mix, offset):
        sender = uuid.uuid4().hex
        for step in conversation.steps:
            if time.perf_counter() >= deadline or not await _send(session, endpoint, sender, step, tally):
                break
        if time.perf_counter() >= deadline:
            return


async def _drive(endpoint: Endpoint, mix: Sequence[Conversation], residents: int, seconds: float) -> Tally:
    tally = Tally()
    timeout = aiohttp.ClientTimeout(total=REPLY_TIMEOUT_SECONDS)
    connector = aiohttp.TCPConnector(limit=residents)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        started = time.perf_counter()
        deadline = started + seconds
        await asyncio.gather(*(
            _resident(session, endpoint, mix, offset * 7, deadline, tally) for offset in range(residents)
        ))
        tally.wall_seconds = time.perf_counter() - started
    return tally


def drive(endpoint: Endpoint, mix: Sequence[Conversation], residents: int, seconds: float) -> Tally:
    """Run `residents` simulated residents against `endpoint` for about `seconds` and return what they saw."""
    return asyncio.run(_drive(endpoint, mix, residents, seconds))


def warm_up(endpoint: Endpoint, mix: Sequence[Conversation]) -> Tally:
    """Wait for the model, then hold each conversation of the mix once, one at a time, so that first-call costs
    stay out of the figures.

    Note:
        Rasa answers HTTP before its model has loaded, with an empty reply: the first step is sent again until it
        is answered right, for up to `MODEL_LOAD_SECONDS`.
    """

    async def run() -> Tally:
        tally = Tally()
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:
            deadline = time.perf_counter() + MODEL_LOAD_SECONDS
            while not await _send(session, endpoint, uuid.uuid4().hex, mix[0].steps[0], Tally()):
                if time.perf_counter() > deadline:
                    tally.error("model not loaded")
                    return tally
                await asyncio.sleep(1)
            for conversation in mix:
                sender = uuid.uuid4().hex
                for step in conversation.steps:
                    if not await _send(session, endpoint, sender, step, tally):
                        break
        return tally

    return asyncio.run(run())
