"""GraphQL over HTTP: methods, content types, status codes, masked errors, request ids,
production mode and the health check."""

from __future__ import annotations

import hashlib
import json
import logging

import httpx
import pytest
from starlette.applications import Starlette

from socialaudit.engine.registry import Registry
from socialaudit.service.service import Service
from tests.api.conftest import create_bakery, make_app

pytestmark = pytest.mark.anyio

GRAPHQL_RESPONSE = "application/graphql-response+json"


async def test_get_runs_queries_and_refuses_mutations(client: httpx.AsyncClient) -> None:
    ok = await client.get("/graphql", params={"query": "{ organizations { totalCount } }"})
    assert ok.status_code == 200
    assert ok.json() == {"data": {"organizations": {"totalCount": 0}}}
    mutation = (
        'mutation { createOrganization(input: {name: "x", market: B2B}) { userErrors { code } } }'
    )
    refused = await client.get("/graphql", params={"query": mutation})
    assert refused.status_code == 405
    assert refused.headers["allow"] == "POST"
    listed = await client.post("/graphql", json={"query": "{ organizations { totalCount } }"})
    assert listed.json()["data"]["organizations"]["totalCount"] == 0  # nothing was created


async def test_media_types_and_status_codes(client: httpx.AsyncClient) -> None:
    invalid = {"query": "{ noSuchField }"}
    legacy = await client.post("/graphql", json=invalid)
    assert legacy.status_code == 200
    assert legacy.headers["content-type"].startswith("application/json")
    assert "errors" in legacy.json()

    modern = await client.post("/graphql", json=invalid, headers={"accept": GRAPHQL_RESPONSE})
    assert modern.status_code == 400
    assert modern.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert "data" not in modern.json()

    parse_error = await client.post(
        "/graphql", json={"query": "{"}, headers={"accept": GRAPHQL_RESPONSE}
    )
    assert parse_error.status_code == 400
    coercion = await client.post(
        "/graphql",
        json={
            "query": "query($n: Int!) { organizations(first: $n) { totalCount } }",
            "variables": {"n": "x"},
        },
        headers={"accept": GRAPHQL_RESPONSE},
    )
    assert coercion.status_code == 400
    executed = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"accept": GRAPHQL_RESPONSE}
    )
    assert executed.status_code == 200
    assert executed.json() == {"data": {"__typename": "Query"}}

    not_json = await client.post(
        "/graphql", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert not_json.status_code == 400
    no_type = await client.post("/graphql", content=b'{"query": "{ __typename }"}')
    assert no_type.status_code == 415
    unacceptable = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"accept": "text/xml"}
    )
    assert unacceptable.status_code == 406
    batch = await client.post("/graphql", json=[{"query": "{ __typename }"}])
    assert batch.status_code == 400


