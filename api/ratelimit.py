"""Requests per API key, counted in a moving window by the `limits` library: in memory by
default (one process), or in Redis or another shared store when several workers must share
the count (`SOCIALAUDIT_RATE_LIMIT_STORAGE=redis://...`)."""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse, storage, strategies


class RateLimiter:
    def __init__(self, rate: str, storage_uri: str, namespace: str = "apikey") -> None:
        """`rate` as the `limits` notation: "120/minute", "10/second;1000/hour"; `namespace`
        keeps the counts of different limiters apart in a shared store."""
        self.namespace = namespace
        self.items = [parse(part) for part in rate.split(";") if part.strip()]
        self.limiter = strategies.MovingWindowRateLimiter(storage.storage_from_string(storage_uri))

    def refused(self, key: str) -> float | None:
        """Without counting a request: None when the next would be allowed, else the seconds
        until one would be."""
        for item in self.items:
            if not self.limiter.test(item, self.namespace, key):
                return self._wait(item, key)
        return None

    def hit(self, key: str) -> float | None:
        """Count one request; None when allowed, else the seconds until one would be."""
        for item in self.items:
            if not self.limiter.hit(item, self.namespace, key):
                return self._wait(item, key)
        return None

    def _wait(self, item: RateLimitItem, key: str) -> float:
        stats = self.limiter.get_window_stats(item, self.namespace, key)
        return max(1.0, math.ceil(stats.reset_time - time.time()))
