"""Error boundaries: one failing KPI, rule or classifier is reported, never fatal.

Calls run on worker threads so that a time limit can be enforced on code we do not control.
Python cannot kill a thread: a call past its limit is abandoned (its result ignored) and the
pool replaced, so the assessment goes on while the stray call finishes on its own.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    value: T | None = None
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None


class Guard:
    """Runs calls with a time limit and turns exceptions into `Outcome.error`."""

    def __init__(self, workers: int = 2) -> None:
        self._workers = workers
        self._pool = concurrent.futures.ThreadPoolExecutor(workers, thread_name_prefix="guard")

    def call(
        self, function: Callable[..., T], *args: Any, timeout: float, limit: float | None = None
    ) -> Outcome[T]:
        """`function(*args)` within `timeout` seconds. `limit` is the limit to name when it
        times out, if the call had only what remained of a larger one."""
        future = self._pool.submit(function, *args)
        try:
            return Outcome(value=future.result(timeout=timeout))
        except concurrent.futures.TimeoutError:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = concurrent.futures.ThreadPoolExecutor(
                self._workers, thread_name_prefix="guard"
            )
            return Outcome(error=f"timed out after {timeout if limit is None else limit:g} s")
        except Exception as exc:  # the boundary exists to catch what plugins raise
            return Outcome(error=f"{type(exc).__name__}: {exc}")

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> Guard:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
