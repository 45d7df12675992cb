"""The outbox on SQLite and PostgreSQL: leasing, ordering per recipient, retries with backoff, and replicas."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
from prometheus_client import REGISTRY

from bot.db import Database
from bot.messaging.contacts import Choice
from bot.messaging.delivery import DeliveryLoop, PermanentFailure, TemporaryFailure
from bot.messaging.outbox import Backoff, Delivery, GiveUp, MessageKind, Outbox, OutboxStatus, Outgoing

T0 = datetime(2026, 11, 23, 18, 0, tzinfo=timezone.utc)


def at_t0() -> datetime:
    """The outbox's clock in these tests: messages are queued at T0, whatever the date today."""
    return T0


def test_a_message_round_trips_with_its_choices(database: Database) -> None:
    outbox = Outbox(database, clock=at_t0)
    message = Outgoing("Did that help?", [Choice("Yes", "/affirm"), Choice("No", "/deny")])
    outbox.enqueue("sms", "sms-a", message)
    [delivery] = outbox.lease("sms", T0 + timedelta(seconds=1))
    assert delivery.message == message and delivery.attempts == 1


def test_only_the_oldest_message_per_recipient_is_leased(database: Database) -> None:
    outbox = Outbox(database, clock=at_t0)
    for text in ("first", "second"):
        outbox.enqueue("sms", "sms-a", Outgoing(text))
    outbox.enqueue("sms", "sms-b", Outgoing("other"))
    outbox.enqueue("telegram", "telegram-c", Outgoing("not this channel"))
    leased = outbox.lease("sms", T0 + timedelta(seconds=1))
    assert [d.message.text for d in leased] == ["first", "other"]
    first = leased[0]
    outbox.sent(first, T0)
    assert [d.message.text for d in outbox.lease("sms", T0 + timedelta(seconds=2))] == ["second"]


def test_a_leased_message_is_not_leased_again_until_the_lease_ends(database: Database) -> None:
    outbox = Outbox(database, clock=at_t0)
    outbox.enqueue("sms", "sms-a", Outgoing("hi"))
    assert len(outbox.lease("sms", T0)) == 1
    assert outbox.lease("sms", T0 + timedelta(seconds=30)) == []
    [again] = outbox.lease("sms", T0 + timedelta(seconds=61))
    assert again.attempts == 2


def test_a_failed_attempt_waits_longer_each_time_and_blocks_later_messages(database: Database) -> None:
    outbox = Outbox(database, Backoff(timedelta(seconds=2), timedelta(seconds=5)), at_t0)
    outbox.enqueue("sms", "sms-a", Outgoing("first"))
    outbox.enqueue("sms", "sms-a", Outgoing("second"))
    now = T0
    waits = []
    for _ in range(4):
        [delivery] = outbox.lease("sms", now)
        assert delivery.message.text == "first"
        due = outbox.retry_later(delivery, now, "TemporaryFailure: 500")
        waits.append((due - now).total_seconds())
        assert outbox.lease("sms", due - timedelta(milliseconds=1)) == []
        now = due
    assert waits == [2, 4, 5, 5]


def test_a_permanent_failure_stops_retries_and_frees_the_next_message(database: Database) -> None:
    outbox = Outbox(database, clock=at_t0)
    outbox.enqueue("sms", "sms-a", Outgoing("to a landline"))
    outbox.enqueue("sms", "sms-a", Outgoing("next"))
    [delivery] = outbox.lease("sms", T0)
    outbox.failed(delivery, "PermanentFailure: 400 code 21614")
    assert [d.message.text for d in outbox.lease("sms", T0)] == ["next"]
    assert outbox.counts("sms")[OutboxStatus.FAILED] == 1


def test_two_replicas_leasing_at_once_never_share_a_message(database: Database) -> None:
    outbox = Outbox(database, clock=at_t0)
    for number in range(40):
        outbox.enqueue("sms", f"sms-{number}", Outgoing("hello"))
    with ThreadPoolExecutor(max_workers=4) as pool:
        batches = list(pool.map(lambda _: outbox.lease("sms", T0 + timedelta(seconds=1)), range(4)))
    ids = [delivery.id for batch in batches for delivery in batch]
    assert len(ids) == len(set(ids)) == 40


class FlakyProvider:
    """Fails the first `failures` attempts in the given way, then accepts."""

    def __init__(self, failures: int, error: Exception) -> None:
        self.failures = failures
        self.error = error
        self.accepted: list[str] = []

    async def send(self, delivery: Delivery) -> None:
        if self.failures:
            self.failures -= 1
            raise self.error
        self.accepted.append(delivery.message.text)


