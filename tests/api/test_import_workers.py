"""Imported files are read in a worker process with a deadline (issue 13): the server's
interpreter stays free for every other request, and a file not read in time leaves nothing
behind and is answered with a TIMEOUT naming the field."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from socialaudit.api.app import create_app
from socialaudit.api.settings import Settings
from socialaudit.engine.registry import Registry
from socialaudit.service.import_parsing import ImportParsers
from tests.api.conftest import APPLICATION_ROLE, IMPORT, gql
from tests.api.slow_adapter import NAME as SLOW_FORMAT

pytestmark = pytest.mark.anyio

STARTUP_SECONDS = 120  # a fresh interpreter importing the engine, on a busy machine
CHANNEL = """mutation { createOrganization(input: {name: "Traag", market: B2B,
  channels: [{platform: "facebook", handle: "traag"}]}) { organization { channels { id } } } }"""
CHANNEL_DATA = """query($id: ID!) { node(id: $id) { ... on Channel { postCount
  imports { id } } } }"""
POSTS = (
    "id,created_at,text,media_type,impressions,reach,reactions,comments,shares,clicks\n"
    "p1,2024-06-01T10:00:00Z,hallo,image,,,1,0,0,\n"
)


@asynccontextmanager
async def served(
    database_url: str, registry: Registry, **settings: Any
) -> AsyncIterator[tuple[Starlette, httpx.AsyncClient, ImportParsers]]:
    """The app with one parsing worker that also knows the slow test adapter, started."""
    parsers = ImportParsers(1, None, ("tests.api.slow_adapter",))
    if database_url.startswith("postgresql"):
        settings.setdefault("database_role", APPLICATION_ROLE)
    app = create_app(
        Settings(database_url=database_url, development=True, **settings),
        registry=registry,
        parsers=parsers,
    )
    try:
        parsers.wait_started(STARTUP_SECONDS)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as client:
            yield app, client, parsers
    finally:
        parsers.close()
        app.state.engine.dispose()


async def _channel(client: httpx.AsyncClient) -> str:
    data = await gql(client, CHANNEL)
    return str(data["createOrganization"]["organization"]["channels"][0]["id"])


def _slow_import(channel_id: str, started: Path, stop: Path) -> dict[str, Any]:
    content = f"{started} {stop}"
    variables = {
        "input": {
            "channelId": channel_id,
            "content": content,
            "filename": "slow.txt",
            "format": SLOW_FORMAT,
        }
    }
    return {"query": IMPORT, "variables": variables}


async def _until(condition: Any, what: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while not condition():
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.05)


def _stopped(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")  # a zombie has stopped; only its exit status is left


async def test_a_slow_parse_runs_in_a_worker_while_healthz_and_reads_answer(
    database_url: str, registry: Registry, tmp_path: Path
) -> None:
    started, stop = tmp_path / "started", tmp_path / "stop"
    async with served(database_url, registry) as (_, client, _):
        channel_id = await _channel(client)
        importing = asyncio.create_task(
            client.post("/graphql", json=_slow_import(channel_id, started, stop))
        )
        await _until(started.exists, "the adapter never started")
        # the adapter is holding an interpreter lock now: not the server's
        assert int(started.read_text()) != os.getpid()
        health = await client.get("/healthz")
        assert health.status_code == 200 and health.json()["status"] == "ok"
        read = await gql(client, "{ organizations { totalCount } }")
        assert read["organizations"]["totalCount"] == 1
        assert not importing.done()
        stop.touch()
        response = await importing
        payload = response.json()["data"]["importChannelData"]
        assert payload["userErrors"] == [] and payload["channelImport"]["format"] == SLOW_FORMAT


async def test_a_parse_past_the_deadline_stores_nothing_and_answers_a_located_timeout(
    database_url: str, registry: Registry, tmp_path: Path
) -> None:
    started, never = tmp_path / "started", tmp_path / "never"
    limit = {"execution_timeout_seconds": 3}
    async with served(database_url, registry, **limit) as (_, client, parsers):
        channel_id = await _channel(client)
        response = await client.post("/graphql", json=_slow_import(channel_id, started, never))
        assert response.status_code == 504, response.text
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "TIMEOUT"
        assert error["path"] == ["importChannelData"] and error["locations"]
        assert error["extensions"]["field"] == ["input", "content"]
        assert "input.content" in error["message"] and "nothing was stored" in error["message"]
        worker = int(started.read_text())
        await _until(lambda: _stopped(worker), "the worker past its deadline was not stopped")
        stored = await gql(client, CHANNEL_DATA, {"id": channel_id})
        assert stored["node"] == {"postCount": 0, "imports": []}
        # the next file gets a fresh worker (started at once) and is imported as new
        parsers.wait_started(STARTUP_SECONDS)
        variables = {"input": {"channelId": channel_id, "content": POSTS, "filename": "p.csv"}}
        again = (await gql(client, IMPORT, variables))["importChannelData"]
        assert again["duplicate"] is False and again["channelImport"]["posts"] == 1


async def test_a_file_read_in_a_worker_is_stored_as_one_read_here_is(
    database_url: str, registry: Registry
) -> None:
    """The same rows, the same import record, the same located error for a bad file."""
    async with served(database_url, registry) as (_, client, _):
        channel_id = await _channel(client)
        variables = {"input": {"channelId": channel_id, "content": POSTS, "filename": "p.csv"}}
        payload = (await gql(client, IMPORT, variables))["importChannelData"]
        assert payload["channelImport"]["posts"] == 1 and payload["channel"]["postCount"] == 1
        again = (await gql(client, IMPORT, variables))["importChannelData"]
        assert again["duplicate"] is True
        broken = POSTS + "p2,not a time,x,image,,,1,0,0,\n"
        variables["input"]["content"] = broken
        refused = (await gql(client, IMPORT, variables))["importChannelData"]
        [problem] = refused["userErrors"]
        assert problem["field"] == ["input", "content"] and problem["code"] == "MALFORMED_FILE"
        assert "line 3" in problem["message"]
