"""Who may come in: the API key of a request (or development mode), its rate limit.

Runs before the request body is parsed, so an unauthenticated or over-limit client costs one
hash lookup and nothing more.

A live key is remembered for `api_key_cache_seconds` (by its SHA-256, never the key itself):
looking it up in the database, in a worker thread, was most of what the service added to a
small query. The price is the bound on revocation: a key revoked (by `socialaudit apikey
revoke`, in another process) is refused by every server at most that many seconds later. Only
keys that were found are remembered; a wrong key is looked up each time, and rate-limited per
address.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import anyio
from cachetools import TTLCache
from sqlalchemy import Engine
from starlette.requests import Request

from socialaudit.api.auth import Caller, authenticate, bearer_token, key_digest
from socialaudit.api.ratelimit import RateLimiter

log = logging.getLogger("socialaudit.gate")


STATUS_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    429: "RATE_LIMITED",
    503: "DATABASE_UNAVAILABLE",
}
"""The stable `extensions.code` of a request refused before execution, by HTTP status."""

DATABASE_RETRY_SECONDS = 5

KEY_CACHE_ENTRIES = 4096
"""Live keys remembered at once; more than a server sees within the cache's lifetime."""


class RequestError(Exception):
    """A request that cannot be executed at all: answered with `status` and no data."""

    def __init__(
        self,
        status: int,
        message: str,
        headers: dict[str, str] | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
        self.code = code or STATUS_CODES.get(status, "BAD_REQUEST")


def database_unavailable() -> RequestError:
    """The answer while the database refuses connections; clients retry, the pool reconnects."""
    seconds = str(DATABASE_RETRY_SECONDS)
    return RequestError(
        503,
        f"the database is not reachable; retry after {seconds} s",
        {"Retry-After": seconds},
        code="DATABASE_UNAVAILABLE",
    )


class KeyCache:
    """The callers of keys found lately, by the key's digest, each for `seconds` after it was
    looked up; 0 remembers nothing."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.cache: TTLCache[str, Caller] | None = (
            TTLCache(KEY_CACHE_ENTRIES, seconds, timer=clock) if seconds > 0 else None
        )

    def get(self, digest: str) -> Caller | None:
        return self.cache.get(digest) if self.cache is not None else None

    def put(self, digest: str, caller: Caller) -> None:
        if self.cache is not None:
            self.cache[digest] = caller


class Gate:
    def __init__(
        self,
        engine: Engine,
        limiter: RateLimiter,
        failures: RateLimiter,
        development_caller: Caller | None,
        keys: KeyCache | None = None,
    ) -> None:
        """`limiter` counts each key's requests, `failures` each client address's requests with
        a wrong key (so guessing costs a database lookup only so often); `development_caller`:
        every request acts for it, no key needed (development mode); `keys`: the live keys
        remembered (none by default)."""
        self.engine = engine
        self.limiter = limiter
        self.failures = failures
        self.development_caller = development_caller
        self.keys = keys or KeyCache(0)

    async def admit(self, request: Request) -> Caller:
        if self.development_caller is not None:
            return self.development_caller
        token = bearer_token(request.headers.get("authorization"))
        if token is None:
            raise RequestError(
                401,
                "send an API key as `Authorization: Bearer <key>` "
                "(socialaudit apikey create --agency NAME)",
                {"WWW-Authenticate": 'Bearer realm="socialaudit"'},
                code="UNAUTHENTICATED",
            )
        caller = await self._caller(request, token)
        retry_after = self.limiter.hit(caller.key_id or caller.agency_id)
        if retry_after is not None:
            log.info("rate limit reached", extra={"agency": caller.agency_name})
            raise self._too_many("requests for this API key", retry_after)
        return caller

    async def _caller(self, request: Request, token: str) -> Caller:
        address = request.client.host if request.client else "unknown"
        wait = self.failures.refused(address)
        if wait is not None:  # even with a valid key: the address is refused for the window
            raise self._too_many("wrong API keys from this address", wait)
        digest = key_digest(token)
        remembered = self.keys.get(digest)
        if remembered is not None:
            return remembered
        caller = await anyio.to_thread.run_sync(authenticate, self.engine, token)
        if caller is None:
            self.failures.hit(address)
            raise RequestError(
                401,
                "this API key is not valid (unknown or revoked)",
                {"WWW-Authenticate": 'Bearer realm="socialaudit", error="invalid_token"'},
                code="UNAUTHENTICATED",
            )
        self.keys.put(digest, caller)
        return caller

    @staticmethod
    def _too_many(what: str, retry_after: float) -> RequestError:
        seconds = f"{retry_after:.0f}"
        return RequestError(
            429,
            f"too many {what}; retry after {seconds} s",
            {"Retry-After": seconds},
            code="RATE_LIMITED",
        )
