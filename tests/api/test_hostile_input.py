"""Valid-looking input that used to become an internal error: reference times with offsets and
at the ends of the calendar, over-long and NUL-carrying names, ids, cursors and texts."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import create_bakery, example_file, gql, import_inline

pytestmark = pytest.mark.anyio

RUN_AS_OF = """
mutation($id: ID!, $asOf: DateTime) {
  runAssessment(organizationId: $id, asOf: $asOf) {
    assessment { asOf }
    userErrors { field code message }
  }
}
"""


@pytest.mark.parametrize(
    ("as_of", "utc"),
    [
        ("2024-06-30T00:00:00Z", "2024-06-30T00:00:00+00:00"),
        ("2024-06-30T00:00:00+02:00", "2024-06-29T22:00:00+00:00"),
        ("2024-06-30T00:00:00-05:30", "2024-06-30T05:30:00+00:00"),
        ("9999-12-31T23:59:59Z", "9999-12-31T23:59:59+00:00"),
    ],
)
async def test_a_reference_time_with_any_offset_is_assessed_in_utc(
    client: httpx.AsyncClient, as_of: str, utc: str
) -> None:
    organisation = await create_bakery(client)
    await import_inline(
        client, organisation["channels"][0]["id"], example_file("facebook", "posts.csv")
    )
    run = (await gql(client, RUN_AS_OF, {"id": organisation["id"], "asOf": as_of}))["runAssessment"]
    assert run["userErrors"] == []
    assert run["assessment"]["asOf"] == utc


async def test_a_reference_time_before_any_data_is_a_user_error(
    client: httpx.AsyncClient,
) -> None:
    organisation = await create_bakery(client)
    run = (
        await gql(client, RUN_AS_OF, {"id": organisation["id"], "asOf": "0001-01-01T00:00:00Z"})
    )["runAssessment"]
    assert run["assessment"] is None
    assert run["userErrors"][0]["field"] == ["asOf"]
    assert "0001-01-01 is before 1970-01-01" in run["userErrors"][0]["message"]


CREATE = """
mutation($input: OrganizationInput!) {
  createOrganization(input: $input) {
    organization { id }
    userErrors { field code message }
  }
}
"""
BASIC = {"name": "Bakkerij", "market": "B2C"}


@pytest.mark.parametrize(
    ("changes", "field", "said"),
    [
        ({"name": "x" * 250}, ["input", "name"], "250 characters long; at most 200"),
        ({"name": "Bak\x00kerij"}, ["input", "name"], "NUL character"),
        (
            {"channels": [{"platform": "facebook", "handle": "b", "id": "c" * 150}]},
            ["input", "channels", "0", "id"],
            "150 characters long; at most 100",
        ),
        (
            {"channels": [{"platform": "facebook", "handle": "b", "id": "fb\x00"}]},
            ["input", "channels", "0", "id"],
            "NUL character",
        ),
    ],
)
async def test_a_profile_the_database_cannot_hold_is_a_user_error(
    client: httpx.AsyncClient, changes: dict[str, object], field: list[str], said: str
) -> None:
    payload = (await gql(client, CREATE, {"input": {**BASIC, **changes}}))["createOrganization"]
    assert payload["organization"] is None
    error = payload["userErrors"][0]
    assert error["field"] == field and error["code"] == "INVALID"
    assert said in error["message"]


async def test_ids_and_cursors_with_nul_or_too_long_name_nothing(
    client: httpx.AsyncClient,
) -> None:
    from socialaudit.schema.ids import _encode

    await create_bakery(client)
    for local in ("a\x00b", "c" * 150):
        global_id = _encode(f"Organization:{local}")
        found = await gql(
            client, "query($id: ID!) { organization(id: $id) { id } }", {"id": global_id}
        )
        assert found == {"organization": None}
        cursor = _encode(f"2024-01-01T00:00:00+00:00|{local}")
        response = await client.post(
            "/graphql",
            json={
                "query": "query($after: String) { organizations(after: $after) { totalCount } }",
                "variables": {"after": cursor},
            },
        )
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert "not a cursor" in error["message"]


@pytest.mark.parametrize(
    ("row", "said"),
    [
        ("p" * 250 + ",2024-06-01T10:00:00Z,hallo,image,,,1,0,0,", "`id` is longer than 200"),
        ("p1,2024-06-01T10:00:00Z,hal\x00lo,image,,,1,0,0,", "`text` holds a NUL character"),
    ],
)
async def test_imported_rows_the_database_cannot_hold_get_a_located_error(
    client: httpx.AsyncClient, row: str, said: str
) -> None:
    organisation = await create_bakery(client)
    header = "id,created_at,text,media_type,impressions,reach,reactions,comments,shares,clicks\n"
    content = header + "p0,2024-06-01T09:00:00Z,eerst,image,,,1,0,0,\n" + row + "\n"
    payload = await import_inline(client, organisation["channels"][0]["id"], content)
    assert payload["channelImport"] is None
    error = payload["userErrors"][0]
    assert error["code"] == "MALFORMED_FILE" and error["field"] == ["input", "content"]
    assert "post 2" in error["message"] and said in error["message"]
