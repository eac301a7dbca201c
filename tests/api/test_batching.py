"""A page of organisations with their channels' row counts costs a fixed number of queries,
whatever the page size: reads stay fast however many organisations an agency has."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import event
from starlette.applications import Starlette

from tests.api.conftest import create_bakery, gql

pytestmark = pytest.mark.anyio

PAGE = "{ organizations(first: 20) { edges { node { channels { postCount interactionCount } } } } }"


async def _count_queries(app: Starlette, client: httpx.AsyncClient, table: str, query: str) -> int:
    seen: list[str] = []

    def record(_conn, _cursor, statement: str, *_: object) -> None:  # type: ignore[no-untyped-def]
        if f"FROM {table}" in statement:
            seen.append(statement)

    event.listen(app.state.engine, "before_cursor_execute", record)
    try:
        await gql(client, query)
    finally:
        event.remove(app.state.engine, "before_cursor_execute", record)
    return len(seen)


async def test_row_counts_are_one_query_per_page(app: Starlette, client: httpx.AsyncClient) -> None:
    await create_bakery(client)
    one = await _count_queries(app, client, "posts", PAGE)
    for _ in range(4):
        await create_bakery(client)
    assert await _count_queries(app, client, "posts", PAGE) == one == 1
    assert await _count_queries(app, client, "interactions", PAGE) == 1


async def test_only_the_counts_asked_for_are_counted(
    app: Starlette, client: httpx.AsyncClient
) -> None:
    await create_bakery(client)
    posts_only = "{ organizations { edges { node { channels { postCount } } } } }"
    assert await _count_queries(app, client, "posts", posts_only) == 1
    assert await _count_queries(app, client, "interactions", posts_only) == 0
