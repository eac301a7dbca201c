"""Every abuse limit, plainly and through fragments, which is how limiters have been bypassed
(strawberry-graphql CVE-2026-47706/47707)."""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import orjson
import pytest
from starlette.applications import Starlette

from socialaudit.engine.registry import Registry
from socialaudit.service.service import Service
from tests.api.conftest import make_app

pytestmark = pytest.mark.anyio

LIMITS: dict[str, Any] = {
    "max_depth": 3,
    "max_aliases": 2,
    "max_tokens": 60,
    "max_page_size": 2,
    "max_body_bytes": 2048,
    "max_upload_bytes": 4096,
    "max_upload_files": 1,
    "execution_timeout_seconds": 0.3,
}


@pytest.fixture
def limited_app(database_url: str, registry: Registry) -> Iterator[Starlette]:
    app = make_app(database_url, registry, **LIMITS)
    yield app
    app.state.engine.dispose()


@pytest.fixture
async def limited(limited_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=limited_app), base_url="http://testserver"
    ) as client:
        yield client


async def _errors(client: httpx.AsyncClient, query: str) -> list[dict[str, Any]]:
    response = await client.post("/graphql", json={"query": query})
    return response.json().get("errors", [])  # type: ignore[no-any-return]


def _codes(errors: list[dict[str, Any]]) -> set[str]:
    return {e.get("extensions", {}).get("code", "") for e in errors}


async def test_depth(limited: httpx.AsyncClient) -> None:
    assert await _errors(limited, "{ organizations { edges { node { name } } } }") == []
    too_deep = "{ organizations { edges { node { channels { key } } } } }"
    assert _codes(await _errors(limited, too_deep)) == {"QUERY_TOO_DEEP"}
    through_fragments = """{ organizations { ...E } }
        fragment E on OrganizationConnection { edges { node { ...N } } }
        fragment N on Organization { channels { key } }"""
    assert _codes(await _errors(limited, through_fragments)) == {"QUERY_TOO_DEEP"}
    inline = (
        "{ organizations { ... on OrganizationConnection"
        " { edges { node { channels { key } } } } } }"
    )
    assert _codes(await _errors(limited, inline)) == {"QUERY_TOO_DEEP"}


async def test_aliases(limited: httpx.AsyncClient) -> None:
    assert await _errors(limited, "{ a: __typename b: __typename }") == []
    assert _codes(await _errors(limited, "{ a: __typename b: __typename c: __typename }")) == {
        "TOO_MANY_ALIASES"
    }
    once = "{ ...F } fragment F on Query { a: __typename b: __typename }"
    assert await _errors(limited, once) == []
    twice = "{ ...F ... { ...F } } fragment F on Query { a: __typename b: __typename }"
    assert _codes(await _errors(limited, twice)) == {"TOO_MANY_ALIASES"}


