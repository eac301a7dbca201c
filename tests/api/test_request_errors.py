"""Every error answer is a GraphQL error body with a stable `extensions.code`, including the
requests refused before execution and the database being down (503, Retry-After, recovery)."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import make_url

from socialaudit.engine.registry import Registry
from tests.api.conftest import DEFAULT_POSTGRES_URL, make_app

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    ("method", "headers", "body", "status", "code"),
    [
        ("POST", {"content-type": "application/json"}, b"{not json", 400, "BAD_REQUEST"),
        (
            "POST",
            {"content-type": "text/plain"},
            b"{ organizations { totalCount } }",
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
        ("PUT", {"content-type": "application/json"}, b"{}", 405, "METHOD_NOT_ALLOWED"),
        ("DELETE", {}, b"", 405, "METHOD_NOT_ALLOWED"),
    ],
)
async def test_a_refused_request_carries_a_code(
    client: httpx.AsyncClient,
    method: str,
    headers: dict[str, str],
    body: bytes,
    status: int,
    code: str,
) -> None:
    response = await client.request(method, "/graphql", headers=headers, content=body)
    assert response.status_code == status
    assert response.json()["errors"][0]["extensions"]["code"] == code


@pytest.mark.parametrize(
    ("query", "code"),
    [("{ organizations { ", "GRAPHQL_PARSE_FAILED"), ("{ nope }", "GRAPHQL_VALIDATION_FAILED")],
)
async def test_a_document_that_does_not_parse_or_validate_carries_a_code(
    client: httpx.AsyncClient, query: str, code: str
) -> None:
    response = await client.post("/graphql", json={"query": query})
    assert response.json()["errors"][0]["extensions"]["code"] == code


class _Relay:
    """A TCP relay to PostgreSQL that a test can cut and restore, as a network partition or a
    restarting server would, without touching the server others use."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = True
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            self.open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                with contextlib.suppress(OSError):
                    end.close()

    def cut(self) -> None:
        self.up = False
        for end in self.open:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
        self.open.clear()

    def restore(self) -> None:
        self.up = True

    def close(self) -> None:
        self.cut()
        self.listener.close()


@pytest.fixture
def relayed_postgres(database_url: str) -> Iterator[tuple[str, _Relay]]:
    url = make_url(database_url)
    relay = _Relay(url.host or "127.0.0.1", url.port or 5432)
    try:
        yield url.set(host="127.0.0.1", port=relay.port).render_as_string(False), relay
    finally:
        relay.close()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)  # SQLite is a file
async def test_database_down_is_503_with_a_code_and_recovers(
    relayed_postgres: tuple[str, _Relay], registry: Registry, tmp_path: Path
) -> None:
    url, relay = relayed_postgres
    app = make_app(url, registry, development=False)
    query = {"query": "{ organizations { totalCount } }"}
    key = {"authorization": "Bearer sa_nothing_like_a_key"}
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as client:
            assert (await client.post("/graphql", json=query, headers=key)).status_code == 401
            relay.cut()
            down = await client.post("/graphql", json=query, headers=key)
            assert down.status_code == 503
            assert down.headers["retry-after"].isdigit()
            assert down.headers["content-type"].startswith("application/json")
            assert down.json()["errors"][0]["extensions"]["code"] == "DATABASE_UNAVAILABLE"
            relay.restore()
            back = await client.post("/graphql", json=query, headers=key)
            assert back.status_code == 401  # the key lookup ran again: the database is back
    finally:
        app.state.engine.dispose()


def test_the_postgres_url_default_is_loopback() -> None:
    """The relay stands in front of the test server; it must never point elsewhere."""
    base = os.environ.get("SOCIALAUDIT_TEST_POSTGRES_URL") or DEFAULT_POSTGRES_URL
    assert make_url(base).host in ("127.0.0.1", "localhost", "::1")


async def test_variables_that_do_not_coerce_carry_a_code(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        json={
            "query": "query($first: Int) { organizations(first: $first) { totalCount } }",
            "variables": {"first": "many"},
        },
    )
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "$first" in error["message"]
