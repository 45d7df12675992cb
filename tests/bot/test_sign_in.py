"""Sign-in throttling and its audit: per username and per address, in a moving window, in memory or Redis."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
import redis
import time_machine

from bot.audit import AuditFilter, AuditLog, StaffAction
from bot.db import Database
from bot.sign_in import SignIn, SignInOutcome, SignInThrottle
from bot.staff import StaffDirectory, StaffRole

PASSWORD = "a long test password"
T0 = datetime(2026, 11, 23, 18, 0, tzinfo=timezone.utc)
REDIS = "redis://127.0.0.1:6379/0"


@pytest.fixture
def sign_in(database: Database) -> SignIn:
    StaffDirectory(database).add("pat", "Pat Example", "water", StaffRole.AGENT, PASSWORD)
    return SignIn(StaffDirectory(database), AuditLog(database), SignInThrottle(per_username=3, per_address=5))


def test_after_too_many_failures_even_the_right_password_is_refused_until_the_window_passes(sign_in: SignIn) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        outcomes = [sign_in.attempt("pat", "wrong password", "198.51.100.7").outcome for _ in range(4)]
        assert outcomes == [SignInOutcome.REFUSED] * 3 + [SignInOutcome.LOCKED_OUT]
        assert sign_in.attempt("pat", PASSWORD, "198.51.100.7").outcome is SignInOutcome.LOCKED_OUT
        assert sign_in.attempt("pat", PASSWORD, "203.0.113.1").outcome is SignInOutcome.LOCKED_OUT  # per username
        clock.shift(timedelta(minutes=14, seconds=59))
        assert sign_in.attempt("pat", PASSWORD, "198.51.100.7").outcome is SignInOutcome.LOCKED_OUT
        clock.shift(timedelta(seconds=2))
        result = sign_in.attempt("pat", PASSWORD, "198.51.100.7")
    assert result.outcome is SignInOutcome.SIGNED_IN and result.member is not None


def test_one_address_guessing_many_usernames_is_locked_out(sign_in: SignIn) -> None:
    with time_machine.travel(T0, tick=False):
        for number in range(5):
            assert sign_in.attempt(f"user{number}", "guess", "198.51.100.7").outcome is SignInOutcome.REFUSED
        assert sign_in.attempt("pat", PASSWORD, "198.51.100.7").outcome is SignInOutcome.LOCKED_OUT
        assert sign_in.attempt("pat", PASSWORD, "203.0.113.1").outcome is SignInOutcome.SIGNED_IN


def test_a_success_forgets_the_usernames_failures_but_not_the_addresss(sign_in: SignIn) -> None:
    with time_machine.travel(T0, tick=False):
        for _ in range(2):
            sign_in.attempt("pat", "wrong password", "198.51.100.7")
        assert sign_in.attempt("pat", PASSWORD, "198.51.100.7").outcome is SignInOutcome.SIGNED_IN
        for _ in range(2):
            assert sign_in.attempt("pat", "wrong password", "198.51.100.7").outcome is SignInOutcome.REFUSED
        # The address has now failed 4 times of 5; one more and it is locked, whatever the username.
        sign_in.attempt("other", "wrong password", "198.51.100.7")
        assert sign_in.attempt("pat", PASSWORD, "198.51.100.7").outcome is SignInOutcome.LOCKED_OUT


def test_failures_are_audited_with_the_address_and_never_the_password(sign_in: SignIn, database: Database) -> None:
    sign_in.attempt("pat", "my secret guess", "198.51.100.7")
    sign_in.attempt("PAT ", "another guess", "198.51.100.7")
    sign_in.attempt("pat", PASSWORD, "203.0.113.1")
    entries, _ = AuditLog(database).search(AuditFilter())
    assert [(e.actor, e.action, e.detail) for e in reversed(entries)] == [
        ("pat", StaffAction.SIGN_IN_FAILED, "refused from 198.51.100.7"),
        ("PAT", StaffAction.SIGN_IN_FAILED, "refused from 198.51.100.7"),
        ("pat", StaffAction.SIGN_IN, "from 203.0.113.1"),
    ]
    assert not any("guess" in e.detail or "guess" in e.actor for e in entries)


def test_failures_are_logged_without_the_password(sign_in: SignIn, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("INFO", logger="bot.sign_in"):
        sign_in.attempt("pat", "my secret guess", "198.51.100.7")
    assert [r.getMessage() for r in caplog.records] == ["console.sign_in.failed reason=refused address=198.51.100.7"]


def test_replicas_share_the_counts_through_redis(database: Database) -> None:
    StaffDirectory(database).add("pat", "Pat Example", "water", StaffRole.AGENT, PASSWORD)
    namespace = f"onedoor-test-{uuid.uuid4().hex}"
    replicas = [
        SignIn(StaffDirectory(database), AuditLog(database), SignInThrottle(REDIS, 3, 20, 15, namespace))
        for _ in range(2)
    ]
    for number in range(3):
        assert replicas[number % 2].attempt("pat", "wrong", "198.51.100.7").outcome is SignInOutcome.REFUSED
    assert replicas[1].attempt("pat", PASSWORD, "198.51.100.7").outcome is SignInOutcome.LOCKED_OUT
    assert replicas[0].attempt("pat", PASSWORD, "198.51.100.7").outcome is SignInOutcome.LOCKED_OUT
    keys = redis.Redis.from_url(REDIS)
    stored = [key.decode() for key in keys.scan_iter(f"{namespace}/*")]
    assert stored  # the counts live in Redis, under this deployment's namespace
    assert not [key for key in stored if "pat" in key or "198.51.100.7" in key]  # and name nobody
    for key in keys.scan_iter(f"{namespace}/*"):
        keys.delete(key)
