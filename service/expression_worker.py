"""Checking an agency's expressions in a worker process, with a deadline.

Compiling an expression runs native code (the Rust CEL library) and regular expressions, which
hold the interpreter lock: in a thread of the server they would stop the event loop, and every
other request with it, for as long as they run. A worker process cannot: the server waits for
its answer without blocking, and one that is not back by the deadline is stopped and its
definition refused. An expression the worker checked in time compiles as fast in the server.
"""

from __future__ import annotations

import importlib
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from socialaudit.service.parent_watch import exit_with_parent

_WORKERS = 2
CHECKS_MODULE = "socialaudit.service.custom_definitions"

CHECK_SECONDS = 3.0
"""How long checking one definition may take; a real one takes milliseconds."""

STARTUP_SECONDS = 120.0
"""How long a new worker may take to start and import the checks, which is not the check's
time: on a busy machine, starting an interpreter and importing the engine can take seconds."""

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_warm: set[tuple[int, str]] = set()


class CheckTimedOut(Exception):
    """The worker was not back by the deadline and was stopped."""


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            # spawn: a fresh interpreter, never a fork of a server with running threads
            _pool = ProcessPoolExecutor(
                _WORKERS,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start,  # each worker imports the checks before taking one
                initargs=(CHECKS_MODULE,),
            )
        return _pool


def _discard(pool: ProcessPoolExecutor) -> None:
    """Stop a pool whose worker is stuck; the next check starts a new one."""
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def _start(module: str) -> None:
    exit_with_parent()
    _import(module)


def _import(module: str) -> None:
    importlib.import_module(module)


def _started(pool: ProcessPoolExecutor, module: str) -> None:
    """Start the pool's workers and import `module` in them before any check is timed."""
    key = (id(pool), module)
    if key in _warm:
        return
    for done in [pool.submit(_import, module) for _ in range(_WORKERS)]:
        done.result(timeout=STARTUP_SECONDS)
    _warm.add(key)


def run_checked(check: Callable[..., Any], *args: Any, seconds: float = CHECK_SECONDS) -> Any:
    """`check(*args)` in a worker process; its result, or `CheckTimedOut` past `seconds`.
    `check` and its arguments and result must pickle (a module-level function, plain data)."""
    for attempt in (1, 2):
        pool = _executor()
        try:
            _started(pool, check.__module__)
            return pool.submit(check, *args).result(timeout=seconds)
        except FutureTimeout as exc:
            _discard(pool)
            raise CheckTimedOut from exc
        except BrokenProcessPool:  # a worker died (stopped above, or killed): start afresh
            _discard(pool)
            if attempt == 2:
                raise
    raise AssertionError("unreachable")
