"""Fixtures for the API tests: every test runs against SQLite and against PostgreSQL.

PostgreSQL comes from `SOCIALAUDIT_TEST_POSTGRES_URL` (default: the local server CI and the
development machines run). Each test gets its own schema, dropped afterwards, so runs never
see each other's rows. When the variable is set or `CI` is true, an unreachable server fails
the run instead of skipping it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import polars as pl
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from starlette.applications import Starlette

from socialaudit.api.app import create_app
from socialaudit.api.auth import DEVELOPMENT_AGENCY
from socialaudit.api.settings import Settings
from socialaudit.engine.config import Settings as EngineSettings
from socialaudit.engine.registry import Registry, build_registry
from socialaudit.schema.ids import local_id
from socialaudit.service.storage.agencies import find_agency
from socialaudit.service.storage.tenancy import Tenancy

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
APPLICATION_ROLE = "socialaudit_app"
EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def registry() -> Registry:
    """The cue classifier: the model's first classification of an example's texts can take
    longer than the 30 s a request may run on 2 shared cores; tests/api/test_classify.py and
    tests/classifier cover the model."""
    return build_registry(EngineSettings.model_validate({"classifier": {"use": "builtin"}}))


def _postgres_required() -> bool:
    return bool(os.environ.get("SOCIALAUDIT_TEST_POSTGRES_URL")) or os.environ.get(
        "CI", ""
    ).lower() in ("1", "true", "yes")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'socialaudit.sqlite3'}"
        return
    base = os.environ.get("SOCIALAUDIT_TEST_POSTGRES_URL") or DEFAULT_POSTGRES_URL
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # the server is not there
        admin.dispose()
        message = f"PostgreSQL at {make_url(base).render_as_string()} is unreachable: {exc}"
        if _postgres_required():
            pytest.fail(message)
        pytest.skip(message + " (set SOCIALAUDIT_TEST_POSTGRES_URL or CI=true to require it)")
    with admin.begin() as conn:  # the role the service runs as, bound by row-level security
        conn.execute(
            text(
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                f"'{APPLICATION_ROLE}') THEN CREATE ROLE {APPLICATION_ROLE} NOLOGIN; "
                "END IF; END $$"
            )
        )
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def make_app(database_url: str, registry: Registry, **settings: Any) -> Starlette:
    """Development mode (no keys) unless `development=False` is given: most tests are about
    what one agency sees; tests/api/test_tenants.py covers keys and isolation."""
    settings = {"development": True, **settings}
    if database_url.startswith("postgresql"):
        settings.setdefault("database_role", APPLICATION_ROLE)
    return create_app(Settings(database_url=database_url, **settings), registry=registry)


@pytest.fixture
def app(database_url: str, registry: Registry) -> Iterator[Starlette]:
    application = make_app(database_url, registry)
    yield application
    application.state.engine.dispose()


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as http:
        yield http


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """POST a document and return the JSON body, failing on any GraphQL error."""
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers or {}
    )
    body = response.json()
    assert response.status_code == 200, body
    assert "errors" not in body, body["errors"]
    return body["data"]  # type: ignore[no-any-return]


CREATE = """
mutation($input: OrganizationInput!) {
  createOrganization(input: $input) {
    organization { id name channels { id key platform } }
    userErrors { field code message }
  }
}
"""

BAKERY = {
    "name": "Bakkerij Van Acker",
    "sector": "FOOD_AND_HOSPITALITY",
    "market": "B2C",
    "country": "BE",
    "languages": ["nl", "fr"],
    "channels": [
        {"platform": "facebook", "handle": "bakkerijvanacker", "followers": 2450},
        {"platform": "instagram", "handle": "bakkerij_vanacker", "followers": 1320},
    ],
}


async def create_bakery(client: httpx.AsyncClient, **changes: Any) -> dict[str, Any]:
    data = await gql(client, CREATE, {"input": {**BAKERY, **changes}})
    payload = data["createOrganization"]
    assert payload["userErrors"] == []
    return payload["organization"]  # type: ignore[no-any-return]


IMPORT = """
mutation($input: ImportChannelDataInput!) {
  importChannelData(input: $input) {
    channelImport { id filename format posts interactions digest }
    channel { postCount interactionCount messagesKnown }
    duplicate
    userErrors { field code message }
  }
}
"""


def example_file(channel: str, name: str) -> str:
    return (EXAMPLES / "bakkerij-van-acker" / channel / name).read_text(encoding="utf-8")


async def import_inline(
    client: httpx.AsyncClient, channel_id: str, content: str, filename: str = "posts.csv"
) -> dict[str, Any]:
    data = await gql(
        client,
        IMPORT,
        {"input": {"channelId": channel_id, "content": content, "filename": filename}},
    )
    return data["importChannelData"]  # type: ignore[no-any-return]


def stored_frames(app: Starlette, channel_global_id: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The posts and interactions stored for a channel of the development agency, read past
    the API."""
    engine = app.state.engine
    agency = find_agency(engine, DEVELOPMENT_AGENCY)
    assert agency is not None
    channel_id = local_id(channel_global_id, "Channel")
    assert channel_id is not None
    role = app.state.settings.database_role
    with Tenancy(engine, agency.id, role).transaction() as repo:
        return repo.channel_frames(channel_id)
