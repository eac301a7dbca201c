"""Fixtures for the job tests: a PostgreSQL schema of their own holding the service's tables and
Procrastinate's queue, the service app with keys of two agencies, and real `socialaudit worker`
processes, stopped (or killed) and the schema dropped afterwards, so no other test sharing the
database sees any of it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from starlette.applications import Starlette

from socialaudit.api.auth import Role, create_key
from socialaudit.engine.registry import Registry, build_registry
from socialaudit.service.storage import agencies as store
from tests.api.conftest import (
    APPLICATION_ROLE,
    BAKERY,
    CREATE,
    DEFAULT_POSTGRES_URL,
    IMPORT,
    database_url,  # noqa: F401  (the SQLite-and-PostgreSQL fixture, for the service tests)
    example_file,
    make_app,
)

HEARTBEAT = "0.5"  # a killed worker counts as stopped after 1.5 s
TICK = "* * * * * */1"  # schedules and stalled jobs checked every second


def _postgres_required() -> bool:
    return bool(os.environ.get("SOCIALAUDIT_TEST_POSTGRES_URL")) or os.environ.get(
        "CI", ""
    ).lower() in ("1", "true", "yes")


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def registry() -> Registry:
    return build_registry()


@pytest.fixture
def queue_url() -> Iterator[str]:
    """A schema of the test's own, for the tables and for the queue."""
    base = os.environ.get("SOCIALAUDIT_TEST_POSTGRES_URL") or DEFAULT_POSTGRES_URL
    schema = f"jobs_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            conn.execute(
                text(
                    "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                    f"'{APPLICATION_ROLE}') THEN CREATE ROLE {APPLICATION_ROLE} NOLOGIN; "
                    "END IF; END $$"
                )
            )
    except Exception as exc:  # the server is not there
        admin.dispose()
        message = f"PostgreSQL at {make_url(base).render_as_string()} is unreachable: {exc}"
        if _postgres_required():
            pytest.fail(message)
        pytest.skip(message + " (set SOCIALAUDIT_TEST_POSTGRES_URL or CI=true to require it)")
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@dataclass
class Agency:
    id: str
    key: str


@dataclass
class JobsApp:
    app: Starlette
    http: httpx.AsyncClient
    url: str
    agencies: dict[str, Agency]

    async def gql(
        self, agency: str, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        response = await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"Authorization": f"Bearer {self.agencies[agency].key}"},
        )
        body = response.json()
        assert response.status_code == 200 and "errors" not in body, body
        return body["data"]  # type: ignore[no-any-return]

    def admin(self) -> Connection:
        """A connection past the service, as the schema's owner (no row-level security)."""
        return self.app.state.engine.connect()  # type: ignore[no-any-return]

    async def organisation(self, agency: str, name: str, with_data: bool = True) -> str:
        created = await self.gql(agency, CREATE, {"input": {**BAKERY, "name": name}})
        organisation = created["createOrganization"]["organization"]
        if with_data:
            channel = organisation["channels"][0]["id"]
            content = example_file("facebook", "posts.csv")
            imported = await self.gql(
                agency, IMPORT, {"input": {"channelId": channel, "content": content}}
            )
            assert imported["importChannelData"]["userErrors"] == []
        return organisation["id"]  # type: ignore[no-any-return]

    async def jobs(self, agency: str = "noord") -> list[dict[str, Any]]:
        data = await self.gql(agency, JOBS)
        return [edge["node"] for edge in data["assessmentJobs"]["edges"]]

    async def wait_until_done(self, count: int, timeout: float = 90.0) -> list[dict[str, Any]]:
        """The jobs once `count` of them have finished (succeeded or failed)."""
        deadline = time.monotonic() + timeout
        while True:
            jobs = await self.jobs()
            done = [j for j in jobs if j["state"] in ("SUCCEEDED", "FAILED")]
            if len(done) >= count:
                return jobs
            assert time.monotonic() < deadline, f"jobs not done in {timeout} s: {jobs}"
            time.sleep(0.3)


JOBS = """
{ assessmentJobs(first: 100) { totalCount edges { node {
    id state attempts error scheduledFor organization { id name }
    assessment { id } createdAt startedAt finishedAt } } } }
"""


@pytest.fixture
async def jobs_app(queue_url: str, registry: Registry) -> AsyncIterator[JobsApp]:
    app = make_app(queue_url, registry, development=False, queue_url=queue_url)
    agencies = {}
    for name in ("noord", "zuid"):
        agency = store.create_agency(app.state.engine, name)
        _, key = create_key(app.state.engine, agency, "write", Role.WRITE)
        agencies[name] = Agency(agency.id, key)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as http:
        yield JobsApp(app, http, queue_url, agencies)
    app.state.engine.dispose()


class Workers:
    """`socialaudit worker` processes, as an operator starts them."""

    def __init__(self, url: str, logs: Path) -> None:
        executable = shutil.which("socialaudit", path=str(Path(sys.executable).parent))
        assert executable, "the socialaudit console script is not installed here"
        self.executable = executable
        # their connections carry a name of this test's own, for pg_stat_activity
        self.application_name = f"sa-test-{uuid.uuid4().hex[:8]}"
        url = (
            make_url(url)
            .update_query_dict({"application_name": self.application_name})
            .render_as_string(hide_password=False)
        )
        self.env = {
            **os.environ,
            "SOCIALAUDIT_DATABASE_URL": url,
            "SOCIALAUDIT_QUEUE_URL": url,
            "SOCIALAUDIT_DATABASE_ROLE": APPLICATION_ROLE,
        }
        self.logs = logs
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self, *options: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        log = (self.logs / f"worker-{len(self.processes)}.log").open("wb")
        process = subprocess.Popen(
            [self.executable, "worker", "--heartbeat", HEARTBEAT, "--tick", TICK, *options],
            env={**self.env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def output(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.logs.glob("*.log")))

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def workers(queue_url: str, tmp_path: Path) -> Iterator[Workers]:
    running = Workers(queue_url, tmp_path)
    try:
        yield running
    finally:
        running.stop()


def assessors(pid: int) -> set[int]:
    """The assessment processes worker `pid` started (multiprocessing's spawned children, not
    its resource tracker), from Linux's /proc."""
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                command = Path(f"/proc/{child}/cmdline").read_bytes()
            except FileNotFoundError:  # it exited meanwhile
                continue
            if b"spawn_main" in command:
                found.add(int(child))
    return found


def poll(condition: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"{what}: not within {timeout} s"
        time.sleep(0.2)
