"""Reads have capacity of their own: with every heavy slot taken by a running assessment, a
read is still answered, and further assessments queue instead of crowding the reads out."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from socialaudit.engine.registry import Registry
from socialaudit.service import assessments
from tests.api.conftest import create_bakery, gql, make_app

pytestmark = pytest.mark.anyio

RUN = "mutation($id: ID!) { runAssessment(organizationId: $id) { assessment { id } } }"


@pytest.fixture
async def one_heavy(database_url: str, registry: Registry) -> AsyncIterator[httpx.AsyncClient]:
    app = make_app(database_url, registry, heavy_concurrency=1, read_concurrency=4)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        yield client
    app.state.engine.dispose()


async def test_reads_are_answered_while_assessments_fill_their_slots(
    one_heavy: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    organisation = await create_bakery(one_heavy)
    original = assessments.assess
    release = threading.Event()
    started: list[int] = []

    def held(*args: Any, **kwargs: Any) -> Any:
        started.append(1)
        release.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(assessments, "assess", held)
    variables = {"id": organisation["id"]}
    first = asyncio.ensure_future(gql(one_heavy, RUN, variables))
    second = asyncio.ensure_future(gql(one_heavy, RUN, variables))
    while not started:
        await asyncio.sleep(0.01)
    read = await gql(one_heavy, "{ organizations { totalCount } rules { code } }")
    assert read["organizations"]["totalCount"] == 1
    assert len(started) == 1  # the second assessment waits for the one slot
    assert not first.done() and not second.done()
    release.set()
    done = await asyncio.gather(first, second)
    assert all(d["runAssessment"]["assessment"]["id"] for d in done)
    assert len(started) == 2


async def test_assessments_in_worker_processes_equal_those_computed_in_the_server(
    database_url: str, registry: Registry, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    """The served default: assessments are computed in worker processes (which build their
    registry from plugins.toml, as the server did), and store the same result."""
    from socialaudit.api.app import create_app
    from socialaudit.api.settings import Settings
    from tests.api.conftest import APPLICATION_ROLE, example_file, import_inline

    role = APPLICATION_ROLE if database_url.startswith("postgresql") else None
    # the classifier the `client` fixture's registry uses, so that both compute alike
    plugins_toml = tmp_path / "plugins.toml"
    plugins_toml.write_text('[classifier]\nuse = "builtin"\n', encoding="utf-8")
    app = create_app(
        Settings(
            database_url=database_url,
            development=True,
            database_role=role,
            assessment_processes=1,
            plugins_toml=plugins_toml,
        )
    )
    assert app.state.assessor is not None
    read = (
        "query($id: ID!) { assessment(id: $id) { overallScore inputDigest rulesetRevision "
        "findings { code channel message } kpis { id channel value } } }"
    )
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as pooled:
            organisation = await create_bakery(pooled)
            channel = organisation["channels"][0]["id"]
            await import_inline(pooled, channel, example_file("facebook", "posts.csv"))
            results = []
            for http in (pooled, client):  # `client` computes in its own threads
                run = await gql(http, RUN, {"id": organisation["id"]})
                assessment_id = run["runAssessment"]["assessment"]["id"]
                results.append((await gql(http, read, {"id": assessment_id}))["assessment"])
    finally:
        app.state.assessor.close()
        app.state.parsers.close()
        app.state.engine.dispose()
    assert results[0] == results[1]
    assert results[0]["findings"]
