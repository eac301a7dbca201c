"""The rate limiter on its own: per key, a moving window, and shared through Redis when several
workers must count together (Redis runs on the development and CI machines)."""

from __future__ import annotations

import os
import uuid

import pytest

from socialaudit.api.ratelimit import RateLimiter

REDIS_URL = os.environ.get("SOCIALAUDIT_TEST_REDIS_URL", "redis://127.0.0.1:6379")


def test_each_key_has_its_own_window_and_every_rate_counts() -> None:
    limiter = RateLimiter("3/minute;2/second", "memory://")
    assert [limiter.hit("a"), limiter.hit("a")] == [None, None]
    refused = limiter.hit("a")  # the 2/second part refuses the third at once
    assert refused is not None and 1 <= refused <= 60
    assert limiter.hit("b") is None


def test_workers_share_the_count_through_redis() -> None:
    try:
        first = RateLimiter("2/minute", REDIS_URL)
        second = RateLimiter("2/minute", REDIS_URL)
        key = f"test-{uuid.uuid4().hex}"
        assert first.hit(key) is None
    except Exception as exc:  # no Redis client or server here
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL}: {exc}")
    assert second.hit(key) is None
    retry_after = first.hit(key)
    assert retry_after is not None and 1 <= retry_after <= 60
    assert second.hit(key) is not None
