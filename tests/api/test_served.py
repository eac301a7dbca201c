"""The service as it is deployed: `socialaudit serve` in its own process, on a loopback port,
with a temporary SQLite database; and the schema file check CI runs."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from socialaudit.service.storage.database import create_database_engine, migrate
from socialaudit.service.storage.tables import metadata

ROOT = Path(__file__).parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "SOCIALAUDIT_DATABASE_URL": f"sqlite:///{tmp_path / 'served.sqlite3'}"}
    executable = shutil.which("socialaudit", path=str(Path(sys.executable).parent))
    assert executable, "the socialaudit console script is not installed in this environment"
    process = subprocess.Popen(
        [executable, "serve", "--dev", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"socialaudit serve exited with {process.returncode}:\n{output}")
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("socialaudit serve did not answer /healthz within 60 s")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_the_started_server_answers_graphql_with_structured_logs(server: str) -> None:
    create = """mutation { createOrganization(input: {name: "Served", market: B2B}) {
        organization { id name } userErrors { message } } }"""
    response = httpx.post(
        f"{server}/graphql", json={"query": create}, headers={"X-Request-ID": "served-1"}
    )
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "served-1"
    organisation = response.json()["data"]["createOrganization"]["organization"]
    read = httpx.get(
        f"{server}/graphql",
        params={"query": "{ organizations { totalCount edges { node { id name } } } }"},
        headers={"accept": "application/graphql-response+json"},
    )
    assert read.headers["content-type"].startswith("application/graphql-response+json")
    assert read.json()["data"]["organizations"] == {
        "totalCount": 1,
        "edges": [{"node": organisation}],
    }


def test_schema_file_is_current_and_the_check_catches_a_difference(tmp_path: Path) -> None:
    check = [sys.executable, "-m", "socialaudit.api.export_schema", "--check"]
    current = subprocess.run(check, cwd=ROOT, capture_output=True, text=True)
    assert current.returncode == 0, current.stdout + current.stderr
    stale = tmp_path / "schema.graphql"
    stale.write_text((ROOT / "schema.graphql").read_text().replace("overallScore", "score"))
    differs = subprocess.run(
        [*check, "--output", str(stale)], cwd=ROOT, capture_output=True, text=True
    )
    assert differs.returncode == 1
    assert "-  score" in differs.stdout and "+  overallScore" in differs.stdout


def test_migrations_build_exactly_the_tables_the_code_uses(database_url: str) -> None:
    engine = create_database_engine(database_url)
    migrate(engine)
    migrate(engine)  # a second start finds everything in place
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert differences == []


def test_sqlite_is_the_default_and_needs_no_setup(tmp_path: Path) -> None:
    from socialaudit.api.settings import DEFAULT_DATABASE_URL, Settings

    assert Settings().database_url == DEFAULT_DATABASE_URL or os.environ.get(
        "SOCIALAUDIT_DATABASE_URL"
    )
    engine = create_engine(f"sqlite:///{tmp_path / 'nested' / 'fresh.sqlite3'}")
    engine.dispose()
    fresh = create_database_engine(f"sqlite:///{tmp_path / 'nested' / 'fresh.sqlite3'}")
    migrate(fresh)
    fresh.dispose()
    assert (tmp_path / "nested" / "fresh.sqlite3").is_file()


def test_development_mode_is_refused_off_loopback() -> None:
    executable = shutil.which("socialaudit", path=str(Path(sys.executable).parent))
    assert executable
    refused = subprocess.run(
        [executable, "serve", "--dev", "--host", "0.0.0.0", "--port", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2
    assert "--dev runs without API keys" in refused.stderr


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("nonsense", "is not an SQLAlchemy database URL"),
        ("postgresql+pg8000://someone@127.0.0.1/test", "pip install -e '.[postgres]'"),
        ("postgresql+psycopg://someone:s3cret@127.0.0.1:1/test", "cannot reach the database"),
    ],
)
def test_a_wrong_database_url_is_a_clear_error_not_a_traceback(url: str, said: str) -> None:
    executable = shutil.which("socialaudit", path=str(Path(sys.executable).parent))
    assert executable
    env = {**os.environ, "SOCIALAUDIT_DATABASE_URL": url}
    failed = subprocess.run(
        [executable, "serve", "--port", "1"], env=env, capture_output=True, text=True, timeout=60
    )
    assert failed.returncode == 2
    assert "SOCIALAUDIT_DATABASE_URL" in failed.stderr and said in failed.stderr
    assert "Traceback" not in failed.stderr and "s3cret" not in failed.stderr


def test_migrate_as_the_owner_and_grant_the_service_role(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from socialaudit.api.cli import cli
    from tests.api.conftest import APPLICATION_ROLE

    monkeypatch.setenv("SOCIALAUDIT_DATABASE_URL", database_url)
    postgres = database_url.startswith("postgresql")
    arguments = ["migrate", "--grant", APPLICATION_ROLE] if postgres else ["migrate"]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    from socialaudit.service.storage.database import head_revision

    assert f"database at revision {head_revision()}" in result.output
    if not postgres:
        refused = CliRunner().invoke(cli, ["migrate", "--grant", APPLICATION_ROLE])
        assert refused.exit_code == 2 and "PostgreSQL" in refused.output
        return
    engine = create_engine(database_url)
    with engine.connect() as conn:
        allowed = conn.execute(
            text("SELECT has_table_privilege(:role, 'organisations', 'INSERT')"),
            {"role": APPLICATION_ROLE},
        ).scalar_one()
    engine.dispose()
    assert allowed is True
