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
