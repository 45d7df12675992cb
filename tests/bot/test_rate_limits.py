"""Rate limits over the `limits` library: in memory, and in real Redis shared by two "replicas"."""

from __future__ import annotations

import logging
import uuid

import pytest
import redis
from prometheus_client import REGISTRY

from bot.rate_limits import Limit, RateLimits
from bot.settings import Settings

REDIS_URL = "redis://127.0.0.1:6379/0"
WINDOWS = {Limit.SENDER: "3/minute;5/hour", Limit.HANDOFF: "1/hour", Limit.ADDRESS: ""}


def refused(channel: str, limit: Limit) -> float:
    value = REGISTRY.get_sample_value("onedoor_rate_limited_total", {"channel": channel, "limit": limit.value})
    return value or 0.0


@pytest.fixture(params=["memory", "redis"])
def storage_url(request: pytest.FixtureRequest) -> str:
    if request.param == "memory":
        return "memory://"
    redis.Redis.from_url(REDIS_URL).ping()  # `make redis` (make test does) starts it
    return REDIS_URL


def limits_on(storage_url: str, namespace: str | None = None) -> RateLimits:
    return RateLimits(storage_url, WINDOWS, namespace or f"test-{uuid.uuid4().hex}")


def test_a_sender_is_allowed_up_to_the_limit_then_refused(storage_url: str) -> None:
    limits = limits_on(storage_url)
    assert [limits.allow(Limit.SENDER, "webchat", "resident-a") for _ in range(4)] == [True, True, True, False]
    # Another sender, another channel and another limit are counted apart.
    assert limits.allow(Limit.SENDER, "webchat", "resident-b")
    assert limits.allow(Limit.SENDER, "sms", "resident-a")
    assert limits.allow(Limit.HANDOFF, "webchat", "resident-a")


def test_a_refused_hit_is_not_counted_so_refusals_do_not_extend_the_wait() -> None:
    redis.Redis.from_url(REDIS_URL).ping()
    namespace = f"test-{uuid.uuid4().hex}"
    limits = RateLimits(REDIS_URL, {Limit.SENDER: "2/minute;3/hour"}, namespace)
    assert [limits.allow(Limit.SENDER, "rest", "r") for _ in range(5)] == [True, True, False, False, False]
    # Only the two allowed hits count against the hour: the same hour window, read alone, has one left.
    hour_only = RateLimits(REDIS_URL, {Limit.SENDER: "3/hour"}, namespace)
    assert [hour_only.allow(Limit.SENDER, "rest", "r") for _ in range(2)] == [True, False]


def test_an_empty_window_turns_a_limit_off(storage_url: str) -> None:
    limits = limits_on(storage_url)
    assert all(limits.allow(Limit.ADDRESS, "webchat", "203.0.113.5") for _ in range(50))


def test_two_replicas_share_their_counts_through_redis() -> None:
    redis.Redis.from_url(REDIS_URL).ping()
    namespace = f"test-{uuid.uuid4().hex}"
    first, second = limits_on(REDIS_URL, namespace), limits_on(REDIS_URL, namespace)
    assert first.allow(Limit.SENDER, "webchat", "resident-a")
    assert second.allow(Limit.SENDER, "webchat", "resident-a")
    assert first.allow(Limit.SENDER, "webchat", "resident-a")
    assert not second.allow(Limit.SENDER, "webchat", "resident-a")
    # Two processes with memory storage would each have let all four through.
    assert all(limits_on("memory://", namespace).allow(Limit.SENDER, "webchat", "resident-a") for _ in range(3))


def test_keys_in_redis_hold_neither_the_session_id_nor_the_address() -> None:
    client = redis.Redis.from_url(REDIS_URL)
    namespace = f"test-{uuid.uuid4().hex}"
    limits = limits_on(REDIS_URL, namespace)
    limits.allow(Limit.SENDER, "webchat", "0123456789abcdef0123456789abcdef")
    keys = [key.decode() for key in client.scan_iter(f"*{namespace}*")]
    assert keys and not any("0123456789abcdef" in key for key in keys)


def test_when_redis_is_down_messages_are_allowed_rather_than_lost() -> None:
    limits = RateLimits("redis://127.0.0.1:1/0", WINDOWS, "test-down")
    assert all(limits.allow(Limit.SENDER, "webchat", "resident-a") for _ in range(5))


def test_check_counts_and_logs_a_refusal_without_the_key(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    limits = limits_on("memory://")
    before = refused("telegram", Limit.HANDOFF)
    assert limits.check(Limit.HANDOFF, "telegram", "telegram-secret-sender")
    assert not limits.check(Limit.HANDOFF, "telegram", "telegram-secret-sender")
    assert refused("telegram", Limit.HANDOFF) == before + 1
    assert "rate_limit.refused channel=telegram limit=handoff" in caplog.text
    assert "telegram-secret-sender" not in caplog.text


def test_the_defaults_parse_and_the_storage_follows_the_settings() -> None:
    settings = Settings(rate_limit_redis_url="", webchat_redis_url="")
    assert settings.rate_limit_storage() == "memory://"
    assert Settings(webchat_redis_url=REDIS_URL).rate_limit_storage() == REDIS_URL
    assert Settings(rate_limit_redis_url="redis://other:6379/1", webchat_redis_url=REDIS_URL).rate_limit_storage() == (
        "redis://other:6379/1"
    )
    limits = RateLimits.from_settings(settings)
    assert [str(item) for item in limits._windows[Limit.SENDER]] == ["20 per 1 minute", "200 per 1 hour"]
    assert [str(item) for item in limits._windows[Limit.CASE_STATUS]] == ["5 per 10 minute"]


def test_a_limit_in_the_wrong_notation_stops_the_server() -> None:
    with pytest.raises(ValueError):
        RateLimits("memory://", {Limit.SENDER: "twenty a minute"})
