"""The job system: Procrastinate, its queue in the PostgreSQL the service already uses.

Why Procrastinate (docs/deploy.md compares it with Celery and Dramatiq): a job is a row in the
same database as the agency's data, so no broker has to be run, backed up and watched beside it;
workers on any number of machines take jobs with `FOR UPDATE SKIP LOCKED`; periodic tasks are
deferred once per tick however many workers run them (a unique row per tick); retries wait
with exponential backoff; workers send heartbeats, and a job whose worker stopped beating
(killed, machine lost) is found by `get_stalled_jobs` and retried, which the schedule tick does
every time it runs. SIGTERM stops a worker after its running job.

Procrastinate is the optional extra `[jobs]`, imported only here and only when
`SOCIALAUDIT_QUEUE_URL` is set: without it nothing of this module is loaded.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from socialaudit.engine.errors import InputError
from socialaudit.engine.registry import Registry
from socialaudit.service.job_process import JobProcess
from socialaudit.service.jobs import MAX_ATTEMPTS, QUEUE_SETTING, RetryLater
from socialaudit.service.storage.agencies import list_agencies
from socialaudit.service.storage.classification_cache import (
    DEFAULT_KEEP_DAYS,
    PRUNE_INTERVAL_SECONDS,
    prune_in_upkeep,
)
from socialaudit.service.storage.job_rows import JobState
from socialaudit.service.storage.tenancy import Tenancy

if TYPE_CHECKING:
    import procrastinate

    from socialaudit.service.service import Service

log = logging.getLogger("socialaudit.jobs")

QUEUE = "socialaudit-assessments"
ASSESS_TASK = "socialaudit.assess_organisation"
TICK_TASK = "socialaudit.schedule_tick"
DEFAULT_TICK = "* * * * *"
"""How often workers look for due schedule slots and stalled jobs (croniter syntax; a sixth
field counts seconds)."""

_SCHEMA_LOCK = 7_343_618  # an advisory lock id of our own, next to the migrations'
LOST_AFTER = timedelta(minutes=10)
"""A job row queued this long with no Procrastinate job waiting or running for it was lost
between its commit and its deferral (the service stopped in between), or its Procrastinate
job gave up; the tick defers it again."""


def queue_conninfo(url: str) -> str:
    """The libpq URL of `SOCIALAUDIT_QUEUE_URL`, which must name a PostgreSQL database."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise InputError(
            f"'{url}' is not a database URL",
            field=QUEUE_SETTING,
            hint="e.g. postgresql+psycopg://user@host:5432/db, usually the database URL itself",
        ) from exc
    if parsed.get_backend_name() != "postgresql":
        raise InputError(
            f"the job queue lives in PostgreSQL (Procrastinate), not in '{parsed.drivername}'",
            field=QUEUE_SETTING,
            hint="give a postgresql:// URL, usually SOCIALAUDIT_DATABASE_URL itself "
            "(docs/deploy.md says why no Redis or RabbitMQ is needed)",
        )
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def _empty_registry() -> Registry:
    return Registry()


def _procrastinate() -> Any:
    try:
        import procrastinate
    except ModuleNotFoundError as exc:
        raise InputError(
            "the job system is not installed",
            field=QUEUE_SETTING,
            hint="pip install 'socialaudit[jobs]', or unset SOCIALAUDIT_QUEUE_URL",
        ) from exc
    return procrastinate


@dataclass
class WorkerRuntime:
    """What a worker process keeps for all its jobs: the database engine (the tick, the job
    rows of timed-out jobs) and the child process that runs the assessments, which loads the
    plugins once (the agencies' compiled definitions are cached by `agency_registry`). The
    worker itself assesses nothing, so its registry is empty."""

    engine: Engine
    assessor: JobProcess
    database_role: str | None
    stalled_after: float = 30.0
    shared: Registry = field(default_factory=_empty_registry)
    cache_keep_days: int = DEFAULT_KEEP_DAYS

    def service(self, agency_id: str, queue: ProcrastinateQueue) -> Service:
        from socialaudit.service.service import Service

        service = Service(Tenancy(self.engine, agency_id, self.database_role), self.shared)
        service.queue = queue
        return service


