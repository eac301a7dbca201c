"""Assessment jobs on 1, 2 and 4 worker processes: throughput, scaling, per-job overhead,
memory per worker and database connections.

In a PostgreSQL schema of its own (dropped at the end) it creates one agency with `--small`
organisations like the Bakkerij Van Acker example (two channels, its CSV files imported) and
`--large` ones with `--large-factor` times their posts and interactions, then for each worker
count: enqueues every organisation (`scheduleAssessments(all: true)` through the service),
starts that many `socialaudit worker` processes and waits until every job is done, and prints

- assessments per minute, from the first job's start to the last job's end (process start and
  plugin loading are printed apart, as "worker ready");
- scaling efficiency: the rate divided by (workers × the rate of one worker);
- per-job overhead: wall time per job on one worker minus the assessment's own time, which is
  `assess()` on the same organisations measured in this process, warm (the floor);
- peak memory (VmHWM) of each worker process;
- the most database connections the run held at once (pg_stat_activity, by application name).

    python bench/jobs_bench.py                       # 120 small + 3 large, about 4 minutes
    python bench/jobs_bench.py --small 500 --large 5 # the issue's size, about 15 minutes
"""

from __future__ import annotations

import argparse
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
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from socialaudit.engine.pipeline import assess
from socialaudit.engine.registry import build_registry
from socialaudit.service.imports import InlineFile
from socialaudit.service.job_queue import ProcrastinateQueue
from socialaudit.service.service import Service
from socialaudit.service.storage import agencies as store
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


def own_time(service: Service, organisation_id: str, repeats: int = 5) -> float:
    """Median seconds of `assess()` alone on the stored data, warm: the floor of a job."""
    data = service._stored_input(organisation_id, ["organizationId"])
    assess(data, service.registry, language="nl")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        assess(data, service.registry, language="nl")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def run(url: str, engine: Engine, service: Service, workers: int, app_name: str) -> dict:
    """`url` carries `app_name`, so the workers' connections are counted apart."""
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM assessment_jobs; DELETE FROM assessments"))
        conn.execute(text("DELETE FROM procrastinate_jobs"))
    jobs = service.schedule_assessments(None, "nl", None)
    executable = shutil.which("socialaudit", path=str(Path(sys.executable).parent))
    env = {
        **os.environ,
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
    # files, not pipes: a pipe nobody reads fills and blocks the worker's logging
    logs = [tempfile.TemporaryFile() for _ in range(workers)]  # noqa: SIM115 (closed below)
    processes = [
        subprocess.Popen([str(executable), "worker"], env=env, stdout=log, stderr=log)
        for log in logs
    ]
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
        for process, log in zip(processes, logs, strict=True):
            if process.poll() is not None:
                log.seek(0)
                raise SystemExit(log.read().decode(errors="replace")[-3000:])
        time.sleep(0.2)
    peaks = [peak_kib(p.pid) / 1024 for p in processes]
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process, log in zip(processes, logs, strict=True):
        process.wait(timeout=60)
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
        "peaks": peaks,
        "connections": connections[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=120)
    parser.add_argument("--large", type=int, default=3)
    parser.add_argument("--large-factor", type=int, default=40)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()

    schema = f"bench_jobs_{uuid.uuid4().hex[:8]}"
    app_name = f"sa-{schema}"
    admin = create_database_engine(BASE_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
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
    try:
        migrate(engine)
        grant_to_role(engine, ROLE)
        queue = ProcrastinateQueue(url)
        queue.ensure_schema()
        agency = store.create_agency(engine, "bench")
        service = Service(Tenancy(engine, agency.id, ROLE), build_registry())
        service.queue = queue
        source = template(service)
        print(f"creating {args.small} small and {args.large} large organisations ...", flush=True)
        clone(engine, source, args.small - 1, 1, "Klein")
        clone(engine, source, args.large, args.large_factor, "Groot")
        large = service.organisations_page(None, 1000)[0][-1].id
        floor_small, floor_large = own_time(service, source), own_time(service, large)
        total = args.small + args.large
        floor = (floor_small * args.small + floor_large * args.large) / total
        print(
            f"assess() alone: small {floor_small * 1000:.0f} ms, large "
            f"{floor_large * 1000:.0f} ms ({args.large_factor}x data); mean per job "
            f"{floor * 1000:.0f} ms",
            flush=True,
        )
        results = []
        for workers in args.workers:
            worker_url = (
                make_url(url)
                .update_query_dict({"application_name": f"{app_name}-workers"})
                .render_as_string(hide_password=False)
            )
            result = run(worker_url, engine, service, workers, f"{app_name}-workers")
            results.append(result)
            print(f"  {workers} worker(s): {result['rate']:.0f}/min", flush=True)
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    one = results[0]
    print(
        f"\n{total} organisations; floor = assess() alone, {floor * 1000:.0f} ms per job on "
        "average\n"
    )
    print(
        "| workers | jobs | failed | worker ready s | wall s | assessments/min | efficiency "
        "| job span ms | overhead/job ms | peak MB per worker | DB connections |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        efficiency = r["rate"] / (r["workers"] * one["rate"])
        overhead = r["wall"] * r["workers"] / r["jobs"] - floor
        peaks = "/".join(f"{p:.0f}" for p in r["peaks"])
        print(
            f"| {r['workers']} | {r['jobs']} | {r['failed']} | {r['ready']:.1f} | "
            f"{r['wall']:.1f} | {r['rate']:.0f} | {efficiency:.2f} | {r['job'] * 1000:.0f} | "
            f"{overhead * 1000:.0f} | {peaks} | {r['connections']} |"
        )
    print(
        "\noverhead/job = wall × workers / jobs − floor: everything a job costs beyond its "
        "assessment (queue, loading the stored data, storing, job states), per worker."
    )


if __name__ == "__main__":
    main()
