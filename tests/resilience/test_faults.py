"""Break parts of the production topology under a few residents and check what they see and what is kept.

The tests share one cluster (conftest.py) and run in this order; the last one kills a replica for good.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
import redis
import requests

from channels.lock_store import KEY_PREFIX
from tests.resilience.conftest import Cluster

LOCK_PREFIX = f"{KEY_PREFIX}:lock:"
# Questions answered from the catalogue, without a form, so every one gets a reply of its own.
QUESTIONS = ["hello", "when is my trash picked up", "how do i get a copy of my birth certificate", "thanks"]


def new_sender() -> str:
    return f"res-{uuid.uuid4().hex[:12]}"


def texts(reply: requests.Response) -> str:
    return "\n".join(str(message.get("text", "")) for message in reply.json())


def unanswered_turns(cluster: Cluster, sender: str) -> list[str]:
    """The user messages of the stored conversation not followed by a bot message before the next user message."""
    missing, waiting = [], None
    for kind, message in cluster.events(sender):
        if kind == "user":
            if waiting is not None:
                missing.append(waiting)
            waiting = message
        elif kind == "bot":
            waiting = None
    return missing + ([waiting] if waiting is not None else [])


def test_one_conversation_on_both_replicas_keeps_every_turn_in_order(cluster: Cluster) -> None:
    sender, (first, second) = new_sender(), cluster.replica_urls
    for index, message in enumerate(QUESTIONS):
        reply = cluster.say(cluster.replica_urls[index % 2], sender, message)
        assert reply.status_code == 200 and reply.json(), (message, reply.status_code, reply.text)
    # Two turns of the one conversation at the same moment, one on each replica: the shared lock takes them in turn.
    with ThreadPoolExecutor(2) as pool:
        for pair in (QUESTIONS[1:3], QUESTIONS[3:] + QUESTIONS[:1]):
            replies = list(pool.map(lambda url, message: cluster.say(url, sender, message), (first, second), pair))
            assert [reply.status_code for reply in replies] == [200, 200] and all(reply.json() for reply in replies)
    assert Counter(cluster.user_messages(sender)) == Counter(QUESTIONS + QUESTIONS[1:] + QUESTIONS[:1])
    assert unanswered_turns(cluster, sender) == []


# Catalogue questions that each get an answer of their own; a resident of the load asks them in turn, so each
# message is unique within its conversation and can be counted in the tracker.
LOAD_QUESTIONS = [
    "when is my trash picked up", "how do i get a copy of my birth certificate", "how do i get a dog license",
    "how do i pay my property tax", "what can i recycle", "how do i register to vote",
    "how do i get a business license", "how do i pay a parking ticket", "where is my polling place",
    "how do i get a marriage license", "how do i get a building permit", "how do i get a death certificate",
    "how do i reserve a park pavilion", "what do i do about jury duty",
]
# Messages each resident of a load sends after the fault is mended, to show the service answers again.
TURNS_AFTER = 3


@dataclass(frozen=True)
class Sent:
    """One message of the load and what its resident saw: the HTTP status (None: no answer at all) and when."""

    sender: str
    message: str
    status: int | None
    answered: bool
    started: float
    ended: float


def converse(cluster: Cluster, residents: int, during: Callable[[], None], pause: float = 0.4) -> list[Sent]:
    """`residents` conversations through nginx while `during()` runs (it breaks something, waits, and mends it),
    each going on for TURNS_AFTER more messages; every message sent and what came back."""
    mended = threading.Event()

    def resident(index: int) -> list[Sent]:
        sender, sent, after = new_sender(), [], 0
        for turn in range(len(LOAD_QUESTIONS)):
            message, started = LOAD_QUESTIONS[(index + turn) % len(LOAD_QUESTIONS)], time.monotonic()
            try:
                reply = cluster.say(cluster.nginx_url, sender, message)
                status, answered = reply.status_code, reply.status_code == 200 and bool(reply.json())
            except requests.RequestException:
                status, answered = None, False
            sent.append(Sent(sender, message, status, answered, started, time.monotonic()))
            after += mended.is_set()
            if after == TURNS_AFTER:
                break
            time.sleep(pause)
        return sent

    with ThreadPoolExecutor(residents) as pool:
        futures = [pool.submit(resident, index) for index in range(residents)]
        try:
            during()
        finally:
            mended.set()
        return [message for future in futures for message in future.result()]


def kept_once(cluster: Cluster, load: list[Sent]) -> dict[str, int]:
    """How often each acknowledged (HTTP 200) message is in its tracker, those not exactly once."""
    stored = {sender: Counter(cluster.user_messages(sender)) for sender in {sent.sender for sent in load}}
    return {f"{sent.sender}: {sent.message}": stored[sent.sender][sent.message]
            for sent in load if sent.status == 200 and stored[sent.sender][sent.message] != 1}


def summary(load: list[Sent], since: float) -> str:
    """What the residents saw, for the test's output: statuses before and after a moment."""
    before = Counter(sent.status for sent in load if sent.started < since)
    after = Counter(sent.status for sent in load if sent.started >= since)
    slowest = max(sent.ended - sent.started for sent in load)
    return f"started before: {dict(before)}, after: {dict(after)}, slowest answer {slowest:.1f} s"


