"""Agencies as tenants: keys, roles, rate limits, and isolation tried by every route a client
has. Another agency's object must be "not found", never "forbidden", and nothing may leak."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError
from starlette.applications import Starlette

from socialaudit.api import gate as gate_module
from socialaudit.api.auth import Role, authenticate, create_key
from socialaudit.api.cli import cli
from socialaudit.api.gate import KeyCache
from socialaudit.engine.registry import Registry
from socialaudit.service.storage import agencies as store
from socialaudit.service.storage.database import create_database_engine
from socialaudit.service.storage.tables import metadata
from socialaudit.service.storage.tenancy import Tenancy
from tests.api.conftest import BAKERY, CREATE, IMPORT, example_file, make_app

pytestmark = pytest.mark.anyio


@dataclass
class Agency:
    id: str
    name: str
    write_key: str
    read_key: str


def _agency(app: Starlette, name: str) -> Agency:
    engine = app.state.engine
    agency = store.create_agency(engine, name)
    _, write_key = create_key(engine, agency, "write", Role.WRITE)
    _, read_key = create_key(engine, agency, "read", Role.READ)
    return Agency(agency.id, name, write_key, read_key)


@pytest.fixture
def tenant_app(database_url: str, registry: Registry) -> Iterator[Starlette]:
    app = make_app(database_url, registry, development=False)
    yield app
    app.state.engine.dispose()


@pytest.fixture
async def http(tenant_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=tenant_app), base_url="http://testserver"
    ) as client:
        yield client


async def post(
    http: httpx.AsyncClient, key: str | None, query: str, variables: dict[str, Any] | None = None
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return await http.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )


async def data(
    http: httpx.AsyncClient, key: str, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    response = await post(http, key, query, variables)
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    return body["data"]  # type: ignore[no-any-return]


RULE = {
    "code": "AGY001",
    "name": "b2c-facebook-small",
    "condition": 'channel.platform == "facebook" && channel.followers < 1000000',
    "title": {
        "en": "Facebook audience below a million",
        "nl": "Facebook-publiek onder een miljoen",
    },
    "message": {"en": "Only {followers} followers."},
    "remediation": {"en": "Grow the audience."},
    "level": "CHANNEL",
}
CREATE_RULE = """mutation($input: CustomRuleInput!) { createCustomRule(input: $input) {
    definition { id key version } userErrors { field code message column } } }"""


async def agency_with_everything(http: httpx.AsyncClient, agency: Agency) -> dict[str, str]:
    """An organisation with an imported channel, an assessment and a custom rule: one object of
    every type a global id can name."""
    created = await data(http, agency.write_key, CREATE, {"input": BAKERY})
    organisation = created["createOrganization"]["organization"]
    channel_id = organisation["channels"][0]["id"]
    imported = await data(
        http,
        agency.write_key,
        IMPORT,
        {
            "input": {
                "channelId": channel_id,
                "content": example_file("facebook", "posts.csv"),
                "filename": "posts.csv",
            }
        },
    )
    rule = await data(http, agency.write_key, CREATE_RULE, {"input": RULE})
    assessed = await data(
        http,
        agency.write_key,
        "mutation($id: ID!) { runAssessment(organizationId: $id) { assessment { id } } }",
        {"id": organisation["id"]},
    )
    return {
        "Organization": organisation["id"],
        "Channel": channel_id,
        "ChannelImport": imported["importChannelData"]["channelImport"]["id"],
        "Assessment": assessed["runAssessment"]["assessment"]["id"],
        "CustomDefinition": rule["createCustomRule"]["definition"]["id"],
    }


TENANCY_OWN = {"api_keys"}
"""Tables with a tenant column read before the tenant is known: a key is looked up to find
out who is calling (service/storage/tables.py). `agencies` is the tenancy itself."""


def tenant_tables() -> list[str]:
    """Every table with a tenant column but the tenancy's own, read from the metadata each time,
    so that a table added to the storage is checked here from its first commit."""
    return sorted(
        table.name
        for table in metadata.tables.values()
        if "agency_id" in table.columns and table.name not in TENANCY_OWN
    )


# -- keys ------------------------------------------------------------------------------------


async def test_no_key_a_wrong_key_and_a_revoked_key_get_401(
    http: httpx.AsyncClient, tenant_app: Starlette
) -> None:
    agency = _agency(tenant_app, "Noord")
    query = "{ organizations { totalCount } }"
    for key in (None, "sa_00000000_guessed", "not-even-our-format", agency.write_key + "x"):
        response = await post(http, key, query)
        assert response.status_code == 401, key
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert "data" not in response.json()
    now = [0.0]
    tenant_app.state.gate.keys = KeyCache(5.0, clock=lambda: now[0])
    assert (await post(http, agency.write_key, query)).status_code == 200
    prefix = agency.write_key.split("_")[1]
    assert store.revoke_key(tenant_app.state.engine, prefix) is not None
    # remembered for at most the cache's 5 s (the documented bound), then refused
    now[0] = 4.9
    assert (await post(http, agency.write_key, query)).status_code == 200
    now[0] = 5.1
    revoked = await post(http, agency.write_key, query)
    assert revoked.status_code == 401
    assert "revoked" in revoked.json()["errors"][0]["message"]


async def test_a_remembered_key_is_not_looked_up_again_and_without_the_cache_every_time(
    database_url: str, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    lookups: list[str] = []

    def counted(engine: Any, key: str) -> Any:
        lookups.append(key)
        return authenticate(engine, key)

    monkeypatch.setattr(gate_module, "authenticate", counted)
    query = "{ organizations { totalCount } }"
    for seconds, expected in ((5.0, 1), (0.0, 3)):
        app = make_app(database_url, registry, development=False, api_key_cache_seconds=seconds)
        agency = _agency(app, f"Noord {seconds}")
        lookups.clear()
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as client:
            for _ in range(3):
                assert (await post(client, agency.read_key, query)).status_code == 200
            # a wrong key is never remembered: looked up each time
            for _ in range(2):
                assert (await post(client, agency.read_key + "x", query)).status_code == 401
        assert lookups.count(agency.read_key) == expected, seconds
        assert lookups.count(agency.read_key + "x") == 2
        if seconds == 0:  # without the cache a revoked key fails at once
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://testserver"
            ) as client:
                store.revoke_key(app.state.engine, agency.read_key.split("_")[1])
                assert (await post(client, agency.read_key, query)).status_code == 401
        app.state.engine.dispose()


async def test_only_the_hash_is_stored_and_last_use_is_recorded(
    http: httpx.AsyncClient, tenant_app: Starlette
) -> None:
    agency = _agency(tenant_app, "Noord")
    with tenant_app.state.engine.connect() as conn:
        stored = " ".join(
            str(v) for row in conn.execute(text("SELECT * FROM api_keys")) for v in row
        )
    assert agency.write_key not in stored and agency.write_key.split("_", 2)[2] not in stored
    before = {k.name: k.last_used_at for k in store.list_keys(tenant_app.state.engine)}
    assert before == {"write": None, "read": None}
    await data(http, agency.read_key, "{ organizations { totalCount } }")
    after = {k.name: k.last_used_at for k in store.list_keys(tenant_app.state.engine)}
    assert after["read"] is not None and after["write"] is None


async def test_a_read_key_reads_but_cannot_mutate(
    http: httpx.AsyncClient, tenant_app: Starlette
) -> None:
    agency = _agency(tenant_app, "Noord")
    await data(http, agency.write_key, CREATE, {"input": BAKERY})
    listed = await data(http, agency.read_key, "{ organizations { totalCount } }")
    assert listed["organizations"]["totalCount"] == 1
    refused = await post(http, agency.read_key, CREATE, {"input": BAKERY})
    assert refused.status_code == 403
    error = refused.json()["errors"][0]
    assert error["extensions"]["code"] == "FORBIDDEN" and "read-only" in error["message"]
    listed = await data(http, agency.write_key, "{ organizations { totalCount } }")
    assert listed["organizations"]["totalCount"] == 1


async def test_rate_limit_per_key_says_when_to_retry(database_url: str, registry: Registry) -> None:
    app = make_app(database_url, registry, development=False, rate_limit="3/minute")
    first, second = _agency(app, "Noord"), _agency(app, "Zuid")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        query = "{ organizations { totalCount } }"
        statuses = [(await post(client, first.read_key, query)).status_code for _ in range(3)]
        assert statuses == [200, 200, 200]
        over = await post(client, first.read_key, query)
        assert over.status_code == 429
        assert 1 <= int(over.headers["retry-after"]) <= 60
        assert over.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        assert (await post(client, second.read_key, query)).status_code == 200
    app.state.engine.dispose()


async def test_cli_creates_agencies_and_keys_that_the_service_accepts(
    tmp_path: Any, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("SOCIALAUDIT_DATABASE_URL", url)
    runner = CliRunner()
    assert runner.invoke(cli, ["agency", "create", "Noord"]).exit_code == 0
    again = runner.invoke(cli, ["agency", "create", "Noord"])
    assert again.exit_code != 0 and "exists already" in again.output
    created = runner.invoke(cli, ["apikey", "create", "--agency", "Noord", "--role", "read"])
    assert created.exit_code == 0, created.output
    key = created.output.strip().splitlines()[-1]
    assert re.fullmatch(r"sa_[0-9a-f]{8}_[A-Za-z0-9_-]{43}", key)
    unknown = runner.invoke(cli, ["apikey", "create", "--agency", "Zuid"])
    assert unknown.exit_code != 0 and "agency create" in unknown.output
    listed = runner.invoke(cli, ["apikey", "list"])
    assert key.split("_")[1] in listed.output and key not in listed.output
    engine = create_database_engine(url)
    # the refused commands wrote nothing: one agency, one key
    assert [a.name for a in store.list_agencies(engine)] == ["Noord"]
    assert len(store.list_keys(engine)) == 1
    engine.dispose()

    app = make_app(url, registry, development=False)
    now = [0.0]
    app.state.gate.keys = KeyCache(5.0, clock=lambda: now[0])
    query = "{ organizations { totalCount } }"
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        assert (await post(client, key, query)).status_code == 200
        revoked = runner.invoke(cli, ["apikey", "revoke", key.split("_")[1]])
        assert revoked.exit_code == 0, revoked.output
        now[0] = 5.1  # the server remembers a key for at most 5 s
        assert (await post(client, key, query)).status_code == 401
    assert runner.invoke(cli, ["apikey", "revoke", key.split("_")[1]]).exit_code != 0
    app.state.engine.dispose()


# -- isolation -------------------------------------------------------------------------------


async def test_another_agencys_objects_are_not_found_by_any_route(
    http: httpx.AsyncClient, tenant_app: Starlette
) -> None:
    noord, zuid = _agency(tenant_app, "Noord"), _agency(tenant_app, "Zuid")
    ids = await agency_with_everything(http, noord)
    key = zuid.write_key

    for type_name, global_id in ids.items():
        found = await data(http, key, "query($id: ID!) { node(id: $id) { id } }", {"id": global_id})
        assert found["node"] is None, type_name
    reads = await data(
        http,
        key,
        """query($o: ID!, $a: ID!) { organization(id: $o) { id } assessment(id: $a) { id }
           organizations { totalCount edges { node { id } } } customDefinitions { id }
           rules { code } kpis { id } }""",
        {"o": ids["Organization"], "a": ids["Assessment"]},
    )
    assert reads["organization"] is None and reads["assessment"] is None
    assert reads["organizations"] == {"totalCount": 0, "edges": []}
    assert reads["customDefinitions"] == []
    assert "AGY001" not in {r["code"] for r in reads["rules"]}

    organisation, channel = ids["Organization"], ids["Channel"]
    attempts = [
        ('updateOrganization(id: $o, input: {name: "Stolen"})', "userErrors { code }"),
        ("deleteOrganization(id: $o)", "userErrors { code }"),
        ("setGoals(organizationId: $o, goals: [])", "userErrors { code }"),
        ("setGovernance(organizationId: $o, governance: {})", "userErrors { code }"),
        (
            'addChannel(organizationId: $o, channel: {platform: "x", handle: "stolen"})',
            "userErrors { code }",
        ),
        ("removeChannel(channelId: $c)", "userErrors { code }"),
        (
            'importChannelData(input: {channelId: $c, content: "id,text\\n1,x\\n"})',
            "userErrors { code }",
        ),
        ("runAssessment(organizationId: $o)", "userErrors { code }"),
        ("deleteCustomRule(id: $d)", "userErrors { code }"),
        (
            'updateCustomRule(id: $d, input: {code: "AGY001", name: "x-y", condition: "true",'
            ' title: {en: "t"}, message: {en: "m"}, remediation: {en: "r"}})',
            "userErrors { code }",
        ),
    ]
    values = {"o": organisation, "c": channel, "d": ids["CustomDefinition"]}
    for mutation, selection in attempts:
        used = {name: value for name, value in values.items() if f"${name}" in mutation}
        declared = ", ".join(f"${name}: ID!" for name in used)
        body = await data(
            http, key, f"mutation({declared}) {{ m: {mutation} {{ {selection} }} }}", used
        )
        assert body["m"]["userErrors"] == [{"code": "NOT_FOUND"}], mutation

    # the owner still has everything, untouched
    mine = await data(
        http,
        noord.read_key,
        """query($o: ID!) { organization(id: $o) { name channels { key postCount }
           assessments { totalCount } } customDefinitions { key } }""",
        {"o": organisation},
    )
    assert mine["organization"]["name"] == BAKERY["name"]
    assert len(mine["organization"]["channels"]) == 2
    assert mine["organization"]["channels"][0]["postCount"] > 0
    assert mine["organization"]["assessments"]["totalCount"] == 1
    assert mine["customDefinitions"] == [{"key": "AGY001"}]


async def test_the_same_custom_code_in_two_agencies_stays_each_ones_own(
    http: httpx.AsyncClient, tenant_app: Starlette
) -> None:
    noord, zuid = _agency(tenant_app, "Noord"), _agency(tenant_app, "Zuid")
    await data(http, noord.write_key, CREATE_RULE, {"input": RULE})
    other = {**RULE, "title": {"en": "Zuid's own"}}
    saved = await data(http, zuid.write_key, CREATE_RULE, {"input": other})
    assert saved["createCustomRule"]["userErrors"] == []
    query = "{ rules { code title } }"
    noord_rules = {
        r["code"]: r["title"] for r in (await data(http, noord.read_key, query))["rules"]
    }
    zuid_rules = {r["code"]: r["title"] for r in (await data(http, zuid.read_key, query))["rules"]}
    assert noord_rules["AGY001"] == "Facebook audience below a million"
    assert zuid_rules["AGY001"] == "Zuid's own"


async def test_every_statement_on_a_tenant_table_is_scoped(
    http: httpx.AsyncClient, tenant_app: Starlette
) -> None:
    """The scoping lives in one place; this checks that no statement bypasses it."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    noord = _agency(tenant_app, "Noord")
    event.listen(tenant_app.state.engine, "before_cursor_execute", record)
    try:
        ids = await agency_with_everything(http, noord)
        await data(
            http,
            noord.write_key,
            """query($o: ID!) { organization(id: $o) { channels { imports { id } postCount }
               latestAssessment { id } assessments { edges { node { id } } } } }""",
            {"o": ids["Organization"]},
        )
        await data(
            http,
            noord.write_key,
            """mutation($a: ID!) { createReportLink(assessmentId: $a) { link { id } }
               updateAgencyBranding(input: {name: "Bureau Noord"}) { branding { name } } }""",
            {"a": ids["Assessment"]},
        )
        await data(
            http,
            noord.read_key,
            """query($a: ID!) { agencyBranding { name } assessmentSchedule { cron }
               assessmentJobs { totalCount }
               node(id: $a) { ... on Assessment { reportLinks { id } } } }""",
            {"a": ids["Assessment"]},
        )
        await data(
            http,
            noord.write_key,
            "mutation($o: ID!) { deleteOrganization(id: $o) { deletedId } }",
            {"o": ids["Organization"]},
        )
    finally:
        event.remove(tenant_app.state.engine, "before_cursor_execute", record)
    names = tenant_tables()
    touching = {
        name: [s for s in statements if re.search(rf"\b{name}\b", s, re.I)] for name in names
    }
    assert {"agency_brands", "report_links"} <= set(names)  # tables of other modules too
    untouched = [name for name, found in touching.items() if not found]
    assert untouched == [], f"add a step on {untouched} to this test's requests"
    assert sum(len(found) for found in touching.values()) > 20
    unscoped = [s for found in touching.values() for s in found if "agency_id" not in s]
    assert unscoped == []


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_row_level_security_is_a_second_wall(tenant_app: Starlette) -> None:
    """On PostgreSQL, a query that forgot the agency still sees only the agency's rows, and
    cannot write a row for another agency. (SQLite has no row-level security; there the
    repository's scoping is the only wall, checked above.)"""
    engine = tenant_app.state.engine
    role = tenant_app.state.settings.database_role
    assert role, "the PostgreSQL tests run the service as a role bound by the policies"
    noord, zuid = _agency(tenant_app, "Noord"), _agency(tenant_app, "Zuid")
    with Tenancy(engine, noord.id, role).transaction() as repo:
        repo.insert_organisation("Noord's client", {"name": "Noord's client"})
    with Tenancy(engine, zuid.id, role).transaction() as repo:
        unscoped = repo.conn.execute(text("SELECT count(*) FROM organisations")).scalar_one()
        assert unscoped == 0
    with Tenancy(engine, noord.id, role).transaction() as repo:
        assert repo.conn.execute(text("SELECT count(*) FROM organisations")).scalar_one() == 1
    forging = Tenancy(engine, zuid.id, role)
    with pytest.raises(DBAPIError, match="row-level security"), forging.transaction() as repo:
        repo.conn.execute(
            text(
                "INSERT INTO organisations (agency_id, id, name, profile, created_at, "
                "updated_at) VALUES (:a, 'forged', 'x', '{}', now(), now())"
            ),
            {"a": noord.id},
        )


async def test_guessing_keys_is_slowed_per_address(database_url: str, registry: Registry) -> None:
    app = make_app(database_url, registry, development=False, failed_key_limit="3/minute")
    agency = _agency(app, "Noord")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        query = "{ organizations { totalCount } }"
        guesses = [(await post(client, f"sa_{i:08x}_guess", query)).status_code for i in range(3)]
        assert guesses == [401, 401, 401]
        blocked = await post(client, "sa_00000009_guess", query)
        assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) >= 1
        assert blocked.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        # the address is refused for a minute, even with a valid key; other addresses are not
        assert (await post(client, agency.read_key, query)).status_code == 429
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=("192.0.2.7", 4711)),
        base_url="http://testserver",
    ) as elsewhere:
        assert (await post(elsewhere, agency.read_key, query)).status_code == 200
    app.state.engine.dispose()
