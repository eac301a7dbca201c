"""GraphiQL in Chromium: it loads from the service alone (no CDN), opens on the example query
with an Authorization placeholder, runs a query, and keeps no header in localStorage."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Watched

HEADERS_EDITOR = ".graphiql-editor-tool .graphiql-editor:not(.hidden)"
SECRET = "sa_testtest_never-stored-anywhere"


@pytest.fixture
def graphiql(watched: Watched, served: str) -> Watched:
    watched.page.set_viewport_size({"width": 1280, "height": 900})
    watched.page.goto(f"{served}/graphql", wait_until="load")
    watched.page.wait_for_selector(".graphiql-query-editor .CodeMirror", timeout=20_000)
    return watched


def _editor_text(watched: Watched, which: str) -> str:
    return watched.page.evaluate(
        "(which) => document.querySelector(which + ' .CodeMirror').CodeMirror.getValue()", which
    )


def test_graphiql_loads_from_the_service_alone(graphiql: Watched, served: str) -> None:
    assert graphiql.errors == []
    assert graphiql.requests, "nothing was loaded"
    assert all(url.startswith(served) for url in graphiql.requests), graphiql.requests
    assert "organizations(first: 10)" in _editor_text(graphiql, ".graphiql-query-editor")
    headers = _editor_text(graphiql, HEADERS_EDITOR)
    assert '"Authorization": "Bearer <your API key>"' in headers


def test_a_query_runs_and_no_header_is_kept(graphiql: Watched) -> None:
    page = graphiql.page
    page.evaluate(
        "(secret) => document.querySelector("
        "'.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror')"
        ".CodeMirror.setValue(JSON.stringify({Authorization: 'Bearer ' + secret}))",
        SECRET,
    )
    page.locator(".graphiql-execute-button").click()
    page.locator(".result-window").get_by_text('"totalCount"').wait_for(timeout=20_000)
    page.wait_for_timeout(700)  # GraphiQL writes its storage debounced, 500 ms
    stored = page.evaluate("JSON.stringify(Object.assign({}, window.localStorage))")
    assert "organizations" in stored  # the query is kept, as GraphiQL does
    assert SECRET not in stored and "<your API key>" not in stored
    page.reload(wait_until="load")
    page.wait_for_selector(".graphiql-query-editor .CodeMirror", timeout=20_000)
    assert SECRET not in _editor_text(graphiql, HEADERS_EDITOR)
    assert graphiql.errors == []
