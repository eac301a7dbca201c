"""`socialaudit worker`: run assessment jobs from the queue `SOCIALAUDIT_QUEUE_URL` names.

Each worker process loads the plugins and opens its database pool once and then runs job
after job. Assessments are CPU-bound Python, so `--concurrency N` starts N processes (one per
core is right), never N threads; on several machines, start `socialaudit worker` on each.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import time
from types import FrameType
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from socialaudit.api.settings import Settings

RESTART_DELAY = 2.0  # seconds before a worker process that died is started again
CLASSIFIER_THREADS = "SOCIALAUDIT_CLASSIFIER_THREADS"  # read by the content model's plugin


def share_cores(processes: int) -> str:
    """Give each worker process's content model its share of this machine's cores, unless
    SOCIALAUDIT_CLASSIFIER_THREADS is set: left alone, the model's OpenMP engine starts one
    thread per core in every process, and N processes on N cores then run N × N threads that
    spin while they wait for a core (bench/README.md: with 2 processes on 2 cores, 53 % more
    CPU per text and 36 % fewer texts a second than with one thread each)."""
    cores = len(os.sched_getaffinity(0))  # the cores this process may run on (cgroups, taskset)
    return os.environ.setdefault(CLASSIFIER_THREADS, str(max(1, cores // processes)))


def _settings() -> Settings:
    from socialaudit.api.settings import Settings

    settings = Settings()
    if not settings.queue_url:
        raise click.UsageError(
            "SOCIALAUDIT_QUEUE_URL is not set: name the PostgreSQL database of the job queue "
            "(usually SOCIALAUDIT_DATABASE_URL itself); see docs/deploy.md"
        )
    return settings


def _prepare() -> None:
    """Migrate the database and create the queue's tables once, before any process works."""
    import logging

    from socialaudit.service.job_queue import ProcrastinateQueue
    from socialaudit.service.storage.database import create_database_engine, migrate
    from socialaudit.service.storage.tenancy import check_database_role

    settings = _settings()
    engine = create_database_engine(settings.database_url)
    migrate(engine)
    problem = check_database_role(engine, settings.database_role)
    engine.dispose()
    if problem and settings.production:
        raise click.UsageError(problem)
    if problem:
        logging.getLogger("socialaudit.jobs").warning(problem)
    ProcrastinateQueue(settings.queue_url).ensure_schema()


def work(heartbeat: float, tick: str, detach: bool = False) -> None:
    """One worker process: its pool and its assessment process made once, then jobs until
    SIGTERM."""
    from socialaudit.api.logs import configure_logging
    from socialaudit.service.job_process import ChildSettings, JobProcess
    from socialaudit.service.job_queue import ProcrastinateQueue, WorkerRuntime
    from socialaudit.service.storage.database import create_database_engine

    if detach:  # Ctrl-C in a terminal reaches the supervisor, which stops us once
        os.setsid()
    configure_logging()
    settings = _settings()
    assessor = JobProcess(
        ChildSettings(
            database_url=settings.database_url,
            plugins_toml=str(settings.plugins_toml) if settings.plugins_toml else None,
            database_role=settings.database_role,
            configure_logging=configure_logging,
        ),
        timeout=settings.job_timeout,
    )
    assessor.start()  # it loads the plugins while this process connects to the queue
    runtime = WorkerRuntime(
        engine=create_database_engine(settings.database_url),
        assessor=assessor,
        database_role=settings.database_role,
        stalled_after=heartbeat * 3,
        cache_keep_days=settings.classification_cache_days,
    )
    queue = ProcrastinateQueue(settings.queue_url, runtime, tick)
    try:
        queue.run_worker(heartbeat, name=f"{socket.gethostname()}-{os.getpid()}")
    finally:
        assessor.stop()
        runtime.engine.dispose()


def _supervise(concurrency: int, heartbeat: float, tick: str) -> None:
    """N worker processes; SIGTERM or SIGINT stops each after its running job, and one that
    dies otherwise is started again."""
    context = multiprocessing.get_context("spawn")  # no fork: polars' threads do not survive it
    stopping = False

    def start() -> multiprocessing.process.BaseProcess:
        process = context.Process(target=work, args=(heartbeat, tick, True), daemon=False)
        process.start()
        return process

    processes = [start() for _ in range(concurrency)]

    def stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        for process in processes:
            if process.is_alive() and process.pid:
                os.kill(process.pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:
        for index, process in enumerate(processes):
            process.join(timeout=0.5)
            if process.exitcode is not None and not stopping:
                click.echo(
                    f"worker process {process.pid} stopped (exit {process.exitcode}); "
                    "starting another",
                    err=True,
                )
                time.sleep(RESTART_DELAY)
                processes[index] = start()
        if stopping and all(p.exitcode is not None for p in processes):
            return


@click.command("worker")
@click.option(
    "--concurrency",
    default=1,
    show_default=True,
    type=click.IntRange(1),
    help="Worker processes on this machine; one per core.",
)
@click.option(
    "--heartbeat",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds between a worker's heartbeats; a worker silent for three of them counts as "
    "stopped, and its job is retried.",
)
@click.option(
    "--tick",
    default="* * * * *",
    show_default=True,
    help="How often schedules and stalled jobs are checked (cron; a sixth field is seconds).",
)
def worker_command(concurrency: int, heartbeat: float, tick: str) -> None:
    """Run assessment jobs (`scheduleAssessments`, the agencies' schedules).

    Reads SOCIALAUDIT_QUEUE_URL and SOCIALAUDIT_DATABASE_URL (and SOCIALAUDIT_DATABASE_ROLE,
    SOCIALAUDIT_PLUGINS_TOML) like `socialaudit serve`. Stops after the running job on SIGTERM.
    """
    _prepare()
    share_cores(concurrency)  # inherited by every process started from here
    if concurrency == 1:
        work(heartbeat, tick)
    else:
        _supervise(concurrency, heartbeat, tick)