async def test_internal_errors_are_masked_and_logged_with_the_request_id(
    client: httpx.AsyncClient,
    app: Starlette,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    organisation = await create_bakery(client)

    def broken(self: Service, organisation_id: str) -> None:
        raise RuntimeError("password=hunter2 in a stack trace")

    monkeypatch.setattr(Service, "organisation", broken)
    with caplog.at_level(logging.ERROR, logger="socialaudit.graphql"):
        response = await client.post(
            "/graphql",
            json={
                "query": "query($id: ID!) { organization(id: $id) { name } }",
                "variables": {"id": organisation["id"]},
            },
            headers={"X-Request-ID": "req-42"},
        )
    assert response.headers["x-request-id"] == "req-42"
    body = response.json()
    assert body["data"] == {"organization": None}
    [error] = body["errors"]
    assert "hunter2" not in response.text and "RuntimeError" not in response.text
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-42"}
    assert "req-42" in error["message"]
    [record] = [r for r in caplog.records if r.name == "socialaudit.graphql"]
    assert record.exc_info is not None and "hunter2" in str(record.exc_info[1])


async def test_request_ids_are_made_when_missing_or_malformed(client: httpx.AsyncClient) -> None:
    made = await client.get("/healthz")
    assert len(made.headers["x-request-id"]) == 32
    hostile = await client.get("/healthz", headers={"X-Request-ID": 'a" injected: 1'})
    assert hostile.headers["x-request-id"] != 'a" injected: 1'


async def test_healthz_checks_the_database(client: httpx.AsyncClient, app: Starlette) -> None:
    healthy = await client.get("/healthz")
    assert healthy.status_code == 200
    assert healthy.json()["status"] == "ok"
    app.state.engine.dispose()
    app.state.engine.pool._creator = lambda: (_ for _ in ()).throw(OSError("db down"))  # type: ignore[attr-defined]
    broken = await client.get("/healthz")
    assert broken.status_code == 503
    assert broken.json() == {"status": "error", "database": "unreachable"}


INTROSPECTION = "{ __schema { queryType { name } } }"


async def test_graphiql_and_introspection_in_development(client: httpx.AsyncClient) -> None:
    browser = "text/html,application/xhtml+xml,*/*;q=0.8"
    page = await client.get("/graphql", headers={"accept": browser})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
    introspection = await client.post("/graphql", json={"query": INTROSPECTION})
    assert introspection.json() == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


async def test_production_has_no_graphiql_and_no_introspection(
    database_url: str, registry: Registry
) -> None:
    app = make_app(database_url, registry, production=True)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        browser = "text/html,application/xhtml+xml,*/*;q=0.8"
        page = await client.get("/graphql", headers={"accept": browser})
        assert page.status_code == 400  # a GraphQL request without a query
        assert "graphiql" not in page.text.lower()
        html_only = await client.get("/graphql", headers={"accept": "text/html"})
        assert html_only.status_code == 406
        introspection = await client.post("/graphql", json={"query": INTROSPECTION})
        assert "introspection" in introspection.json()["errors"][0]["message"].lower()
        assert "data" not in introspection.json()
        typename = await client.post("/graphql", json={"query": "{ __typename }"})
        assert typename.json() == {"data": {"__typename": "Query"}}
    app.state.engine.dispose()


async def test_automatic_persisted_queries(client: httpx.AsyncClient) -> None:
    """Apollo's protocol: the hash alone, PersistedQueryNotFound, then hash and text once, then
    the hash alone works, over POST and GET."""
    query = "{ organizations { totalCount } }"
    digest = hashlib.sha256(query.encode()).hexdigest()
    persisted = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    unknown = await client.post("/graphql", json={"extensions": persisted})
    assert unknown.status_code == 200
    assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    first = await client.post("/graphql", json={"query": query, "extensions": persisted})
    assert first.json() == {"data": {"organizations": {"totalCount": 0}}}
    again = await client.post("/graphql", json={"extensions": persisted})
    assert again.json() == {"data": {"organizations": {"totalCount": 0}}}
    by_get = await client.get("/graphql", params={"extensions": json.dumps(persisted)})
    assert by_get.json() == {"data": {"organizations": {"totalCount": 0}}}
    forged = await client.post(
        "/graphql", json={"query": "{ __typename }", "extensions": persisted}
    )
    assert forged.status_code == 400
    assert "does not match" in forged.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "persisted",
    ["a string", {"version": 2, "sha256Hash": "0" * 64}, {"version": 1, "sha256Hash": "short"}],
)
async def test_malformed_persisted_query_extensions_are_400(
    client: httpx.AsyncClient, persisted: object
) -> None:
    response = await client.post("/graphql", json={"extensions": {"persistedQuery": persisted}})
    assert response.status_code == 400
    assert "persistedQuery" in response.json()["errors"][0]["message"]


async def test_without_configured_origins_no_site_gets_cors_headers(
    client: httpx.AsyncClient,
) -> None:
    preflight = await client.options(
        "/graphql",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code >= 400
    assert "access-control-allow-origin" not in preflight.headers
    answer = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Origin": "https://evil.example"}
    )
    assert answer.status_code == 200
    assert not [h for h in answer.headers if h.startswith("access-control-")]


async def test_cors_lets_the_configured_frontend_in_and_no_other(
    database_url: str, registry: Registry
) -> None:
    app = make_app(database_url, registry, cors_origins=["https://app.agency.example"])
    preflight_headers = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    }
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        allowed = await client.options(
            "/graphql", headers={"Origin": "https://app.agency.example", **preflight_headers}
        )
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == "https://app.agency.example"
        assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
        refused = await client.options(
            "/graphql", headers={"Origin": "https://evil.example", **preflight_headers}
        )
        assert "access-control-allow-origin" not in refused.headers
        answer = await client.post(
            "/graphql",
            json={"query": "{ __typename }"},
            headers={"Origin": "https://app.agency.example"},
        )
        assert answer.headers["access-control-allow-origin"] == "https://app.agency.example"
        assert "x-request-id" in answer.headers["access-control-expose-headers"].lower()
    app.state.engine.dispose()