def last_answered(load: list[Sent]) -> dict[str, bool]:
    """Whether each resident's last message, sent after the fault was mended, got a reply."""
    return {sent.sender: sent.answered for sent in sorted(load, key=lambda sent: sent.started)}


def test_with_the_action_server_down_residents_are_told_and_a_started_request_is_finished_after(
    cluster: Cluster,
) -> None:
    sender = new_sender()
    assert "Where is it?" in texts(cluster.say(cluster.nginx_url, sender, "there's a big pothole on my street"))
    cluster.stop_actions()
    try:
        in_the_form = cluster.say(cluster.nginx_url, sender, "corner of Fictional Ave and 3rd Street")
        a_question = cluster.say(cluster.nginx_url, new_sender(), "when is my trash picked up")
    finally:
        cluster.start_actions()
    for reply in (in_the_form, a_question):
        assert reply.status_code == 200 and "I'm having trouble right now" in texts(reply), reply.text
    # The form kept its place: the same answer again, and the request goes on to be filed.
    again = cluster.say(cluster.nginx_url, sender, "corner of Fictional Ave and 3rd Street")
    assert "What's the problem?" in texts(again)
    assert "I'll send this to Public Works" in texts(cluster.say(cluster.nginx_url, sender, "about a foot wide"))
    assert "Your case reference is " in texts(cluster.say(cluster.nginx_url, sender, "/affirm"))


def test_a_redis_restart_under_load_loses_nothing_acknowledged_and_heals_itself(cluster: Cluster) -> None:
    assert_survives(cluster, cluster.redis.kill, cluster.redis.start, "redis")


def test_a_postgresql_restart_under_load_loses_nothing_acknowledged_and_heals_itself(cluster: Cluster) -> None:
    if cluster.postgres is None:
        pytest.skip("no private PostgreSQL cluster could be made here, and the machine's own must not be restarted")
    assert_survives(cluster, cluster.postgres.stop, cluster.postgres.start, "postgresql")


def assert_survives(cluster: Cluster, breaking: Callable[[], None], mending: Callable[[], None], what: str) -> None:
    """Three residents talk while a store is down for three seconds: what was acknowledged is kept once, what was
    not is refused honestly (503, never a 200 for a message that was not stored), and they are answered after."""
    moments: dict[str, float] = {}

    def outage() -> None:
        time.sleep(1.5)
        breaking()
        moments["down"] = time.monotonic()
        time.sleep(3)
        mending()
        moments["up"] = time.monotonic()

    load = converse(cluster, residents=3, during=outage)
    print(f"\n{what} down: {summary(load, moments['down'])} | mended: {summary(load, moments['up'])}")
    assert kept_once(cluster, load) == {}
    assert {sent.status for sent in load} <= {200, 503}
    assert all(last_answered(load).values())


def test_killing_a_replica_under_load_moves_its_residents_to_the_other(cluster: Cluster) -> None:
    first, moments = cluster.replica_urls[0], {}
    caught = new_sender()  # a conversation whose turn the dying replica is in the middle of, holding its lock
    locks = redis.Redis.from_url(cluster.redis.url)

    def kill_first_replica() -> None:
        time.sleep(1.5)
        threading.Thread(target=lambda: moments.setdefault("caught", _status(cluster, first, caught))).start()
        while not locks.exists(f"{LOCK_PREFIX}{caught}"):  # held for a tenth of a second: look often
            assert time.monotonic() - moments.setdefault("asked", time.monotonic()) < 30, "the turn never took its lock"
            time.sleep(0.002)
        moments["killing"] = time.monotonic()
        cluster.kill_replica(1)
        moments["killed"] = time.monotonic()
        # The caught conversation's next message waits on B until the dead replica's ticket expires.
        moments["next"] = cluster.say(cluster.nginx_url, caught, "when is my trash picked up")
        moments["next_seconds"] = time.monotonic() - moments["killed"]

    load = converse(cluster, residents=4, during=kill_first_replica)
    in_flight = [sent.status for sent in load if sent.started < moments["killed"] and sent.ended > moments["killing"]]
    after = moments["next"]
    print(f"\nreplica killed: {summary(load, moments['killed'])}; in flight through nginx: {in_flight}; the caught "
          f"turn got {moments.get('caught')}, its next message {after.status_code} "
          f"after {moments['next_seconds']:.1f} s")
    assert kept_once(cluster, load) == {}
    assert [sent for sent in load if sent.started > moments["killed"] and sent.status != 200] == []
    assert all(last_answered(load).values())
    assert after.status_code == 200 and texts(after)
    # The caught turn is kept only if it was answered (the replica saves a conversation just before it answers).
    kept = cluster.user_messages(caught).count("how do i get a dog license")
    assert kept == 1 if moments["caught"] == 200 else kept <= 1


def _status(cluster: Cluster, url: str, sender: str) -> int | None:
    """The HTTP status of one message, None when the connection broke without one."""
    try:
        return cluster.say(url, sender, "how do i get a dog license").status_code
    except requests.RequestException:
        return None
