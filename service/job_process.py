"""A worker's assessments run in a child process, so that a job past its time limit can be
stopped.

Python cannot kill a thread: a plugin in an endless loop, or an organisation far larger than
any other, would keep its core and its job for ever, and the engine's per-call limits
(`[limits]` in plugins.toml) only abandon the call while its thread runs on. A process can be
killed. So each worker process (the one that talks to Procrastinate, sends heartbeats and runs
the schedule tick) keeps one child that loads the plugins once and runs job after job; the
parent hands it a job's ids through a pipe and waits at most the job timeout. Past it, the
child is killed with SIGKILL, its database transaction dies with its connection (nothing is
half-stored), the parent fails the job with "timed out after N s", and a fresh child is started
for the next job. The pipe carries two ids one way and a state back, so a job pays well under
a millisecond for it (bench/README.md has the figure); the child's start is paid once, and
again only after a timeout or a crash.

The child ignores SIGINT and SIGTERM: its parent decides when it stops (after the running job,
on a graceful stop), and a Ctrl-C that reaches the whole process group must not interrupt an
assessment half-way. If the parent dies without a word (SIGKILL, OOM), the child notices at
once and exits, so a killed worker's job stays unfinished and is retried like before.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Literal

log = logging.getLogger("socialaudit.jobs")

DEFAULT_JOB_TIMEOUT = 1800.0
"""Seconds a whole assessment job may take (`SOCIALAUDIT_JOB_TIMEOUT`): three times the
classifier's own limit (600 s), twenty times a typical organisation's first assessment with the
content model on an idle core; a re-assessment takes about a second."""


READY = "ready"


@dataclass(frozen=True)
class ChildSettings:
    """What the child needs to build its own database engine and plugins; `configure_logging`
    is the caller's (a module-level function, so that it reaches the spawned child)."""

    database_url: str
    plugins_toml: str | None
    database_role: str | None
    configure_logging: Callable[[], None] | None = None


@dataclass(frozen=True)
class Outcome:
    """How one job went in the child. `ran`: the job ran to its end (succeeded, failed for good
    or was found done already); `retry`: it failed and may be tried again (its error is on its
    row); `timeout`: killed past the limit; `died`: the child stopped on its own (a crash)."""

    kind: Literal["ran", "retry", "timeout", "died"]
    message: str = ""


def _exit_with_parent() -> None:
    """Exit as soon as the parent process is gone, whatever the main thread is doing."""
    parent = multiprocessing.parent_process()
    assert parent is not None
    parent.join()  # the parent's sentinel: ready when it exits, however it exits
    os._exit(1)


def _serve(settings: ChildSettings, jobs: Connection) -> None:
    """The child: plugins and engine once, then the jobs the parent sends until it hangs up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, name="parent-watch", daemon=True).start()

    from socialaudit.engine.config import find_config, load_settings
    from socialaudit.engine.registry import build_registry
    from socialaudit.service.jobs import RetryLater
    from socialaudit.service.service import Service
    from socialaudit.service.storage.database import create_database_engine
    from socialaudit.service.storage.tenancy import Tenancy

    if settings.configure_logging is not None:
        settings.configure_logging()
    engine = create_database_engine(settings.database_url)
    shared = build_registry(load_settings(find_config(settings.plugins_toml)))
    jobs.send(READY)
    try:
        while True:
            try:
                agency_id, job_id = jobs.recv()
            except EOFError:  # the parent stopped: a graceful stop, or it is gone
                return
            try:
                Service(Tenancy(engine, agency_id, settings.database_role), shared).execute_job(
                    job_id
                )
                outcome = Outcome("ran")
            except RetryLater as exc:
                outcome = Outcome("retry", str(exc))
            except Exception as exc:  # the database gone before the job's row said so
                log.exception("assessment job could not run", extra={"job": job_id})
                outcome = Outcome("retry", f"{type(exc).__name__}: {exc}")
            jobs.send(outcome)
    finally:
        engine.dispose()


class JobProcess:
    """One child process that runs a worker's jobs one at a time, replaced when it is killed
    for a timeout or dies."""

    def __init__(self, settings: ChildSettings, timeout: float) -> None:
        self.settings = settings
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")  # polars' threads do not survive fork
        self._process: BaseProcess | None = None
        self._jobs: Connection | None = None
        self._ready = False

    def start(self) -> None:
        """Start the child now (it loads the plugins while the parent connects to the queue)."""
        if self._process is not None and self._process.is_alive():
            return
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(self.settings, theirs), name="socialaudit-assessor"
        )
        process.start()
        theirs.close()
        self._process, self._jobs, self._ready = process, ours, False

    def run(self, agency_id: str, job_id: str) -> Outcome:
        """Run one job in the child, at most `timeout` seconds (the child's start, after a
        replacement, is not counted: it is the worker's cost, not the job's)."""
        self.start()
        assert self._jobs is not None and self._process is not None
        try:
            if not self._ready:  # loading the plugins may hang too (a plugin's import)
                if not self._jobs.poll(self.timeout):
                    self._discard()  # as a timeout: it would hang as long again
                    return Outcome(
                        "timeout", f"the assessment process did not start in {self.timeout:g} s"
                    )
                self._ready = self._jobs.recv() == READY
            self._jobs.send((agency_id, job_id))
            if self._jobs.poll(self.timeout):
                result: Outcome = self._jobs.recv()
                return result
        except (EOFError, BrokenPipeError, ConnectionResetError):
            self._process.join(5)
            code = self._process.exitcode
            self._discard()
            return Outcome("died", f"the assessment process stopped (exit code {code})")
        self._discard()
        return Outcome("timeout", f"timed out after {self.timeout:g} s")

    def _discard(self) -> None:
        """Kill the child if it still runs (SIGKILL: its transaction dies with it)."""
        assert self._process is not None and self._jobs is not None
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._jobs.close()
        self._process.close()
        self._process = self._jobs = None
        self._ready = False

    def stop(self) -> None:
        """Hang up: the child finishes nothing (it is between jobs) and exits."""
        if self._process is None:
            return
        assert self._jobs is not None
        self._jobs.close()
        self._process.join(30)
        if self._process.exitcode is None:
            self._process.kill()
            self._process.join()
        self._process.close()
        self._process = self._jobs = None
