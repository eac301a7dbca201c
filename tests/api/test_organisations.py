"""Organisations through GraphQL: create, read, update, delete, goals, governance, channels,
paging and global ids, on both databases."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import BAKERY, CREATE, create_bakery, gql

pytestmark = pytest.mark.anyio

READ = """
query($id: ID!) {
  organization(id: $id) {
    id name sector market country languages
    governance { owner managementSupport }
    goals { objective setUpFront channels targets { kpi target channel } }
    channels { key platform handle followers }
  }
}
"""


async def test_create_and_read(client: httpx.AsyncClient) -> None:
    created = await create_bakery(client)
    assert [c["key"] for c in created["channels"]] == ["facebook", "instagram"]
    read = (await gql(client, READ, {"id": created["id"]}))["organization"]
    assert read["name"] == "Bakkerij Van Acker"
    assert read["sector"] == "FOOD_AND_HOSPITALITY"
    # governance not given is unknown (null), not "no"
    assert read["governance"] == {"owner": None, "managementSupport": None}
    assert read["channels"][0] == {
        "key": "facebook",
        "platform": "facebook",
        "handle": "bakkerijvanacker",
        "followers": 2450,
    }


async def test_invalid_profile_is_a_user_error_with_its_path(client: httpx.AsyncClient) -> None:
    data = await gql(client, CREATE, {"input": {**BAKERY, "country": "Belgium"}})
    payload = data["createOrganization"]
    assert payload["organization"] is None
    [error] = payload["userErrors"]
    assert error["field"] == ["input", "country"]
    assert error["code"] == "INVALID"
    total = await gql(client, "{ organizations { totalCount } }")
    assert total["organizations"]["totalCount"] == 0


async def test_unknown_platform_and_duplicate_channel_keys(client: httpx.AsyncClient) -> None:
    data = await gql(
        client,
        CREATE,
        {"input": {**BAKERY, "channels": [{"platform": "myspace", "handle": "x"}]}},
    )
    [error] = data["createOrganization"]["userErrors"]
    assert error["code"] == "UNKNOWN_PLATFORM"
    assert error["field"] == ["input", "channels", "0", "platform"]

    created = await create_bakery(client)
    add = """mutation($o: ID!, $c: ChannelInput!) { addChannel(organizationId: $o, channel: $c) {
        channel { key } userErrors { field code message } } }"""
    duplicate = await gql(
        client, add, {"o": created["id"], "c": {"platform": "facebook", "handle": "b"}}
    )
    assert duplicate["addChannel"]["channel"] is None
    assert duplicate["addChannel"]["userErrors"][0]["code"] == "ALREADY_EXISTS"
    added = await gql(
        client, add, {"o": created["id"], "c": {"platform": "linkedin", "handle": "vanacker"}}
    )
    assert added["addChannel"] == {"channel": {"key": "linkedin"}, "userErrors": []}


async def test_update_goals_governance_and_delete(client: httpx.AsyncClient) -> None:
    created = await create_bakery(client)
    oid = created["id"]
    updated = await gql(
        client,
        """mutation($id: ID!) {
           updateOrganization(id: $id, input: {name: "Van Acker", employees: 14})
           { organization { name employees country } userErrors { message } } }""",
        {"id": oid},
    )
    assert updated["updateOrganization"]["organization"] == {
        "name": "Van Acker",
        "employees": 14,
        "country": "BE",  # left out, so kept
    }
    goals = await gql(
        client,
        """mutation($id: ID!, $g: [GoalInput!]!) { setGoals(organizationId: $id, goals: $g)
           { organization { goals { objective setUpFront targets { kpi target } } }
             userErrors { field code } } }""",
        {
            "id": oid,
            "g": [
                {
                    "objective": "SALES",
                    "setUpFront": True,
                    "targets": [{"kpi": "followers", "target": 3}],
                }
            ],
        },
    )
    assert goals["setGoals"]["organization"]["goals"] == [
        {"objective": "SALES", "setUpFront": True, "targets": [{"kpi": "followers", "target": 3.0}]}
    ]
    governance = await gql(
        client,
        """mutation($id: ID!) { setGovernance(organizationId: $id,
             governance: {owner: MARKETING, managementSupport: true, employeeTraining: false})
           { organization { governance { owner managementSupport pilotProjects
                                         employeeTraining } } } }""",
        {"id": oid},
    )
    assert governance["setGovernance"]["organization"]["governance"] == {
        "owner": "MARKETING",
        "managementSupport": True,
        "pilotProjects": None,  # left out: unknown
        "employeeTraining": False,  # false stays false
    }
    channel_id = created["channels"][1]["id"]
    removed = await gql(
        client,
        """mutation($c: ID!) { removeChannel(channelId: $c) { removedId
             organization { channels { key } } userErrors { code } } }""",
        {"c": channel_id},
    )
    assert removed["removeChannel"]["organization"]["channels"] == [{"key": "facebook"}]
    assert (await gql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": channel_id}))[
        "node"
    ] is None

    deleted = await gql(
        client,
        "mutation($id: ID!) { deleteOrganization(id: $id) { deletedId userErrors { code } } }",
        {"id": oid},
    )
    assert deleted["deleteOrganization"] == {"deletedId": oid, "userErrors": []}
    assert (await gql(client, READ, {"id": oid}))["organization"] is None
    again = await gql(
        client,
        "mutation($id: ID!) { deleteOrganization(id: $id) {"
        " deletedId userErrors { field code } } }",
        {"id": oid},
    )
    assert again["deleteOrganization"] == {
        "deletedId": None,
        "userErrors": [{"field": ["id"], "code": "NOT_FOUND"}],
    }


async def test_mutation_on_an_id_of_another_type_is_not_found(client: httpx.AsyncClient) -> None:
    created = await create_bakery(client)
    channel_id = created["channels"][0]["id"]
    data = await gql(
        client,
        """mutation($id: ID!) { setGovernance(organizationId: $id, governance: {})
           { organization { id } userErrors { field code } } }""",
        {"id": channel_id},
    )
    assert data["setGovernance"] == {
        "organization": None,
        "userErrors": [{"field": ["organizationId"], "code": "NOT_FOUND"}],
    }


PAGE = """
query($first: Int!, $after: String) {
  organizations(first: $first, after: $after) {
    totalCount
    edges { cursor node { name } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}
"""


async def test_connection_pages_through_every_organisation_once(client: httpx.AsyncClient) -> None:
    for index in range(5):
        await create_bakery(client, name=f"Bakery {index}", channels=[])
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        page = (await gql(client, PAGE, {"first": 2, "after": after}))["organizations"]
        assert page["totalCount"] == 5
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        seen += [e["node"]["name"] for e in page["edges"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == 3
    assert seen == [f"Bakery {i}" for i in range(5)]


async def test_page_size_and_cursor_are_checked(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": PAGE, "variables": {"first": 101}})
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "100" in body["errors"][0]["message"]
    response = await client.post(
        "/graphql", json={"query": PAGE, "variables": {"first": 2, "after": "bogus"}}
    )
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    ok = await gql(client, PAGE, {"first": 100})
    assert ok["organizations"]["edges"] == []


async def test_node_resolves_only_as_the_type_its_id_names(client: httpx.AsyncClient) -> None:
    created = await create_bakery(client)
    channel_id = created["channels"][0]["id"]
    query = """query($id: ID!) { node(id: $id) { __typename id
        ... on Organization { name } ... on Channel { key } } }"""
    assert (await gql(client, query, {"id": created["id"]}))["node"] == {
        "__typename": "Organization",
        "id": created["id"],
        "name": "Bakkerij Van Acker",
    }
    assert (await gql(client, query, {"id": channel_id}))["node"]["key"] == "facebook"
    # a channel's id is not an organisation's, and garbage is nobody's
    assert (await gql(client, READ, {"id": channel_id}))["organization"] is None
    assert (await gql(client, query, {"id": "not-an-id"}))["node"] is None


async def test_a_target_naming_no_kpi_is_a_user_error_with_a_suggestion(
    client: httpx.AsyncClient,
) -> None:
    """A typo in a target's KPI would never be judged: refused, with what was meant."""
    organisation = await create_bakery(client)
    answer = await gql(
        client,
        """mutation($id: ID!, $g: [GoalInput!]!) { setGoals(organizationId: $id, goals: $g)
           { organization { id } userErrors { field code message } } }""",
        {
            "id": organisation["id"],
            "g": [
                {
                    "objective": "AWARENESS",
                    "setUpFront": True,
                    "targets": [{"kpi": "folowers", "target": 500}],
                }
            ],
        },
    )
    payload = answer["setGoals"]
    assert payload["organization"] is None
    [error] = payload["userErrors"]
    assert error["field"] == ["goals", "0", "targets", "0", "kpi"]
    assert error["code"] == "NOT_FOUND"
    assert "did you mean `followers`" in error["message"]