async def test_fragment_fan_out_is_refused_without_walking_it(limited: httpx.AsyncClient) -> None:
    """40 fragments each spreading the next twice expand to 2^40 aliases; counting them one by
    one would never finish, counting per fragment does."""
    parts = ["{ ...F0 }"]
    for i in range(40):
        parts.append(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}")
    parts.append("fragment F40 on Query { x: __typename }")
    big = LIMITS | {"max_tokens": 10_000}
    app = make_app(
        str(limited._transport.app.state.settings.database_url),  # type: ignore[attr-defined]
        limited._transport.app.state.registry,  # type: ignore[attr-defined]
        **big,
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        errors = await _errors(client, "\n".join(parts))
    app.state.engine.dispose()
    assert _codes(errors) == {"TOO_MANY_ALIASES"}
    assert str(2**40) in errors[0]["message"]


async def test_tokens(limited: httpx.AsyncClient) -> None:
    fields = " ".join(["__typename"] * 30)
    assert await _errors(limited, "{ " + " ".join(["__typename"] * 10) + " }") == []
    errors = await _errors(limited, "{ " + fields + " " + fields + " }")
    assert "token" in errors[0]["message"].lower()
    in_fragment = "{ ...F } fragment F on Query { " + fields + " " + fields + " }"
    assert "token" in (await _errors(limited, in_fragment))[0]["message"].lower()


async def test_page_size(limited: httpx.AsyncClient) -> None:
    assert await _errors(limited, "{ organizations(first: 2) { totalCount } }") == []
    errors = await _errors(limited, "{ organizations(first: 3) { totalCount } }")
    assert _codes(errors) == {"BAD_USER_INPUT"}
    through_fragment = "{ ...F } fragment F on Query { organizations(first: 3) { totalCount } }"
    assert _codes(await _errors(limited, through_fragment)) == {"BAD_USER_INPUT"}


async def test_body_size_is_checked_before_parsing(limited: httpx.AsyncClient) -> None:
    """Too large and not even JSON: 413, not the 400 a parser would have given."""
    garbage = b"{" * 3000
    declared = await limited.post(
        "/graphql", content=garbage, headers={"content-type": "application/json"}
    )
    assert declared.status_code == 413

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(30):
            yield b"{" * 100

    streamed = await limited.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert "content-length" not in streamed.request.headers
    assert streamed.status_code == 413
    for refused in (declared, streamed):
        error = refused.json()["errors"][0]
        assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
        assert "2048 bytes" in error["message"] and "multipart upload" in error["message"]
    small = await limited.post(
        "/graphql", content=b"{" * 100, headers={"content-type": "application/json"}
    )
    assert small.status_code == 400  # under the limit, it reaches the parser


def _upload(files: dict[str, tuple[str, bytes, str]]) -> dict[str, Any]:
    operations = {
        "query": 'mutation($f: Upload) { importChannelData(input: {channelId: "x", file: $f})'
        " { duplicate } }",
        "variables": {"f": None},
    }
    return {
        "data": {
            "operations": orjson.dumps(operations).decode(),
            "map": orjson.dumps({k: ["variables.f"] for k in files}).decode(),
        },
        "files": files,
        "headers": {"GraphQL-Preflight": "1"},
    }


async def test_upload_size_and_parts(limited: httpx.AsyncClient) -> None:
    too_big = await limited.post("/graphql", **_upload({"0": ("a.csv", b"x" * 5000, "text/csv")}))
    assert too_big.status_code == 413
    too_many = await limited.post(
        "/graphql",
        **_upload({"0": ("a.csv", b"x", "text/csv"), "1": ("b.csv", b"y", "text/csv")}),
    )
    assert too_many.status_code == 400
    assert "files" in too_many.json()["errors"][0]["message"].lower()
    fine = await limited.post("/graphql", **_upload({"0": ("a.csv", b"x", "text/csv")}))
    assert fine.status_code == 200


async def test_execution_time(
    limited: httpx.AsyncClient, limited_app: Starlette, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = Service.organisations_page

    def slow(*args: Any) -> Any:
        time.sleep(0.6)
        return original(*args)

    monkeypatch.setattr(Service, "organisations_page", slow)
    response = await limited.post("/graphql", json={"query": "{ organizations { totalCount } }"})
    assert response.status_code == 504
    assert response.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"
    monkeypatch.setattr(Service, "organisations_page", original)
    quick = await limited.post("/graphql", json={"query": "{ organizations { totalCount } }"})
    assert quick.status_code == 200


async def test_an_assessment_past_the_time_limit_is_not_stored(
    limited: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The client got its 504 at the limit; the abandoned worker must not store a result
    nobody saw."""
    from socialaudit.service import assessments as service_module

    created = await limited.post(
        "/graphql",
        json={
            "query": 'mutation { createOrganization(input: {name: "Slow", market: B2B}) '
            "{ organization { id } } }"
        },
    )
    organisation_id = created.json()["data"]["createOrganization"]["organization"]["id"]
    original = service_module.assess
    finished = threading.Event()

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.8)
        try:
            return original(*args, **kwargs)
        finally:
            finished.set()

    monkeypatch.setattr(service_module, "assess", slow)
    run = "mutation($id: ID!) { runAssessment(organizationId: $id) { assessment { id } } }"
    response = await limited.post(
        "/graphql", json={"query": run, "variables": {"id": organisation_id}}
    )
    assert response.status_code == 504
    assert finished.wait(10)
    time.sleep(0.2)  # let the abandoned worker reach the point where it would store
    history = await limited.post(
        "/graphql",
        json={
            "query": "query($id: ID!) { organization(id: $id) { assessments { totalCount } } }",
            "variables": {"id": organisation_id},
        },
    )
    assert history.json()["data"]["organization"]["assessments"]["totalCount"] == 0


IMPORT_POSTS = """
mutation($input: ImportChannelDataInput!) { importChannelData(input: $input) {
  channelImport { id posts } duplicate userErrors { code } } }
"""


async def test_an_import_past_the_time_limit_is_not_committed(
    limited: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The client is told TIMEOUT, so the import must not appear a moment later; sent again
    in time it is imported as new, not found as a duplicate nobody was told of."""
    from socialaudit.service.storage import post_rows

    created = await limited.post(
        "/graphql",
        json={
            "query": 'mutation { createOrganization(input: {name: "Slow", market: B2B, '
            'channels: [{platform: "facebook", handle: "slow"}]}) '
            "{ organization { channels { id } } } }"
        },
    )
    channel_id = created.json()["data"]["createOrganization"]["organization"]["channels"][0]["id"]
    original = post_rows.PostRows.upsert_posts
    finished = threading.Event()

    def slow(*args: Any) -> Any:
        time.sleep(0.5)  # writing the rows takes the import past its limit
        try:
            return original(*args)
        finally:
            finished.set()

    monkeypatch.setattr(post_rows.PostRows, "upsert_posts", slow)
    content = (
        "id,created_at,text,media_type,impressions,reach,reactions,comments,shares,clicks\n"
        "p1,2024-06-01T10:00:00Z,hallo,image,,,1,0,0,\n"
    )
    variables = {"input": {"channelId": channel_id, "content": content, "filename": "p.csv"}}
    response = await limited.post("/graphql", json={"query": IMPORT_POSTS, "variables": variables})
    assert response.status_code == 504, response.text
    assert response.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"
    assert finished.wait(10)
    time.sleep(0.3)  # let the abandoned worker reach its commit
    monkeypatch.setattr(post_rows.PostRows, "upsert_posts", original)
    again = await limited.post("/graphql", json={"query": IMPORT_POSTS, "variables": variables})
    payload = again.json()["data"]["importChannelData"]
    assert payload["duplicate"] is False and payload["channelImport"]["posts"] == 1
