"""Assessment jobs on 1, 2 and 4 worker processes: throughput, scaling, per-job overhead,
CPU, memory per worker and database connections.

In a PostgreSQL schema of its own it creates one agency with `--small` organisations like the
Bakkerij Van Acker example (two channels, its CSV files imported) and `--large` ones with
`--large-factor` times their posts and interactions, fills the classification cache by assessing
one of each once (the nightly case: texts that did not change are not classified again), then for
each worker count: enqueues every organisation (`scheduleAssessments(all: true)` through the
service), starts one `socialaudit worker --concurrency N`, as docs/deploy.md runs it on a
machine, waits until every job is done, and prints

- assessments per minute, from the first job's start to the last job's end (process start and
  plugin loading are printed apart, as "worker ready");
- scaling efficiency: the rate divided by (workers × the rate of one worker);
- per-job overhead: wall time × workers ÷ jobs minus the assessment's own time, which is
  `assess()` on the same organisations measured in this process, warm (the floor), and the
  round trip of a job's ids through the pipe to the assessment process, measured apart;
- CPU seconds per job of the worker processes and of the database backends serving them;
- peak memory (VmHWM) of each worker's two processes (queue and heartbeats; assessments);
- the most database connections the run held at once (pg_stat_activity, by application name).

    python bench/jobs_bench.py                       # 120 small + 3 large, a few minutes
    # the issue's size, each worker count a run of its own, the organisations built once:
    python bench/jobs_bench.py --small 500 --large 5 --schema bench_jobs --record r.json --workers 1
    python bench/jobs_bench.py --schema bench_jobs --record r.json --workers 2
    python bench/jobs_bench.py --schema bench_jobs --record r.json --workers 4 --drop
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import uuid
from multiprocessing.connection import Connection
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from socialaudit.engine.config import load_settings
from socialaudit.engine.pipeline import assess
from socialaudit.engine.registry import build_registry
from socialaudit.service.imports import InlineFile
from socialaudit.service.job_queue import ProcrastinateQueue
from socialaudit.service.service import Service
from socialaudit.service.storage import agencies as store
from socialaudit.service.storage.agencies import list_agencies
from socialaudit.service.storage.classification_cache import DatabaseClassificationCache
from socialaudit.service.storage.database import create_database_engine, grant_to_role, migrate
from socialaudit.service.storage.tenancy import Tenancy

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "bakkerij-van-acker"
ROLE = "socialaudit_app"
BASE_URL = os.environ.get(
    "SOCIALAUDIT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def template(service: Service) -> str:
    profile = tomllib.loads((EXAMPLE / "organisation.toml").read_text(encoding="utf-8"))
    organisation_id = service.create_organisation(profile)
    for channel in service.channels([organisation_id])[organisation_id]:
        for path in sorted((EXAMPLE / channel.key).glob("*.csv")):
            upload = InlineFile(path.name, path.read_bytes(), None)
            service.import_channel_data(channel.id, upload, ["content"])
    return organisation_id


def clone(engine: Engine, source: str, copies: int, factor: int, name: str) -> None:
    """`copies` organisations with the source's profile and channels, each post and
    interaction repeated `factor` times (ids suffixed), in a few INSERT ... SELECTs."""
    columns = {}
    with engine.connect() as conn:
        for table in ("organisations", "channels", "posts", "interactions"):
            columns[table] = [
                r[0]
                for r in conn.execute(
                    text(
                        "SELECT column_name FROM information_schema.columns WHERE table_name = :t "
                        "AND table_schema = current_schema() ORDER BY ordinal_position"
                    ),
                    {"t": table},
                )
            ]

    def listed(table: str, replaced: dict[str, str]) -> tuple[str, str]:
        names = columns[table]
        return ", ".join(names), ", ".join(replaced.get(c, f"s.{c}") for c in names)

    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TEMP TABLE copies AS SELECT gen_random_uuid()::text AS org, n "
                "FROM generate_series(1, :c) n"
            ),
            {"c": copies},
        )
        conn.execute(
            text(
                "CREATE TEMP TABLE channel_map AS SELECT c.org, ch.id AS old, "
                "gen_random_uuid()::text AS new FROM copies c CROSS JOIN channels ch "
                "WHERE ch.organisation_id = :s"
            ),
            {"s": source},
        )
        names, values = listed(
            "organisations",
            {
                "id": "c.org",
                "name": f"'{name} ' || c.n",
                "created_at": "now() + c.n * interval '1 ms'",
            },
        )
        conn.execute(
            text(
                f"INSERT INTO organisations ({names}) SELECT {values} FROM organisations s "
                "CROSS JOIN copies c WHERE s.id = :s"
            ),
            {"s": source},
        )
        names, values = listed("channels", {"id": "m.new", "organisation_id": "m.org"})
        conn.execute(
            text(
                f"INSERT INTO channels ({names}) SELECT {values} FROM channels s "
                "JOIN channel_map m ON m.old = s.id"
            )
        )
        for table in ("posts", "interactions"):
            # texts made distinct, so that no classifier can label a copy by its original
            replaced = {
                "channel_id": "m.new",
                "id": "s.id || '-' || k",
                "text": "s.text || ' ' || k",
            }
            if table == "interactions":
                replaced["post_id"] = "s.post_id || '-' || k"
                replaced["parent_id"] = "s.parent_id || '-' || k"
            names, values = listed(table, replaced)
            conn.execute(
                text(
                    f"INSERT INTO {table} ({names}) SELECT {values} FROM {table} s "
                    "JOIN channel_map m ON m.old = s.channel_id "
                    "CROSS JOIN generate_series(1, :f) k"
                ),
                {"f": factor},
            )
        conn.execute(text("DROP TABLE copies; DROP TABLE channel_map"))


def warm(service: Service, organisation_id: str) -> None:
    """Assess once with the database's classification cache, which fills it: every small copy
    has the same texts, every large one too, so the jobs then run warm, as a nightly
    re-assessment of texts that did not change does."""
    data = service._stored_input(organisation_id, ["organizationId"])
    cache = DatabaseClassificationCache(service.tenancy.engine)
    assess(data, service.registry, language="nl", classification_cache=cache)


def own_time(service: Service, organisation_id: str, repeats: int = 5) -> float:
    """Median seconds of `assess()` alone on the stored data, reading the warm classification
    cache of the database as a job does: the floor of a job."""
    warm(service, organisation_id)
    data = service._stored_input(organisation_id, ["organizationId"])
    cache = DatabaseClassificationCache(service.tenancy.engine)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        assess(data, service.registry, language="nl", classification_cache=cache)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def descendants(pid: int) -> list[int]:
    """`pid` and every process under it (Linux's /proc)."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found += descendants(int(child))
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def spawned(pid: int) -> list[int]:
    """The processes `pid` started with multiprocessing's spawn (not its resource tracker)."""
    return [
        int(child)
        for task in Path(f"/proc/{pid}/task").iterdir()
        for child in (task / "children").read_text().split()
        if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()
    ]


def echo(connection: Connection) -> None:
    while True:
        try:
            connection.send((connection.recv(), "ran"))
        except EOFError:
            return


def pipe_round_trip(count: int = 2000) -> float:
    """Seconds per job of what the worker adds to hand a job to its assessment process: the
    two ids down the pipe, the outcome back."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    child = context.Process(target=echo, args=(theirs,))
    child.start()
    ids = (str(uuid.uuid4()), str(uuid.uuid4()))
    ours.send(ids)
    ours.recv()
    start = time.perf_counter()
    for _ in range(count):
        ours.send(ids)
        ours.recv()
    elapsed = (time.perf_counter() - start) / count
    ours.close()
    child.join()
    return elapsed


def peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def run(url: str, engine: Engine, service: Service, workers: int, app_name: str, env: dict) -> dict:
    """One `socialaudit worker --concurrency N`, as docs/deploy.md runs it on a machine;
    `url` carries `app_name`, so the workers' connections are counted apart."""
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM assessment_jobs; DELETE FROM assessments"))
        conn.execute(text("DELETE FROM procrastinate_jobs"))
    jobs = service.schedule_assessments(None, "nl", None)
    executable = shutil.which("socialaudit", path=str(Path(sys.executable).parent))
    env = {
        **os.environ,
        **env,
        "SOCIALAUDIT_DATABASE_URL": url,
        "SOCIALAUDIT_QUEUE_URL": url,
        "SOCIALAUDIT_DATABASE_ROLE": ROLE,
    }
    connections = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            with engine.connect() as conn:
                count = conn.execute(
                    text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :a"),
                    {"a": app_name},
                ).scalar_one()
            connections[0] = max(connections[0], count)
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.monotonic()
    # a file, not a pipe: a pipe nobody reads fills and blocks the worker's logging
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed below)
    supervisor = subprocess.Popen(
        [str(executable), "worker", "--concurrency", str(workers)],
        env=env,
        stdout=log,
        stderr=log,
    )
    first_start = None
    while True:
        with engine.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT count(*) FILTER (WHERE state IN ('succeeded', 'failed')) AS done, "
                    "count(*) FILTER (WHERE state = 'failed') AS failed, min(started_at) AS first "
                    "FROM assessment_jobs"
                )
            ).one()
        if first_start is None and row.first is not None:
            first_start = time.monotonic()
        if row.done == len(jobs):
            break
        if supervisor.poll() is not None:
            log.seek(0)
            raise SystemExit(log.read().decode(errors="replace")[-3000:])
        time.sleep(0.2)
    # read before they stop: peak memory and CPU of every process, and of the database's
    # backends serving the workers' connections
    tree = descendants(supervisor.pid)
    queues = [supervisor.pid] if workers == 1 else spawned(supervisor.pid)
    assessors = [a for q in queues for a in spawned(q)]
    peaks = {p: peak_kib(p) / 1024 for p in tree}
    worker_cpu = sum(cpu_seconds(p) for p in tree)
    with engine.connect() as conn:
        backends = (
            conn.execute(
                text("SELECT pid FROM pg_stat_activity WHERE application_name = :a"),
                {"a": app_name},
            )
            .scalars()
            .all()
        )
    database_cpu = sum(cpu_seconds(p) for p in backends if Path(f"/proc/{p}").exists())
    supervisor.send_signal(signal.SIGTERM)
    supervisor.wait(timeout=120)
    log.close()
    done.set()
    sampler.join()
    with engine.connect() as conn:
        span = conn.execute(
            text(
                "SELECT extract(epoch FROM max(finished_at) - min(started_at)) AS wall, "
                "avg(extract(epoch FROM finished_at - started_at)) AS job "
                "FROM assessment_jobs WHERE state = 'succeeded'"
            )
        ).one()
    return {
        "workers": workers,
        "jobs": len(jobs),
        "failed": row.failed,
        "ready": (first_start or started) - started,
        "wall": float(span.wall),
        "job": float(span.job),
        "rate": len(jobs) / float(span.wall) * 60,
        "queue_mb": [peaks[p] for p in queues],
        "assessor_mb": [peaks[p] for p in assessors],
        "worker_cpu": worker_cpu,
        "database_cpu": database_cpu,
        "connections": connections[0],
        "load": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=120)
    parser.add_argument("--large", type=int, default=3)
    parser.add_argument("--large-factor", type=int, default=20)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument(
        "--classifier",
        choices=["builtin", "model"],
        default="builtin",
        help="which classifier fills the cache before the runs (jobs then read it, warm)",
    )
    parser.add_argument(
        "--record",
        type=Path,
        help="a JSON file the runs are added to, so that each worker count can run apart "
        "and the table compares them all with the one-worker run",
    )
    parser.add_argument(
        "--schema",
        help="keep the organisations in this schema after the run and reuse them in the next "
        "(created if absent): each worker count can then run apart without building them again",
    )
    parser.add_argument("--drop", action="store_true", help="drop --schema at the end")
    args = parser.parse_args()

    schema = args.schema or f"bench_jobs_{uuid.uuid4().hex[:8]}"
    app_name = f"sa-{schema}"
    plugins = Path(tempfile.mkdtemp()) / "plugins.toml"
    plugins.write_text(f'[classifier]\nuse = "{args.classifier}"\n')
    env = {"SOCIALAUDIT_PLUGINS_TOML": str(plugins)}
    admin = create_database_engine(BASE_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        conn.execute(
            text(
                f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ROLE}') "
                f"THEN CREATE ROLE {ROLE} NOLOGIN; END IF; END $$"
            )
        )
    url = (
        make_url(BASE_URL)
        .update_query_dict({"options": f"-csearch_path={schema}", "application_name": app_name})
        .render_as_string(hide_password=False)
    )
    engine = create_database_engine(url)
    round_trip = pipe_round_trip()
    try:
        migrate(engine)
        grant_to_role(engine, ROLE)
        queue = ProcrastinateQueue(url)
        queue.ensure_schema()
        existing = list_agencies(engine)
        agency = existing[0] if existing else store.create_agency(engine, "bench")
        registry = build_registry(load_settings(plugins))
        service = Service(Tenancy(engine, agency.id, ROLE), registry)
        service.queue = queue
        if not existing:
            source = template(service)
            print(f"creating {args.small} small and {args.large} large organisations ...")
            clone(engine, source, args.small - 1, 1, "Klein")
            clone(engine, source, args.large, args.large_factor, "Groot")
        organisations = service.organisations_page(None, 10_000)[0]
        args.small = sum(1 for o in organisations if not o.name.startswith("Groot"))
        args.large = len(organisations) - args.small
        for original in (o for o in organisations if not o.name.startswith(("Klein", "Groot"))):
            warm(service, original.id)  # the template's own texts, unlike its copies'
        small = next(o.id for o in organisations if o.name.startswith("Klein"))
        large = next(o.id for o in organisations if o.name.startswith("Groot"))
        floor_small, floor_large = own_time(service, small), own_time(service, large)
        total = args.small + args.large
        floor = (floor_small * args.small + floor_large * args.large) / total
        print(
            f"assess() alone, warm: small {floor_small * 1000:.0f} ms, large "
            f"{floor_large * 1000:.0f} ms ({args.large_factor}x data); mean per job "
            f"{floor * 1000:.0f} ms; pipe round trip {round_trip * 1e6:.0f} µs",
            flush=True,
        )
        results = []
        for workers in args.workers:
            worker_url = (
                make_url(url)
                .update_query_dict({"application_name": f"{app_name}-workers"})
                .render_as_string(hide_password=False)
            )
            result = run(worker_url, engine, service, workers, f"{app_name}-workers", env)
            result["floor"] = floor
            result["round_trip"] = round_trip
            results.append(result)
            print(f"  {workers} worker(s): {result['rate']:.0f}/min", flush=True)
    finally:
        engine.dispose()
        if not args.schema or args.drop:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    if args.record:
        recorded = json.loads(args.record.read_text()) if args.record.exists() else []
        results = [r for r in recorded if r["workers"] not in args.workers] + results
        results.sort(key=lambda r: r["workers"])
        args.record.write_text(json.dumps(results, indent=1))
    one = next((r for r in results if r["workers"] == 1), None)
    print(f"\n{total} organisations, the classification cache warm ({args.classifier})\n")
    print(
        "| workers | jobs | failed | worker ready s | wall s | assessments/min | efficiency "
        "| job span ms | floor ms | overhead/job ms | CPU s/job workers | CPU s/job database "
        "| peak MB per worker (queue + assessment) | DB connections | load |"
    )
    print("| ---: " * 15 + "|")
    for r in results:
        efficiency = f"{r['rate'] / (r['workers'] * one['rate']):.2f}" if one else "–"
        overhead = r["wall"] * r["workers"] / r["jobs"] - r["floor"]
        peaks = " / ".join(
            f"{q:.0f} + {a:.0f}" for q, a in zip(r["queue_mb"], r["assessor_mb"], strict=False)
        )
        print(
            f"| {r['workers']} | {r['jobs']} | {r['failed']} | {r['ready']:.1f} | "
            f"{r['wall']:.1f} | {r['rate']:.0f} | {efficiency} | {r['job'] * 1000:.0f} | "
            f"{r['floor'] * 1000:.0f} | {overhead * 1000:.0f} | "
            f"{r['worker_cpu'] / r['jobs']:.3f} | {r['database_cpu'] / r['jobs']:.3f} | "
            f"{peaks} | {r['connections']} | {r['load']:.1f} |"
        )
    print(
        "\noverhead/job = wall × workers / jobs − floor: everything a job costs beyond its "
        "assessment (queue, loading the stored data, storing, job states, the pipe to the "
        "assessment process), per worker. CPU s/job: all worker processes' CPU (from their "
        "start: plugin loading included) and the database backends' serving them, per job."
    )


if __name__ == "__main__":
    main()