def _loop(
    database: Database, provider: FlakyProvider, clock: list[datetime], give_up: GiveUp = GiveUp()
) -> tuple[Outbox, DeliveryLoop]:
    outbox = Outbox(database, Backoff(timedelta(seconds=1), timedelta(seconds=4)), lambda: clock[0], give_up)
    return outbox, DeliveryLoop(outbox, "sms", provider.send, lambda: clock[0])


@pytest.mark.parametrize("error", [TemporaryFailure("HTTP 503"), ConnectionError("refused")])
def test_the_loop_retries_until_the_provider_accepts_each_message_once(database: Database, error: Exception) -> None:
    provider = FlakyProvider(failures=3, error=error)
    clock = [T0]
    outbox, loop = _loop(database, provider, clock)
    for text in ("one", "two"):
        outbox.enqueue("sms", "sms-a", Outgoing(text))
    for _ in range(12):
        asyncio.run(loop.run_once())
        clock[0] += timedelta(seconds=5)
    assert provider.accepted == ["one", "two"]
    assert outbox.counts("sms")[OutboxStatus.SENT] == 2


def test_the_loop_gives_up_on_a_permanent_failure(database: Database) -> None:
    provider = FlakyProvider(failures=1, error=PermanentFailure("HTTP 400"))
    clock = [T0]
    outbox, loop = _loop(database, provider, clock)
    outbox.enqueue("sms", "sms-a", Outgoing("lost cause"))
    outbox.enqueue("sms", "sms-a", Outgoing("fine"))
    for _ in range(3):
        asyncio.run(loop.run_once())
    assert provider.accepted == ["fine"]
    assert outbox.counts("sms")[OutboxStatus.FAILED] == 1


def test_a_message_keeps_its_kind(database: Database) -> None:
    outbox = Outbox(database, clock=at_t0)
    outbox.enqueue("sms", "sms-a", Outgoing("You have been unsubscribed."), MessageKind.STOP_CONFIRMATION)
    outbox.enqueue("sms", "sms-b", Outgoing("Hello"))
    assert [d.kind for d in outbox.lease("sms", T0)] == [MessageKind.STOP_CONFIRMATION, MessageKind.REPLY]


def given_up(channel: str) -> float:
    """The process's `onedoor_outbox_given_up_total` for a channel, as a Prometheus scrape would read it."""
    return REGISTRY.get_sample_value("onedoor_outbox_given_up_total", {"channel": channel}) or 0.0


def test_the_loop_gives_up_after_the_most_attempts_and_counts_it(database: Database) -> None:
    provider = FlakyProvider(failures=100, error=TemporaryFailure("HTTP 503"))
    clock = [T0]
    outbox, loop = _loop(database, provider, clock, GiveUp(attempts=3, age=timedelta(days=7)))
    outbox.enqueue("sms", "sms-a", Outgoing("never accepted"))
    outbox.enqueue("sms", "sms-a", Outgoing("next"))
    before = given_up("sms")
    attempted = []
    for _ in range(4):
        attempted.append(asyncio.run(loop.run_once()))
        clock[0] += timedelta(seconds=10)
    assert attempted == [1, 1, 1, 1] and provider.failures == 100 - 4
    assert outbox.counts("sms")[OutboxStatus.FAILED] == 1
    assert given_up("sms") == before + 1


def test_the_loop_gives_up_when_the_next_try_would_come_too_late(database: Database) -> None:
    provider = FlakyProvider(failures=100, error=ConnectionError("refused"))
    clock = [T0]
    outbox, loop = _loop(database, provider, clock, GiveUp(attempts=1000, age=timedelta(minutes=1)))
    outbox.enqueue("sms", "sms-a", Outgoing("never accepted"))
    before = given_up("sms")
    tries = 0
    while outbox.counts("sms")[OutboxStatus.PENDING] and tries < 100:
        tries += asyncio.run(loop.run_once())
        clock[0] += timedelta(seconds=1)
    # Tries at 0, 1 and 3 s, then every 4 s up to 59 s: 17 of them; the next would come at 63 s, past the minute.
    assert (tries, outbox.counts("sms")[OutboxStatus.FAILED]) == (17, 1)
    assert given_up("sms") == before + 1


def test_a_wait_the_provider_asks_for_sets_the_next_attempt(database: Database) -> None:
    outbox = Outbox(database, Backoff(timedelta(seconds=1), timedelta(seconds=4)), at_t0)
    outbox.enqueue("telegram", "telegram-a", Outgoing("flooded"))
    [delivery] = outbox.lease("telegram", T0)
    due = outbox.retry_later(delivery, T0, "RetryAfter", wait=timedelta(seconds=30))
    assert due == T0 + timedelta(seconds=30)
    assert outbox.lease("telegram", T0 + timedelta(seconds=29)) == []
    assert len(outbox.lease("telegram", T0 + timedelta(seconds=30))) == 1