class ProcrastinateQueue:
    """The Procrastinate app with socialaudit's two tasks. The service builds it to defer
    jobs; a worker builds it with a `WorkerRuntime` to run them."""

    def __init__(
        self, url: str, runtime: WorkerRuntime | None = None, tick: str = DEFAULT_TICK
    ) -> None:
        procrastinate = _procrastinate()
        self.conninfo = queue_conninfo(url)
        self.runtime = runtime
        self.app: procrastinate.App = procrastinate.App(
            connector=procrastinate.PsycopgConnector(conninfo=self.conninfo, min_size=1, max_size=2)
        )
        self._open_lock = threading.Lock()
        self._opened = False
        self._already_enqueued = procrastinate.exceptions.AlreadyEnqueued
        self._pruned_at: float | None = None
        retry = procrastinate.RetryStrategy(
            max_attempts=MAX_ATTEMPTS, wait=5, exponential_wait=2, retry_exceptions=[RetryLater]
        )

        @self.app.task(name=ASSESS_TASK, queue=QUEUE, retry=retry)
        def assess_organisation(agency_id: str, job_id: str) -> None:
            assert self.runtime is not None, "only a worker runs jobs"
            outcome = self.runtime.assessor.run(agency_id, job_id)
            if outcome.kind == "ran":
                return
            if outcome.kind == "retry":  # its error is on its row already, if it got that far
                raise RetryLater(outcome.message)
            # killed past the job timeout: not retried, the same data and plugins would run as
            # long again (docs/deploy.md); died on its own: a crash is retried like a lost worker
            log.warning(outcome.message, extra={"job": job_id})
            state = self.runtime.service(agency_id, self).abandon_job(
                job_id, outcome.message, retry=outcome.kind == "died"
            )
            if state is JobState.QUEUED:
                raise RetryLater(outcome.message)

        @self.app.periodic(cron=tick, periodic_id="schedules")
        # ahead of any backlog of assessments: stalled jobs and due slots must not wait for it
        @self.app.task(name=TICK_TASK, queue=QUEUE, queueing_lock=TICK_TASK, priority=100)
        async def schedule_tick(timestamp: int) -> None:
            await self._retry_stalled()
            await asyncio.to_thread(self._enqueue_due, datetime.fromtimestamp(timestamp, UTC))
            await asyncio.to_thread(self._prune_cache_when_due)

        self.assess_task = assess_organisation

    # -- the service's side ----------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Create Procrastinate's tables and functions when absent, under a lock so that
        several processes starting together do not race (its later versions ship migrations:
        see docs/deploy.md)."""
        import psycopg

        with psycopg.connect(self.conninfo) as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            present = conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
            if present is None or present[0] is None:
                conn.execute(self.app.schema_manager.get_schema())

    def enqueue(self, agency_id: str, job_ids: list[str]) -> None:
        """Defer one Procrastinate job per job id; the id is its queueing lock, so the same job
        is never waiting twice."""
        if self.runtime is None:  # in the service: a pool of its own, opened on first use
            with self._open_lock:
                if not self._opened:
                    self.app.open()
                    self._opened = True
        for job_id in job_ids:
            try:
                self.assess_task.configure(queueing_lock=job_id).defer(
                    agency_id=agency_id, job_id=job_id
                )
            except self._already_enqueued:
                continue

    # -- the worker's side -----------------------------------------------------------------------

    async def _retry_stalled(self) -> None:
        """Jobs whose worker stopped sending heartbeats (killed, its machine lost) go back to
        the queue; their attempt is counted on their row when they start again."""
        assert self.runtime is not None
        manager = self.app.job_manager
        stalled = await manager.get_stalled_jobs(
            queue=QUEUE, task_name=ASSESS_TASK, seconds_since_heartbeat=self.runtime.stalled_after
        )
        for job in stalled:
            log.warning("retrying a job whose worker stopped", extra={"job": job.id})
            await manager.retry_job(job)

    def _enqueue_due(self, moment: datetime) -> None:
        """Every agency's due schedule slot, and its lost jobs deferred again; one agency's
        failure is logged, the rest go on."""
        assert self.runtime is not None
        for agency in list_agencies(self.runtime.engine):
            try:
                service = self.runtime.service(agency.id, self)
                service.enqueue_due(moment)
                self._requeue_lost(agency.id, service.queued_before(moment - LOST_AFTER))
            except Exception:
                log.exception("could not enqueue a schedule slot", extra={"agency": agency.id})

    def _prune_cache_when_due(self) -> None:
        """The first tick this worker runs, then daily: the cached classifications no
        assessment used for `cache_keep_days` go, as the server does at its start and daily, so
        that a deployment of workers without a server keeps the table bounded too (several
        workers each do it: the same rows, removed once). A failure is logged and tried again
        at the next tick."""
        assert self.runtime is not None
        now = time.monotonic()
        if self._pruned_at is not None and now - self._pruned_at < PRUNE_INTERVAL_SECONDS:
            return
        if prune_in_upkeep(self.runtime.engine, self.runtime.cache_keep_days):
            self._pruned_at = now

    def _requeue_lost(self, agency_id: str, job_ids: list[str]) -> list[str]:
        if not job_ids:
            return []
        import psycopg

        with psycopg.connect(self.conninfo) as conn:
            present = {
                row[0]
                for row in conn.execute(
                    "SELECT queueing_lock FROM procrastinate_jobs WHERE queueing_lock = ANY(%s) "
                    "AND status IN ('todo', 'doing')",
                    (job_ids,),
                )
            }
        lost = [j for j in job_ids if j not in present]
        if lost:
            log.warning("deferring lost jobs again", extra={"agency": agency_id, "jobs": lost})
            self.enqueue(agency_id, lost)
        return lost

    def run_worker(self, heartbeat: float, name: str | None = None) -> None:
        """Run jobs until SIGTERM or SIGINT, then finish the running one and stop."""

        async def work() -> None:
            async with self.app.open_async():
                await self.app.run_worker_async(
                    queues=[QUEUE],
                    concurrency=1,  # jobs are CPU-bound: one per process
                    name=name,
                    update_heartbeat_interval=heartbeat,
                    stalled_worker_timeout=heartbeat * 3,
                    install_signal_handlers=True,
                    # our job rows are the record; Procrastinate's table stays small
                    delete_jobs="successful",
                )

        asyncio.run(work())
